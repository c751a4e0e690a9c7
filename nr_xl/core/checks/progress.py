"""The follow-up of actions and decisions (docs/constats.md): on the day of the follow-up,
the actions late against their quarters, those started before what they depend on, and the
decisions past their due date. Silent until a follow-up has begun (followup/asof.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from nr_xl.core import fmt, schema
from nr_xl.core.findings import Finding, finding
from nr_xl.core.followup.asof import State, followup_date, states
from nr_xl.core.model import Progress, Roadmap, Spending

_CLOSED_DECISIONS = frozenset({schema.DECISION_DONE, schema.DECISION_ABANDONED})


def check(roadmap: Roadmap) -> Iterator[Finding]:
    yield from unknown_references(roadmap)
    day = followup_date(roadmap)
    if day is None:
        return
    where = states(roadmap, day)
    for state in where.values():
        yield from _late(state, day)
        yield from _dependencies(state, where, day)
    yield from _decisions(roadmap, day)


def _reported(state: State) -> str:
    if state.reported_on is None:
        return ", aucun avancement déclaré dans le suivi"
    return f", déclaré le {fmt.long_date(state.reported_on)}"


def _late(state: State, day: dt.date) -> Iterator[Finding]:
    how = state.late(day)
    if how is None:
        return
    action = state.action
    yield finding(
        "followup.action_late", sheet=action.SHEET, row=action.row,
        field=(schema.ACTIONS.end if how == "not_finished" else schema.ACTIONS.start).header, key=action.id,
        variant=None if how == "not_started" else how, date=fmt.long_date(day), action=action.id,
        start=action.start, end=action.end, status=state.status, reported=_reported(state),
    )


def _dependencies(state: State, where: dict[str, State], day: dt.date) -> Iterator[Finding]:
    if not state.started or state.uncertain:
        return
    action = state.action
    for ref in action.dependencies:
        dependency = where.get(ref)
        if dependency is None or dependency.uncertain or dependency.status in (schema.ACTION_DONE, schema.ACTION_ABANDONED):
            continue
        yield finding(
            "followup.started_before_dependency", sheet=action.SHEET, row=action.row,
            field=schema.ACTIONS.dependencies.header, key=f"{action.id}/{ref}", date=fmt.long_date(day),
            action=action.id, status=state.status, dependency=ref, dependency_status=dependency.status,
        )


def _decisions(roadmap: Roadmap, day: dt.date) -> Iterator[Finding]:
    for decision in roadmap.decisions:
        status = decision.status or schema.DECISION_TO_DO
        if decision.due is None or decision.due >= day or status in _CLOSED_DECISIONS \
                or "status" in decision.unread:
            continue
        text = (decision.text or "").rstrip(".")
        yield finding(
            "followup.decision_overdue", sheet=decision.SHEET, row=decision.row,
            field=schema.DECISIONS.due.header, key=decision.number, decision=decision.number,
            text=text[:1].lower() + text[1:], due=fmt.long_date(decision.due), date=fmt.long_date(day),
            status=status, owner=decision.owner or "son responsable",
        )


def unknown_references(roadmap: Roadmap) -> Iterator[Finding]:
    """A follow-up row naming no action (or no indicator) of the roadmap: left out of every sum."""
    if schema.ACTIONS.sheet not in roadmap.missing_sheets:
        actions = roadmap.action_by_id()
        rows: list[Progress | Spending] = [*roadmap.progress, *roadmap.spending]
        for row in rows:
            if row.action is not None and row.action not in actions:
                yield _unknown(row.SHEET, row.row, schema.ACTIONS.sheet, row.action, "action", "e")
    if schema.INDICATORS.sheet not in roadmap.missing_sheets:
        indicators = {i.id for i in roadmap.indicators}
        for m in roadmap.measures:
            if m.indicator is not None and m.indicator not in indicators:
                yield _unknown(m.SHEET, m.row, schema.INDICATORS.sheet, m.indicator, "indicateur", "")


def _unknown(sheet: str, row: int, where: str, reference: str, what: str, e: str) -> Finding:
    return finding("followup.unknown_reference", sheet=sheet, row=row, key=f"{sheet}!{row}",
                   reference=reference, what=what, e=e, where=where)
