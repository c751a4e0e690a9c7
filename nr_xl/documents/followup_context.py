"""What the follow-up documents say (pure): the follow-up committee's agenda and minutes,
and the yearly review of the strategy. Ready-to-print French strings, as context.py; the
figures come from the same computations as the rules (followup/, checks/spending_sums.py).
No sheet, column or command is named: the documents are sent as they are."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from nr_xl.core import fmt, schema
from nr_xl.core.checks import budget as budget_check
from nr_xl.core.checks._util import is_abandoned
from nr_xl.core.checks.spending_sums import sums as spending_sums
from nr_xl.core.errors import UsageError
from nr_xl.core.findings import Report
from nr_xl.core.followup import trajectory
from nr_xl.core.followup.asof import State, followup_date, quarter_end, states
from nr_xl.core.journal.chain import JournalRow
from nr_xl.core.journal.snapshot import Adjustment
from nr_xl.core.model import Roadmap
from nr_xl.core.obligations import BY_NAME
from nr_xl.core.parse import Quarter
from nr_xl.documents import adjustments as adjust
from nr_xl.documents import context as ctx
from nr_xl.documents import french, record

# Template variables that receive the before/after chart.
CHART_BEFORE_AFTER = "graphique_avant_apres"
_OPEN = (schema.DECISION_TO_DO, schema.DECISION_RUNNING)
_WORDS = {schema.ACTION_TO_START: "à lancer", schema.ACTION_RUNNING: "en cours", schema.ACTION_DONE: "terminée",
          schema.ACTION_POSTPONED: "reportée", schema.ACTION_ABANDONED: "abandonnée"}


def _percent(value: Decimal | None) -> str:
    return "" if value is None else fmt.number(value, 0) + "\u00a0%"


def _action_line(state: State) -> dict[str, str]:
    a = state.action
    note = "; ".join(t for t in (state.milestone, state.comment) if t)
    return {"id": a.id, "titre": french.apostrophes(a.title or ""), "pilote": a.pilot or ctx.NOT_SET,
            "statut": _WORDS.get(state.status, state.status.lower()), "avancement": _percent(state.percent),
            "note": french.apostrophes(note),
            "declare": fmt.long_date(state.reported_on) if state.reported_on else "non déclaré"}


def _late(where: dict[str, State], day: dt.date) -> list[dict[str, str]]:
    out = []
    for state in where.values():
        how = state.late(day)
        if how is None:
            continue
        a = state.action
        assert a.start is not None and a.end is not None
        expected = (f"devait démarrer au {french.quarter_words(a.start)}" if how == "not_started"
                    else f"devait être terminée au {french.quarter_words(a.end)}")
        out.append({**_action_line(state), "attendu": expected})
    return out


def _early(where: dict[str, State]) -> list[str]:
    out = []
    for state in where.values():
        if not state.started or state.uncertain:
            continue
        for ref in state.action.dependencies:
            dep = where.get(ref)
            if dep is not None and not dep.uncertain and not dep.closed:
                out.append(f"{state.action.id} a démarré alors que {ref}, dont elle dépend, est "
                           f"{_WORDS.get(dep.status, dep.status.lower())}.")
    return out


def measures_rows(roadmap: Roadmap, year: int | None = None) -> list[dict[str, Any]]:
    """The latest measure of each indicator (of ``year`` when given) against its trajectory."""
    found = trajectory.positions(roadmap)
    if year is not None:
        found = [p for p in found if p.measure.period is not None and p.measure.period.year == year]
    rows = []
    for p in trajectory.latest(found).values():
        ind, m = p.indicator, p.measure
        assert m.value is not None and m.period is not None
        if p.below_floor:
            verdict = f"sous le plancher légal ({fmt.number(p.floor or 0)}\u00a0%)"
        elif p.off_track:
            verdict = "hors trajectoire"
        elif p.expected is None:
            verdict = "sans trajectoire"
        else:
            verdict = "sur la trajectoire"
        period = f"fin {m.period.year}" if m.period.q == 4 else f"fin du {french.quarter_words(m.period)}"
        rows.append({"id": ind.id, "nom": french.apostrophes(ind.name or ind.id), "periode": period,
                     "valeur": fmt.quantity(m.value, ind.unit),
                     "attendu": fmt.quantity(p.expected, ind.unit) if p.expected is not None else "",
                     "cible": fmt.quantity(ind.target, ind.unit) + f" en {ind.deadline}"
                     if ind.target is not None and ind.deadline else "",
                     "verdict": verdict, "ecart": p.off_track or p.below_floor,
                     "source": french.apostrophes(m.source or ind.source or "source non précisée"),
                     "responsable": ind.owner or ctx.NOT_SET})
    return rows


def _decisions(roadmap: Roadmap, day: dt.date, numbers: set[str] | None = None,
               open_only: bool = True) -> list[dict[str, str]]:
    """The decisions (of ``numbers`` when given) still to do, or all of them."""
    out = []
    for d in roadmap.decisions:
        status = d.status or schema.DECISION_TO_DO
        if (open_only and status not in _OPEN) or (numbers is not None and d.number not in numbers):
            continue
        overdue = d.due is not None and d.due < day
        out.append({"numero": d.number, "texte": french.apostrophes(d.text or ""), "qui": d.owner or ctx.NOT_SET,
                    "echeance": fmt.long_date(d.due) if d.due else ctx.NOT_SET, "statut": status.lower(),
                    "echue": "échue" if overdue else ""})
    return out


def spending_rows(roadmap: Roadmap, year: int) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Per action: planned, committed, paid that year; and the totals."""
    spent = spending_sums(roadmap)
    titles = {a.id: a.title or "" for a in roadmap.actions}
    actions = sorted({a for a, y in spent.planned if y == year} | {a for a, y in spent.by_action if y == year})
    rows, total = [], {"prevu": Decimal(0), "engage": Decimal(0), "mandate": Decimal(0)}
    for action in actions:
        planned = spent.planned.get((action, year), Decimal(0))
        line = spent.by_action.get((action, year))
        committed, paid = (line.committed, line.paid) if line else (Decimal(0), Decimal(0))
        counted = line.spent if line else Decimal(0)
        total["prevu"] += planned
        total["engage"] += committed
        total["mandate"] += paid
        rows.append({"id": action, "titre": french.apostrophes(titles.get(action, "")), "prevu": fmt.euros(planned),
                     "engage": fmt.euros(committed), "mandate": fmt.euros(paid),
                     "ecart": ("+" + fmt.euros(counted - planned)) if counted > planned else ""})
    rate = (total["engage"] / total["prevu"] * 100) if total["prevu"] else None
    return rows, {"prevu": fmt.euros(total["prevu"]), "engage": fmt.euros(total["engage"]),
                  "mandate": fmt.euros(total["mandate"]),
                  "taux": _percent(rate) if rate is not None else ""}


def _axis_budget(roadmap: Roadmap) -> dict[tuple[str, int], Decimal]:
    axis = {a.id: a.axis or ctx.NO_AXIS for a in roadmap.actions}
    out: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for line in budget_check.counted(roadmap):
        if line.action is not None and line.year is not None:
            out[(axis.get(line.action, ctx.NO_AXIS), line.year)] += line.investment + line.operating
    return dict(out)


def before_after(before: Roadmap | None, after: Roadmap) -> dict[str, Any]:
    """The budget per axis and year of the reference beside today's, and the actions per axis."""
    if before is None:
        return {"avant_apres": [], "avant_apres_annees": [], "avant_apres_total": {}}
    old, new = _axis_budget(before), _axis_budget(after)
    rows = []
    for axis, year in sorted(set(old) | set(new), key=lambda k: (k[0], k[1])):
        a, b = old.get((axis, year), Decimal(0)), new.get((axis, year), Decimal(0))
        rows.append({"axe": french.apostrophes(axis), "annee": str(year), "avant": fmt.euros(a), "apres": fmt.euros(b),
                     "ecart": "" if a == b else ("+" if b > a else "") + fmt.euros(b - a)})
    years = sorted({y for _, y in set(old) | set(new)})
    by_year = [{"annee": str(y),
                "avant_nombre": float(sum((v for (_, yy), v in old.items() if yy == y), Decimal(0))),
                "apres_nombre": float(sum((v for (_, yy), v in new.items() if yy == y), Decimal(0)))}
               for y in years]
    live_before = sum(1 for a in before.actions if not is_abandoned(a))
    live_after = sum(1 for a in after.actions if not is_abandoned(a))
    planned = {a.id: (a.start, a.end) for a in before.actions}
    moved = sorted(a.id for a in after.actions if a.id in planned and planned[a.id] != (a.start, a.end))
    return {"avant_apres": rows, "avant_apres_annees": by_year, "avant_apres_total": {
        "avant": fmt.euros(sum(old.values(), Decimal(0))), "apres": fmt.euros(sum(new.values(), Decimal(0))),
        "actions_avant": fmt.plural(live_before, "action"), "actions_apres": fmt.plural(live_after, "action"),
        "replanifiees": french.join(moved) if moved else "aucune"}}


def followup_context(roadmap: Roadmap, report: Report, adjustments: list[Adjustment], before: Roadmap | None,
                     dated: dt.date | None = None, journal_fingerprint: str = "",
                     agenda_only: bool = False) -> dict[str, Any]:
    """The follow-up committee: its agenda (progress, late actions, off-track indicators,
    open decisions), and once held, its minutes (adjustments, the decision, the before/after)."""
    day = followup_date(roadmap) or dated
    if day is None:
        raise UsageError(f"Aucune date de suivi : renseignez « {schema.FOLLOWUP_ON.key} » dans "
                         f"« {schema.PARAMETER_TABLE.sheet} » (ou notez un avancement daté dans "
                         f"« {schema.PROGRESS.sheet} »), ou passez --date.")
    when = dated or day
    where = states(roadmap, day)
    live = [s for s in where.values() if not is_abandoned(s.action)]
    late = _late(where, day)
    measured = measures_rows(roadmap)
    off = [m for m in measured if m["ecart"]]
    # The decisions taken before this committee, and those it takes (typed since the presentation).
    earlier = {d.number for d in before.decisions} if before is not None else None
    taken = {d.number for d in roadmap.decisions} - earlier if earlier is not None else set()
    decisions = _decisions(roadmap, day, earlier)
    overdue = [d for d in decisions if d["echue"]]
    spent, totals = spending_rows(roadmap, day.year)
    done = sum(1 for s in live if s.status == schema.ACTION_DONE)
    running = sum(1 for s in live if s.status == schema.ACTION_RUNNING)
    # The decisions typed are listed as such, not as adjustments of the roadmap.
    groups = adjust.grouped([a for a in adjustments if a.sheet != schema.DECISIONS.sheet], roadmap)
    for g in groups:
        motif = str(g["motif"])
        g["motif"] = motif if motif.endswith((".", "!", "?")) else motif + "."
    label, version = record.version_line(roadmap)
    context = ctx.common(roadmap, report, when)
    context.update({
        "titre": "Ordre du jour du comité de suivi" if agenda_only else "Compte rendu du comité de suivi",
        "ordre_du_jour_seul": agenda_only,
        "date_suivi": fmt.long_date(day),
        "date_iso": when,
        "lieu": french.apostrophes(roadmap.parameters.committee_place or ctx.NOT_SET),
        "version_libelle": label,
        "ordre_du_jour": [
            f"Avancement des actions au {fmt.long_date(day)} : {fmt.plural(done, 'terminée')}, "
            f"{fmt.plural(running, 'en cours', 'en cours')} sur {fmt.plural(len(live), 'action')}",
            f"Actions en retard sur leur calendrier : {fmt.number(len(late), 0)}",
            f"Indicateurs mesurés hors de leur trajectoire ou sous un plancher légal : {fmt.number(len(off), 0)}",
            f"Décisions des comités précédents restant à faire : {fmt.number(len(decisions), 0)}, "
            f"dont {fmt.number(len(overdue), 0)} échue(s)",
            f"Dépenses {day.year} face au budget prévu",
            "Ajustements de la feuille de route et décision du comité",
        ],
        "avancement": [_action_line(s) for s in live if s.reported_on is not None or s.started],
        "retards": late,
        "demarrages_anticipes": _early(where),
        "mesures": measured,
        "hors_trajectoire": off,
        "decisions_ouvertes": decisions,
        "annee_depenses": str(day.year),
        "depenses": spent,
        "depenses_total": totals,
        "ajustements": groups,
        "decisions_prises": _decisions(roadmap, day, taken, open_only=False),
        # Adjusted, the committee voted the new version; else it took note of the progress.
        "decision_comite": record.committee_decision_text(roadmap) if adjustments else
        f"Le comité prend acte de l'avancement ; la feuille de route reste en version {version}.",
        "empreinte_journal": journal_fingerprint,
        "diffusion": record.diffusion(roadmap),
        "version_reference": "",
    })
    context.update(before_after(before, roadmap))
    return _capped_tables(context)


# A document is read, not searched: a région's thousands of rows are counted beyond these.
_TABLES = (("avancement", ("action suivie", "actions suivies")), ("retards", ("action en retard", "actions en retard")),
           ("mesures", ("indicateur mesuré", "indicateurs mesurés")), ("depenses", ("action", "actions")),
           ("decisions_ouvertes", ("décision", "décisions")), ("terminees", ("action terminée", "actions terminées")),
           ("avant_apres", ("ligne", "lignes")))


def _capped_tables(context: dict[str, Any]) -> dict[str, Any]:
    """Each long table cut at ``context.ANNEX_ROWS`` rows, « autres_<table> » saying how many more
    (every noun counted here is feminine: « non reproduites »)."""
    for key, (singular, plural) in _TABLES:
        if key in context:
            rows, more = context[key], len(context[key]) - ctx.ANNEX_ROWS
            context[key] = rows[:ctx.ANNEX_ROWS]
            context["autres_" + key] = (f"… et {fmt.plural(more, singular, plural)} de plus, non "
                                        f"reproduite{'s' if more > 1 else ''} ici." if more > 0 else "")
    return context


def _year_journal(journal: list[JournalRow], year: int) -> list[dict[str, str]]:
    """The committees' changes of ``year`` as the journal records them: one line per reason
    (the decisions typed and the versions are said elsewhere)."""
    seen: dict[tuple[str, str], int] = {}
    for row in journal:
        if str(year) not in row.timestamp.split(" ")[0] or \
                row.sheet in (schema.PARAMETER_TABLE.sheet, schema.DECISIONS.sheet):
            continue
        key = (row.instance, row.reason or adjust.NO_REASON)
        seen[key] = seen.get(key, 0) + 1
    return [{"instance": french.apostrophes(instance), "motif": french.apostrophes(reason),
             "nombre": fmt.plural(count, "modification")} for (instance, reason), count in seen.items()]


def review_context(roadmap: Roadmap, report: Report, journal: list[JournalRow], before: Roadmap | None, year: int,
                   dated: dt.date | None = None, journal_fingerprint: str = "",
                   before_version: str = "") -> dict[str, Any]:
    """The yearly review of the strategy for the report on sustainable development."""
    end = quarter_end(Quarter(year, 4))
    when = dated or roadmap.parameters.followup_on or end
    where = states(roadmap, end)
    live = [s for s in where.values() if not is_abandoned(s.action)]
    finished = [_action_line(s) for s in live if s.status == schema.ACTION_DONE
                and s.reported_on is not None and s.reported_on.year == year]
    running = [_action_line(s) for s in live if s.status == schema.ACTION_RUNNING]
    late = _late(where, end)
    spent, totals = spending_rows(roadmap, year)
    measured = measures_rows(roadmap, year)
    legal = []
    for ind in roadmap.indicators:
        obligation = BY_NAME.get(ind.obligation or "")
        if obligation is None:
            continue
        row = next((m for m in measured if m["id"] == ind.id), None)
        floor = obligation.floor(year)
        legal.append({"obligation": obligation.name, "indicateur": french.apostrophes(ind.name or ind.id),
                      "mesure": row["valeur"] if row else "non mesurée",
                      "plancher": fmt.number(floor) + "\u00a0%" if floor is not None else "sans plancher chiffré",
                      "verdict": (row["verdict"] if row else "à mesurer"), "texte": obligation.source,
                      "source": row["source"] if row else ""})
    sources = sorted({m["source"] for m in measured})
    context = ctx.common(roadmap, report, when)
    context.update({
        "annee": str(year),
        "date_iso": when,
        "date_document": fmt.long_date(when),
        "terminees": finished, "en_cours": running, "retards": late,
        "nb_terminees": fmt.plural(len(finished), "action terminée", "actions terminées"),
        "nb_en_cours": fmt.plural(len(running), "action en cours", "actions en cours"),
        "depenses": spent, "depenses_total": totals,
        "mesures": measured, "obligations": legal,
        "changements": _year_journal(journal, year),
        "version_reference": before_version,
        "empreinte_journal": journal_fingerprint,
        "sources": [f"Mesures des indicateurs : {', '.join(sources)}." if sources else
                    "Aucune mesure d'indicateur enregistrée cette année.",
                    "Dépenses : engagements et mandats enregistrés par action, face au budget prévu de la "
                    "feuille de route.",
                    "Changements décidés : journal des ajustements des comités"
                    + (f", empreinte {journal_fingerprint}." if journal_fingerprint else "."),
                    "Planchers légaux : textes cités dans le tableau des obligations."],
    })
    context.update(before_after(before, roadmap))
    return _capped_tables(context)
