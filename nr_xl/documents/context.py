"""What the two documents say, computed from the roadmap (pure).

Every value is a ready-to-print French string (or a list of small dicts of
strings), so the Word templates hold no logic beyond loops and conditions and
users can edit them freely. User text is passed as plain data: the renderer
never evaluates it as a template.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from nr_xl.core import fmt, schema, vocabulary
from nr_xl.core.checks import budget as budget_check
from nr_xl.core.checks import capacity as capacity_check
from nr_xl.core.checks import governance as governance_check
from nr_xl.core.checks import legal
from nr_xl.core.checks._util import is_abandoned, norm
from nr_xl.core.committee import BudgetFigure, CapacityFigure
from nr_xl.documents import adjustments as adjust
from nr_xl.documents import french, record
from nr_xl.documents.wording import for_committee
from nr_xl.core.findings import STATUS_FEASIBLE, STATUS_LABEL, Report, Severity
from nr_xl.core.journal.snapshot import Adjustment
from nr_xl.core.model import Action, Indicator, Participant, Roadmap
from nr_xl.core.parse import Quarter

NOT_SET = "à préciser"
NO_AXIS = "Sans axe"
# A compte rendu is read, not searched: beyond these, the minutes say how many
# more there are and point to the Contrôles sheet.
MAX_BLOCKING, MAX_WARNINGS, MAX_ADJUSTMENTS = 30, 20, 30
# An annex lists in full, up to this many rows (a région's thousands are counted).
ANNEX_ROWS = 100
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


def _totals(figures: Iterable[BudgetFigure]) -> tuple[Decimal, Decimal]:
    """Investment and operating over the period: the check's figures (abandoned actions,
    TOTAL rows and unreadable years left out, as the rules leave them out)."""
    inv, op = Decimal(0), Decimal(0)
    for f in figures:
        if f.nature == schema.NATURES[0]:
            inv += Decimal(str(f.planned))
        else:
            op += Decimal(str(f.planned))
    return inv, op


def not_voted(roadmap: Roadmap, figures: Iterable[BudgetFigure]) -> Decimal:
    """What the check's figures plan on envelopes only asked for (« Demandée », « À
    confirmer »): the part of the budget a vote may still cut."""
    envelopes = budget_check.envelopes(roadmap)
    total = Decimal(0)
    for f in figures:
        env = envelopes.get((f.year, norm(f.financing)))
        if env is not None and budget_check.not_voted(env):
            total += Decimal(str(f.planned))
    return total


def _to_vote(roadmap: Roadmap, figures: tuple[BudgetFigure, ...], total: Decimal) -> str:
    """« , dont 220 500 € (28 %) reposent sur des enveloppes qui restent à voter », or ""."""
    pending = not_voted(roadmap, figures)
    if not pending or not total:
        return ""
    return (f", dont {fmt.euros(pending)} ({fmt.percent(pending / total)}) reposent sur des enveloppes qui restent "
            "à voter")


def budget_by_year(figures: Iterable[BudgetFigure]) -> list[dict[str, Any]]:
    """All financings together, as in Synthèse: planned vs envelopes per year, from the check's figures."""
    planned: dict[int, Decimal] = defaultdict(Decimal)
    envelope: dict[int, Decimal] = defaultdict(Decimal)
    for f in figures:
        planned[f.year] += Decimal(str(f.planned))
        envelope[f.year] += Decimal(str(f.envelope or 0))
    rows = []
    for year in sorted(set(planned) | set(envelope)):
        gap = envelope[year] - planned[year]
        rows.append({"annee": str(year), "prevu": fmt.keuros(planned[year]), "prevu_euros": fmt.euros(planned[year]),
                     "enveloppe": fmt.keuros(envelope[year]),
                     "ecart": ("+" if gap > 0 else "") + fmt.keuros(gap),
                     "situation": "dépassement" if gap < 0 else "dans l'enveloppe",
                     "prevu_nombre": float(planned[year]), "enveloppe_nombre": float(envelope[year])})
    return rows


def staff_by_service(figures: Iterable[CapacityFigure]) -> list[dict[str, Any]]:
    """Each service's most loaded quarter over the whole roadmap, from the check's figures."""
    best: dict[str, CapacityFigure] = {}
    for item in figures:
        ratio = item.ratio
        current = best.get(item.service)
        if current is None or (ratio or 0) > (current.ratio or 0):
            best[item.service] = item
    rows = []
    for item in sorted(best.values(), key=lambda i: -(i.ratio or 0)):
        rows.append({
            "service": item.service, "trimestre": item.peak_quarter,
            # Worded as the text words it (« 2e trimestre 2027 »), for the tables of the documents.
            "trimestre_mots": _quarter_words(item.peak_quarter),
            "charge": fmt.days(item.peak_load),
            "capacite": fmt.days(item.capacity) if item.capacity is not None else "non déclarée",
            "taux": fmt.percent(item.ratio) if item.ratio is not None else "—",
            "situation": ("surcharge" if (item.ratio or 0) > 1 else "proche de la limite"
                          if (item.ratio or 0) > 0.9 else "tenable"),
            "charge_nombre": float(item.peak_load),
            "capacite_nombre": float(item.capacity or 0),
        })
    return rows


def _quarter_words(text: str) -> str:
    """« 2027-T2 » -> « 2e trimestre 2027 »; anything else as it is."""
    m = re.fullmatch(r"(\d{4})-T([1-4])", text)
    return french.quarter_words(Quarter(int(m.group(1)), int(m.group(2)))) if m else text


def axes(roadmap: Roadmap) -> list[dict[str, Any]]:
    """The actions still in the roadmap (abandoned ones left out) and their budget, by axis:
    the lines the checks count, so the axes add up to the total."""
    by_axis: dict[str, list[Action]] = defaultdict(list)
    for action in roadmap.actions:
        if not is_abandoned(action):
            by_axis[action.axis or NO_AXIS].append(action)
    spend: dict[str, Decimal] = defaultdict(Decimal)
    axis_of = {a.id: a.axis or NO_AXIS for a in roadmap.actions}
    for line in budget_check.counted(roadmap):
        name = axis_of.get(line.action or "", NO_AXIS)
        spend[name] += line.investment + line.operating
        by_axis.setdefault(name, [])
    return [{"axe": name, "actions": fmt.plural(len(items), "action"), "nombre": str(len(items)),
             "budget": fmt.keuros(spend[name]), "budget_nombre": float(spend[name])}
            for name, items in by_axis.items()]


def _quarter_text(action: Action) -> str:
    if action.start is None:
        return NOT_SET
    months = {1: "janvier", 2: "avril", 3: "juillet", 4: "octobre"}
    return f"{months[action.start.q]} {action.start.year}"


def first_actions(roadmap: Roadmap, when: dt.date | None = None, limit: int = 6,
                  published: bool = False) -> list[dict[str, str]]:
    """The actions that start soon: from the quarter of ``when`` (the launch, the committee)
    on, the earliest start and the quarter after; never one finished or abandoned, nor one
    that had started before. ``published``: titles holding a working note are left out."""
    done = (schema.ACTION_DONE, schema.ACTION_ABANDONED)
    since = Quarter(when.year, (when.month - 1) // 3 + 1).ordinal if when else None
    started = sorted((a for a in roadmap.actions if a.start and a.status not in done
                      and (since is None or a.start.ordinal >= since)
                      and not (published and vocabulary.working_note(a.title))),
                     key=lambda a: (a.start, a.row))
    if not started:
        return []
    first = started[0].start
    assert first is not None
    window = [a for a in started if a.start and a.start.ordinal <= first.ordinal + 1]
    return [{"id": a.id, "action": french.apostrophes(a.title or a.id), "pilote": a.pilot or NOT_SET,
             "debut": _quarter_text(a), "trimestre": str(a.start)} for a in window[:limit]]


def commitments(roadmap: Roadmap, limit: int = 5, published: bool = False) -> list[dict[str, str]]:
    """3 to 5 headline commitments: the best-defined KPIs that follow the most actions
    (``published``: none whose name holds a working note)."""
    uses: dict[str, int] = defaultdict(int)
    for action in roadmap.actions:
        for ref in action.indicators:
            uses[ref] += 1
    ready = [i for i in roadmap.indicators if i.target is not None and i.deadline and i.name
             and not (published and vocabulary.working_note(i.name))]
    # A measured starting point makes a commitment concrete: those come first.
    ready.sort(key=lambda i: (not i.baseline, -uses[i.id], i.row))
    return [{"indicateur": i.name or i.id, "texte": french.apostrophes(_commitment(i)), "id": i.id}
            for i in ready[:limit]]


def _value(number: Decimal | None, unit: str | None) -> str:
    return "" if number is None else record.value_with_unit(number, unit)


def _commitment(ind: Indicator) -> str:
    target = _value(ind.target, ind.unit)
    if ind.baseline is not None:
        since = f" ({ind.baseline_year})" if ind.baseline_year else ""
        return f"{ind.name} : de {_value(ind.baseline, ind.unit)}{since} à {target} en {ind.deadline}"
    return f"{ind.name} : {target} en {ind.deadline}"


def _names(people: list[Participant]) -> str:
    return french.apostrophes(", ".join(f"{p.name} ({p.function})" if p.function else p.name
                                        for p in people)) or "aucun"


def governance_rows(roadmap: Roadmap, report: Report) -> list[dict[str, str]]:
    """The bodies and whether each is set up in time, as the check decided it."""
    late = {f.key for f in report.findings if f.code == "governance.late_setup"}
    verifiable = governance_check.deadline(roadmap) is not None
    rows = []
    for body in roadmap.governance:
        if body.installed_on is None:
            in_time = "date à fixer"
        elif body.name in late:
            in_time = "non, au-delà du délai"
        else:
            in_time = "oui" if verifiable else "délai non vérifiable"
        rows.append({"instance": body.name, "role": french.apostrophes(body.role or ""),
                     "presidence": body.chair or "", "frequence": body.frequency or "",
                     "installation": _date(body.installed_on), "dans_le_delai": in_time})
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
    steering = next((b for b in roadmap.governance if governance_check.is_steering_committee(b.name)), None)
    if steering and steering.frequency:
        return f"à fixer ; le comité de pilotage se réunit {steering.frequency.lower()}."
    return "à fixer."


def _services(roadmap: Roadmap) -> list[str]:
    names = {c.service for c in roadmap.capacities if c.service} | {w.service for w in roadmap.workload if w.service}
    names |= {s.service for s in roadmap.skills if s.service} | {a.pilot for a in roadmap.actions if a.pilot}
    return sorted(names)


# What every document says of the roadmap (the follow-up documents too: followup_context.py).
def common(roadmap: Roadmap, report: Report, when: dt.date | None) -> dict[str, Any]:
    p = roadmap.parameters
    inv, op = _totals(report.figures.budget)
    years = _years(roadmap)
    launch = roadmap.launch
    live = [a for a in roadmap.actions if not is_abandoned(a)]
    return {
        "collectivite": french.apostrophes(p.local_authority or NOT_SET),
        "logo": (p.logo or "").strip(),
        "population": fmt.number(p.population, 0) + " habitants" if p.population else "",
        "presidence": p.committee_chair or NOT_SET,
        "ambition": french.apostrophes(p.ambition or ""),
        "version": p.version or "1.0",
        "contact": p.contact or "",
        "periode": _period(roadmap),
        "premiere_annee": str(years[0]) if years else "",
        "derniere_annee": str(years[-1]) if years else "",
        "budget_total": fmt.euros(inv + op),
        "budget_a_voter": _to_vote(roadmap, report.figures.budget, inv + op),
        "investissement_total": fmt.euros(inv),
        "fonctionnement_total": fmt.euros(op),
        "nb_actions": fmt.plural(len(live), "action"),
        "nb_axes": fmt.plural(len({a.axis for a in live if a.axis}), "axe"),
        "axes": axes(roadmap),
        "budget_annees": budget_by_year(report.figures.budget),
        "gouvernance": governance_rows(roadmap, report),
        "lancement": _date(launch.date) if launch else NOT_SET,
        "delai_gouvernance": fmt.plural(p.governance_delay_days, "jour"),
        "premieres_actions": first_actions(roadmap, when),
        "decision": record.decision(roadmap) or "",
        "validee": record.validated(roadmap),
        # What the documents must not hide: points that block the roadmap, cells the check could not read.
        "nb_bloquants_feuille": sum(1 for f in report.findings
                                    if f.severity is Severity.ERROR and f.dimension in schema.DIMENSIONS),
        "nb_a_corriger": sum(1 for f in report.to_complete if f.severity is Severity.ERROR),
    }


def _more(count: int, singular: str, plural: str, annex: str = "") -> str:
    """« … et 8 autres points à arbitrer (liste complète en annexe 3). », or « … non
    reproduits. » in an annex (or without annexes): never a sheet of the workbook."""
    if count <= 0:
        return ""
    where = f" (liste complète en {annex.lower()})" if annex else ", non reproduits ici"
    return f"… et {fmt.plural(count, singular, plural)} de plus{where}."


def _capped(rows: list[Any], limit: int, noun: tuple[str, str], annex: str = "") -> tuple[list[Any], str]:
    return rows[:limit], _more(len(rows) - limit, *noun, annex=annex)


def _review(report: Report, presented: Report | None, services: list[str]) -> dict[str, Any]:
    """Feasibility as presented and after the committee's adjustments: the roadmap's
    points only (the nine dimensions), never the workbook's typing, each sentence worded
    for the committee (no sheet, column or line of the workbook)."""
    before = presented or report

    def say(text: str) -> str:
        return for_committee(text, services)

    def item(f, suite: str, advise: bool) -> dict[str, str]:
        # A point the adjustments resolved keeps its diagnosis, not its advice.
        return {"message": say(f.message), "suggestion": say(f.suggestion) if advise else "",
                "dimension": f.dimension, "code": f.code, "suite": suite}
    now_keys = {(f.code, f.key) for f in report.findings}
    errors = [f for f in before.findings if f.severity is Severity.ERROR and f.dimension in schema.DIMENSIONS]
    remaining = [f for f in report.findings if f.severity is Severity.ERROR and f.dimension in schema.DIMENSIONS]
    before_keys = {(e.code, e.key) for e in errors}  # once: per finding, quadratic at région scale
    # Which points and why first; their sentences only for the ones shown: the
    # prose of thousands of findings would cost more than the whole document.
    listed = [(f, "Reste à traiter", True) if (f.code, f.key) in now_keys
              else (f, "Levé par les ajustements", False) for f in errors]
    listed += [(f, "Apparu avec les ajustements", True) for f in remaining
               if (f.code, f.key) not in before_keys]
    warnings = [f for f in report.findings if f.severity is Severity.WARNING and f.dimension in schema.DIMENSIONS]
    presented_dimensions = before.dimensions  # once: each reading scans every finding
    return {
        "statut_presente": STATUS_LABEL[before.feasibility],
        "statut": STATUS_LABEL[report.feasibility],
        "dimensions": [{"dimension": d, "presente": STATUS_LABEL[presented_dimensions.get(d, STATUS_FEASIBLE)],
                        "statut": STATUS_LABEL[s]} for d, s in report.dimensions.items() if d in schema.DIMENSIONS],
        "bloquants": [item(*entry) for entry in listed[:MAX_BLOCKING]],
        "autres_bloquants": _more(len(listed) - MAX_BLOCKING, "point bloquant", "points bloquants"),
        "nb_bloquants": fmt.plural(len(errors), "point bloquant", "points bloquants"),
        "nb_bloquants_restants": fmt.plural(len(remaining), "point bloquant", "points bloquants"),
        "alertes": [item(f, "", False) for f in warnings[:MAX_WARNINGS]],
        "autres_alertes": _more(len(warnings) - MAX_WARNINGS, "point à arbitrer", "points à arbitrer"),
        "nb_alertes": fmt.plural(len(warnings), "point à arbitrer", "points à arbitrer"),
    }


# The annexes of the minutes, in order (a key of the context's « annexes », its title); the
# adjustments' annex only when the committee adjusted something.
ANNEXES = (("chiffres", "La feuille de route en chiffres"), ("ajustements", "Les ajustements en détail"),
           ("faisabilite", "La revue de faisabilité"), ("indicateurs", "Les indicateurs de suivi"),
           ("risques", "Les risques critiques et les facteurs clés de succès"),
           ("etapes", "Les prochaines étapes : validation, gouvernance, premières actions"))


def _annexes(with_annexes: bool, adjusted: bool) -> dict[str, str]:
    """Key -> « Annexe N », numbered in order over the annexes the minutes hold."""
    if not with_annexes:
        return {}
    keys = [k for k, _ in ANNEXES if k != "ajustements" or adjusted]
    return {k: f"Annexe {n}" for n, k in enumerate(keys, start=1)}


def _decision_record(roadmap: Roadmap, groups: list[dict[str, Any]], annex: str
                     ) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The decisions in the order the committee took them: the adjustments (the journal's
    order), its decision on the roadmap, then those typed in « Décisions »; each with who
    carries it out and by when when the workbook says so. And the actions to carry out,
    each restating what is to be done."""
    items: list[dict[str, Any]] = []
    for group in groups:
        # The committee's motif is worded as what it decided; its changes are in the annex.
        items.append({"texte": group["motif"].rstrip(".") + ".", "qui": group.get("responsables", ""),
                      "quand": "", "annexe": annex, "changements": group["changements"]})
    items.append({"texte": record.committee_decision_text(roadmap), "qui": "", "quand": "", "annexe": "",
                  "changements": []})
    follow_up = []
    for d in roadmap.decisions:
        if not d.text:
            continue
        text = french.apostrophes(d.text)
        items.append({"texte": text, "qui": d.owner or "", "quand": _date(d.due) if d.due else "", "annexe": "",
                      "changements": []})
        if d.owner or d.due:
            follow_up.append({"qui": d.owner or NOT_SET, "quoi": text.rstrip("."), "echeance": _date(d.due)})
    for number, entry in enumerate(items, start=1):
        entry["numero"] = str(number)
    return items, follow_up


def minutes_context(roadmap: Roadmap, report: Report, adjustments: list[Adjustment],
                    dated: dt.date | None = None, presented: Report | None = None,
                    journal_fingerprint: str = "", with_annexes: bool | None = None) -> dict[str, Any]:
    """The compte rendu: a relevé de décisions (heading, participants, decisions in séance
    order, actions to carry out, next meeting, diffusion) and its numbered annexes (left
    out with ``with_annexes=False``; None: as « Annexes du compte rendu » says, with them
    unless « Non »). ``dated``: the date printed (by default the
    committee's); ``journal_fingerprint``: the journal's head, printed at the end."""
    p = roadmap.parameters
    when = dated or p.committee_on
    # Every row counts: « x », « oui », « représenté par … » were read as present (with the
    # representative named), and a presence no one typed is said as such.
    present = [x for x in roadmap.participants if x.presence == schema.PRESENT]
    excused = [x for x in roadmap.participants if x.presence == schema.EXCUSED]
    absent = [x for x in roadmap.participants if x.presence == schema.ABSENT]
    unknown = [x for x in roadmap.participants if x.presence not in (schema.PRESENT, schema.EXCUSED, schema.ABSENT)]
    workload = sum((w.days for w in capacity_check.counted(roadmap)), Decimal(0))
    context = common(roadmap, report, when)
    groups = adjust.grouped(adjustments, roadmap)
    if with_annexes is None:
        with_annexes = norm(p.minutes_annexes) not in ("non", "sans", "sans annexes", "n", "0", "false", "faux")
    annexes = _annexes(with_annexes, bool(groups))
    shown_groups, more_groups = groups[:MAX_ADJUSTMENTS], len(groups) - MAX_ADJUSTMENTS
    decisions, follow_up = _decision_record(roadmap, shown_groups, annexes.get("ajustements", ""))
    staff = staff_by_service(report.figures.capacity)
    label, version = record.version_line(roadmap)
    bodies = record.other_bodies(roadmap, when)
    context.update({
        "date_comite": _date(p.committee_on),
        "lieu": french.apostrophes(p.committee_place or NOT_SET),
        "date_formalisation": _date(p.formalised_on),
        "date_redaction": _date(when),
        "date_iso": when,
        "projet": p.minutes_approved_on is None,
        "approuve_le": _date(p.minutes_approved_on),
        "version_libelle": label,
        "presents": record.participants_table(present, p.local_authority),
        "organisation_unique": record.single_organisation(present),
        "une_organisation": len({norm(x.organisation) for x in present}) <= 1,
        "nb_presents": fmt.plural(len(present), "participant présent", "participants présents"),
        "excuses": _names(excused),
        "absents": _names(absent),
        "presence_inconnue": _names(unknown) if unknown else "",
        "ajustes": bool(adjustments),
        "avec_annexes": bool(annexes),
        "annexes": annexes,
        "releve": decisions,
        "autres_decisions": _more(more_groups, "ajustement", "ajustements", annexes.get("ajustements", "")),
        "actions_a_mener": follow_up,
        # The « Décisions » table as typed, for templates a collectivité wrote with it.
        "decisions": [{"numero": d.number, "texte": d.text or "", "responsable": d.owner or NOT_SET,
                       "echeance": _date(d.due)} for d in roadmap.decisions],
        "diffusion": record.diffusion(roadmap),
        "redacteur": record.drafter(roadmap),
        "prochaine_reunion": _next_meeting(roadmap, p.committee_on),
        # Printed for readers to quote if the journal is ever questioned (README: how to check it).
        "empreinte_journal": journal_fingerprint,
        "a_confirmer": record.unconfirmed_bodies(roadmap, when),
        # The annexes.
        "charge_totale": fmt.days(workload),
        "charge_tous_services": staff,
        "ajustements": shown_groups,
        "autres_ajustements": _more(more_groups, "ajustement", "ajustements"),
        "validations": record.validation_table(roadmap, p.committee_on, when),
        "autres_instances": bodies,
        "premier_cotech": _first_cotech(roadmap),
    })
    for key, more, rows, noun in (
            ("budget_enveloppes", "autres_budget", record.budget_by_envelope(report.figures.budget),
             ("ligne", "lignes")),
            ("charge_services", "autres_services", staff, ("service", "services")),
            ("indicateurs", "autres_indicateurs", record.indicators(roadmap), ("indicateur", "indicateurs")),
            ("risques_critiques", "autres_risques", record.critical_risks(roadmap), ("risque", "risques")),
            ("facteurs_cles", "autres_facteurs", record.success_factors(roadmap),
             ("facteur clé de succès", "facteurs clés de succès"))):
        context[key], context[more] = _capped(rows, ANNEX_ROWS, noun)
    context.update(_review(report, presented, _services(roadmap)))
    return context


_TRAINING = re.compile(r"\bform(er|ation|ations)\b")
_EPCI = ("communaute", "agglomeration", "metropole", "syndicat", "communes", "pays ", "petr")


def _participation(roadmap: Roadmap) -> list[str]:
    """How to take part, only through what the workbook says exists."""
    out = []
    referents = next((b.name for b in roadmap.governance if "referent" in norm(b.name)), None)
    # « former », « formation(s) » as words: « informatique » or « plateforme » are no training.
    trains = any(_TRAINING.search(norm(a.axis)) or _TRAINING.search(norm(a.title)) for a in roadmap.actions)
    agent = []
    if referents:
        agent.append(f"rejoignez le {referents[:1].lower() + referents[1:]} de votre direction")
    if trains:
        agent.append("suivez les formations prévues par la feuille de route")
    if agent:
        out.append(french.apostrophes("Agents : " + french.join(agent) + "."))
    members = any(w in norm(roadmap.parameters.local_authority) for w in _EPCI)
    partners = any(norm(p.organisation) and norm(p.organisation) != norm(roadmap.parameters.local_authority)
                   for p in roadmap.participants)
    if members or partners:
        who = french.join((["communes membres"] if members else []) + (["partenaires"] if partners else []))
        where = " auprès du contact ci-dessous" if roadmap.parameters.contact else ""
        out.append(f"{who[:1].upper() + who[1:]} : le lancement officiel vous est ouvert ; vos propositions "
                   f"sont les bienvenues{where}.")
    return out


def kickoff_context(roadmap: Roadmap, report: Report, dated: dt.date | None = None) -> dict[str, Any]:
    """``dated``: the date printed on the announcement (by default the launch's).

    The announcement is public: it claims only the decision recorded (``projet_annonce``
    when the roadmap is not validated: the draft says so), and leaves out every text still
    holding a working note (the ambition, an action's or an indicator's title)."""
    launch = roadmap.launch
    when = dated or (launch.date if launch else None)
    context = common(roadmap, report, when)
    headline = [c for c in commitments(roadmap, published=True)]
    p = roadmap.parameters
    context.update({
        "date_annonce": _date(when),
        "date_iso": when,
        "projet_annonce": not record.validated(roadmap),
        "ambition": "" if vocabulary.working_note(p.ambition) else context["ambition"],
        "premieres_actions": first_actions(roadmap, when, published=True),
        "engagements": headline,
        "nb_engagements": fmt.plural(len(headline), "engagement"),
        "reen": p.population is not None and legal.binds(legal.REEN, p),
        "validation": record.validation_claim(roadmap),
        "autres_instances": record.other_bodies(roadmap, when),
        "a_confirmer": record.unconfirmed_bodies(roadmap, when),
        "programmes": record.programmes(roadmap),
        "participer": _participation(roadmap),
    })
    return context


def chart_data(context: dict[str, Any]) -> dict[str, Any]:
    """The figures the two charts of the minutes draw (kept numeric for matplotlib)."""
    return {
        "budget": [(r["annee"], r["prevu_nombre"], r["enveloppe_nombre"]) for r in context["budget_annees"]],
        "charge": [(r["service"], r["charge_nombre"], r["capacite_nombre"])
                   for r in context["charge_tous_services"]],
    }

