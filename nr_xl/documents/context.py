"""What the two documents say, computed from the roadmap (pure).

Every value is a ready-to-print French string (or a list of small dicts of
strings), so the Word templates hold no logic beyond loops and conditions and
users can edit them freely. User text is passed as plain data: the renderer
never evaluates it as a template.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from nr_xl import fmt, schema
from nr_xl.checks import governance as governance_check
from nr_xl.checks._util import norm
from nr_xl.checks.figures import capacity_figures
from nr_xl.findings import Report, Severity
from nr_xl.journal.snapshot import Adjustment
from nr_xl.model import Action, Indicator, Roadmap
from nr_xl.workbook.layout import STATUS_LABEL

NOT_SET = "à préciser"
# A compte rendu is read, not searched: beyond these, the minutes say how many
# more there are and point to the Contrôles sheet.
MAX_BLOCKING, MAX_WARNINGS, MAX_ADJUSTMENTS = 30, 20, 60
# Template variables that receive the minutes' two charts.
CHART_BUDGET, CHART_WORKLOAD = "graphique_budget", "graphique_charge"


def _date(value: dt.date | None) -> str:
    return fmt.long_date(value) if value else NOT_SET


def _years(roadmap: Roadmap) -> list[int]:
    years = {line.year for line in roadmap.budget if line.year}
    for action in roadmap.actions:
        if action.period_valid:
            assert action.start and action.end
            years.update(range(action.start.year, action.end.year + 1))
    return sorted(years)


def _period(roadmap: Roadmap) -> str:
    years = _years(roadmap)
    return f"{years[0]}-{years[-1]}" if years else ""


def _totals(roadmap: Roadmap) -> tuple[Decimal, Decimal]:
    inv = sum((b.investment for b in roadmap.budget), Decimal(0))
    op = sum((b.operating for b in roadmap.budget), Decimal(0))
    return inv, op


def budget_by_year(roadmap: Roadmap) -> list[dict[str, Any]]:
    """All financings together, as in Synthèse: planned vs envelopes per year."""
    planned: dict[int, Decimal] = defaultdict(Decimal)
    envelope: dict[int, Decimal] = defaultdict(Decimal)
    for line in roadmap.budget:
        if line.year:
            planned[line.year] += line.investment + line.operating
    for env in roadmap.envelopes:
        if env.year:
            envelope[env.year] += (env.investment or 0) + (env.operating or 0)
    rows = []
    for year in sorted(set(planned) | set(envelope)):
        gap = envelope[year] - planned[year]
        rows.append({"annee": str(year), "prevu": fmt.keuros(planned[year]),
                     "enveloppe": fmt.keuros(envelope[year]),
                     "ecart": ("+" if gap > 0 else "") + fmt.keuros(gap),
                     "situation": "dépassement" if gap < 0 else "dans l'enveloppe",
                     "prevu_nombre": float(planned[year]), "enveloppe_nombre": float(envelope[year])})
    return rows


def staff_by_service(roadmap: Roadmap) -> list[dict[str, Any]]:
    """Each service's most loaded quarter over the whole roadmap."""
    best: dict[str, dict[str, Any]] = {}
    for item in capacity_figures(roadmap):
        ratio = item["ratio"]
        current = best.get(item["service"])
        if current is None or (ratio or 0) > (current["ratio"] or 0):
            best[item["service"]] = item
    rows = []
    for item in sorted(best.values(), key=lambda i: -(i["ratio"] or 0)):
        rows.append({
            "service": item["service"], "trimestre": item["peak_quarter"],
            "charge": fmt.days(item["peak_load"]),
            "capacite": fmt.days(item["capacity"]) if item["capacity"] is not None else "non déclarée",
            "taux": fmt.percent(item["ratio"]) if item["ratio"] is not None else "—",
            "situation": ("surcharge" if (item["ratio"] or 0) > 1 else "proche de la limite"
                          if (item["ratio"] or 0) > 0.9 else "tenable"),
            "charge_nombre": float(item["peak_load"]),
            "capacite_nombre": float(item["capacity"] or 0),
        })
    return rows


def axes(roadmap: Roadmap) -> list[dict[str, str]]:
    by_axis: dict[str, list[Action]] = defaultdict(list)
    for action in roadmap.actions:
        by_axis[action.axis or "Sans axe"].append(action)
    spend: dict[str, Decimal] = defaultdict(Decimal)
    axis_of = {a.id: a.axis or "Sans axe" for a in roadmap.actions}
    for line in roadmap.budget:
        if line.action in axis_of:
            spend[axis_of[line.action]] += line.investment + line.operating
    return [{"axe": name, "actions": fmt.plural(len(items), "action"), "nombre": str(len(items)),
             "budget": fmt.keuros(spend[name])} for name, items in by_axis.items()]


def _finding_text(f) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"message": f.message, "suggestion": f.suggestion, "dimension": f.dimension, "code": f.code}


def _quarter_text(action: Action) -> str:
    if action.start is None:
        return NOT_SET
    months = {1: "janvier", 2: "avril", 3: "juillet", 4: "octobre"}
    return f"{months[action.start.q]} {action.start.year}"


def first_actions(roadmap: Roadmap, limit: int = 6) -> list[dict[str, str]]:
    started = sorted((a for a in roadmap.actions if a.start), key=lambda a: (a.start, a.row))
    if not started:
        return []
    first = started[0].start
    assert first is not None
    window = [a for a in started if a.start and a.start.ordinal <= first.ordinal + 1]
    return [{"id": a.id, "action": a.title or a.id, "pilote": a.pilot or NOT_SET,
             "debut": _quarter_text(a), "trimestre": str(a.start)} for a in window[:limit]]


def commitments(roadmap: Roadmap, limit: int = 5) -> list[dict[str, str]]:
    """3 to 5 headline commitments: the best-defined KPIs that follow the most actions."""
    uses: dict[str, int] = defaultdict(int)
    for action in roadmap.actions:
        for ref in action.indicators:
            uses[ref] += 1
    ready = [i for i in roadmap.indicators if i.target is not None and i.deadline and i.name]
    # A measured starting point makes a commitment concrete: those come first.
    ready.sort(key=lambda i: (not i.baseline, -uses[i.id], i.row))
    return [{"indicateur": i.name or i.id, "texte": _commitment(i), "id": i.id} for i in ready[:limit]]


def _value(number: Decimal | None, unit: str | None) -> str:
    if number is None:
        return ""
    text = fmt.number(number, 2)
    if not unit:
        return text
    return f"{text}\u00a0%" if unit.strip() == "%" else f"{text}\u00a0{unit}"


def _commitment(ind: Indicator) -> str:
    target = _value(ind.target, ind.unit)
    if ind.baseline is not None:
        since = f" ({ind.baseline_year})" if ind.baseline_year else ""
        return f"{ind.name} : de {_value(ind.baseline, ind.unit)}{since} à {target} en {ind.deadline}"
    return f"{ind.name} : {target} en {ind.deadline}"


def _participants(roadmap: Roadmap, presence: str) -> list[dict[str, str]]:
    return [{"nom": p.name, "fonction": p.function or "", "organisation": p.organisation or ""}
            for p in roadmap.participants if p.presence == presence]


def _names(people: list[dict[str, str]]) -> str:
    return ", ".join(f"{p['nom']} ({p['fonction']})" if p["fonction"] else p["nom"] for p in people) or "aucun"


def governance_rows(roadmap: Roadmap) -> list[dict[str, str]]:
    limit = governance_check.deadline(roadmap)
    rows = []
    for body in roadmap.governance:
        if body.installed_on is None:
            in_time = "date à fixer"
        elif limit is None:
            in_time = "délai non vérifiable"
        else:
            in_time = "oui" if body.installed_on <= limit else "non, au-delà du délai"
        rows.append({"instance": body.name, "role": body.role or "", "presidence": body.chair or "",
                     "frequence": body.frequency or "", "installation": _date(body.installed_on),
                     "dans_le_delai": in_time})
    return rows


def validation_rows(roadmap: Roadmap, after: dt.date | None) -> list[dict[str, str]]:
    rows = []
    for step in sorted(roadmap.validations, key=lambda v: (v.date or dt.date.max, v.row)):
        if after and step.date and step.date <= after:
            continue
        rows.append({"instance": step.body, "objet": step.subject or "", "date": _date(step.date),
                     "statut": step.status or ""})
    return rows


def _first_cotech(roadmap: Roadmap) -> str:
    for body in roadmap.governance:
        if "technique" in norm(body.name) or "cotech" in norm(body.name):
            return _date(body.installed_on)
    return NOT_SET


def _next_meeting(roadmap: Roadmap, committee: dt.date | None) -> str:
    for step in sorted(roadmap.validations, key=lambda v: v.date or dt.date.max):
        if step.date and (committee is None or step.date > committee) and \
                governance_check.is_steering_committee(step.body):
            return f"{_date(step.date)} ({step.body})"
    copil = next((b for b in roadmap.governance if governance_check.is_steering_committee(b.name)), None)
    if copil and copil.frequency:
        return f"À fixer ; le comité de pilotage se réunit {copil.frequency.lower()}."
    return "À fixer."


def _shown(field: str, value: str) -> str:
    """A canonical journal value as a reader expects it: euros, j-h, or the text."""
    if not value:
        return "(vide)"
    try:
        number = Decimal(value)
    except ArithmeticError:
        return value
    if "(€)" in field:
        return fmt.euros(number)
    if field.startswith("Jours-homme"):
        return fmt.days(number)
    return value


def _adjustment_rows(adjustments: list[Adjustment]) -> list[dict[str, str]]:
    rows = []
    for a in adjustments:
        if a.sheet == schema.PARAMETRES.sheet and a.key == "Version":
            continue  # the version bump is said in the header, not as an adjustment
        subject = f"{a.sheet} — {a.key}" + (f" — {a.field}" if not a.field.startswith("(") else "")
        if a.field == "(ligne ajoutée)":
            before, after = "—", "ajout : " + a.after
        elif a.field == "(ligne supprimée)":
            before, after = a.before, "supprimé"
        else:
            before, after = _shown(a.field, a.before), _shown(a.field, a.after)
        rows.append({"objet": subject, "avant": before, "apres": after,
                     "motif": " ; ".join(a.reasons) or "—"})
    return rows


def _common(roadmap: Roadmap) -> dict[str, Any]:
    p = roadmap.parameters
    inv, op = _totals(roadmap)
    years = _years(roadmap)
    launch = roadmap.launch
    return {
        "collectivite": p.collectivite or NOT_SET,
        "population": fmt.number(p.population, 0) + " habitants" if p.population else "",
        "presidence": p.committee_chair or NOT_SET,
        "ambition": p.ambition or "",
        "version": p.version or "1.0",
        "contact": p.contact or NOT_SET,
        "periode": _period(roadmap),
        "premiere_annee": str(years[0]) if years else "",
        "derniere_annee": str(years[-1]) if years else "",
        "budget_total": fmt.euros(inv + op),
        "investissement_total": fmt.euros(inv),
        "fonctionnement_total": fmt.euros(op),
        "nb_actions": fmt.plural(len(roadmap.actions), "action"),
        "nb_axes": fmt.plural(len({a.axis for a in roadmap.actions if a.axis}), "axe"),
        "axes": axes(roadmap),
        "budget_annees": budget_by_year(roadmap),
        "gouvernance": governance_rows(roadmap),
        "lancement": _date(launch.date) if launch else NOT_SET,
        "delai_gouvernance": fmt.plural(p.governance_delay_days, "jour"),
        "premieres_actions": first_actions(roadmap),
    }


def _more(count: int, singular: str, plural: str) -> str:
    if count <= 0:
        return ""
    return f"… et {fmt.plural(count, singular, plural)} de plus : voir la feuille « Contrôles » du classeur."


def _review(report: Report, presented: Report | None) -> dict[str, Any]:
    """Feasibility as presented and after the committee's adjustments."""
    before = presented or report
    now_keys = {(f.code, f.key) for f in report.findings}
    errors = [f for f in before.findings if f.severity is Severity.ERROR]
    remaining = [f for f in report.findings if f.severity is Severity.ERROR]
    blocking = [dict(_finding_text(f), suite="Reste à traiter" if (f.code, f.key) in now_keys
                     else "Levé par les ajustements") for f in errors]
    before_keys = {(e.code, e.key) for e in errors}  # once: per finding, quadratic at région scale
    new_blocking = [dict(_finding_text(f), suite="Apparu avec les ajustements") for f in remaining
                    if (f.code, f.key) not in before_keys]
    warnings = [f for f in report.findings if f.severity is Severity.WARNING]
    listed = blocking + new_blocking
    return {
        "statut_presente": STATUS_LABEL[before.status],
        "statut": STATUS_LABEL[report.status],
        "dimensions": [{"dimension": d, "presente": STATUS_LABEL[before.dimensions.get(d, "faisable")],
                        "statut": STATUS_LABEL[s]} for d, s in report.dimensions.items()],
        "bloquants": listed[:MAX_BLOCKING],
        "autres_bloquants": _more(len(listed) - MAX_BLOCKING, "point bloquant", "points bloquants"),
        "nb_bloquants": fmt.plural(len(errors), "point bloquant", "points bloquants"),
        "nb_bloquants_restants": fmt.plural(len(remaining), "point bloquant", "points bloquants"),
        "alertes": [_finding_text(f) for f in warnings[:MAX_WARNINGS]],
        "autres_alertes": _more(len(warnings) - MAX_WARNINGS, "point à arbitrer", "points à arbitrer"),
        "nb_alertes": fmt.plural(len(warnings), "point à arbitrer", "points à arbitrer"),
    }


def minutes_context(roadmap: Roadmap, report: Report, adjustments: list[Adjustment],
                    today: dt.date, presented: Report | None = None,
                    journal_fingerprint: str = "") -> dict[str, Any]:
    p = roadmap.parameters
    presents = _participants(roadmap, "Présent")
    excuses = _participants(roadmap, "Excusé")
    absents = _participants(roadmap, "Absent")
    workload = sum((w.days for w in roadmap.workload), Decimal(0))
    context = _common(roadmap)
    adjustment_rows = _adjustment_rows(adjustments)
    context.update({
        "date_comite": _date(p.committee_on),
        "lieu": p.committee_place or NOT_SET,
        "date_formalisation": _date(p.formalised_on),
        "date_redaction": fmt.long_date(today),
        "presents": presents,
        "nb_presents": fmt.plural(len(presents), "participant présent", "participants présents"),
        "excuses": _names(excuses),
        "absents": _names(absents),
        "charge_totale": fmt.days(workload),
        "charge_services": staff_by_service(roadmap),
        "ajustements": adjustment_rows[:MAX_ADJUSTMENTS],
        "autres_ajustements": _more(len(adjustment_rows) - MAX_ADJUSTMENTS, "ajustement",
                                    "ajustements").replace("« Contrôles »", "« Journal »"),
        "decisions": [{"numero": d.number, "texte": d.text or "", "responsable": d.owner or NOT_SET,
                       "echeance": _date(d.due)} for d in roadmap.decisions],
        "validations": validation_rows(roadmap, p.committee_on),
        "premier_cotech": _first_cotech(roadmap),
        "prochaine_reunion": _next_meeting(roadmap, p.committee_on),
        # Once circulated, it anchors the journal outside the file (nr-xl verify).
        "empreinte_journal": journal_fingerprint,
    })
    context.update(_review(report, presented))
    return context


def kickoff_context(roadmap: Roadmap, today: dt.date) -> dict[str, Any]:
    context = _common(roadmap)
    headline = commitments(roadmap)
    context.update({
        "date_annonce": fmt.long_date(today),
        "engagements": headline,
        "nb_engagements": fmt.plural(len(headline), "engagement"),
        "reen": roadmap.parameters.population is not None
        and roadmap.parameters.population > 50000,
    })
    return context


def chart_data(context: dict[str, Any]) -> dict[str, Any]:
    """The figures the two charts of the minutes draw (kept numeric for matplotlib)."""
    return {
        "budget": [(r["annee"], r["prevu_nombre"], r["enveloppe_nombre"]) for r in context["budget_annees"]],
        "charge": [(r["service"], r["charge_nombre"], r["capacite_nombre"]) for r in context["charge_services"]],
    }

