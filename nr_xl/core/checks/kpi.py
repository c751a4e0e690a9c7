"""Indicateurs: every action followed by a KPI, every KPI clearly defined (ANCT, step 5)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nr_xl.core import fmt, schema
from nr_xl.core.checks import legal
from nr_xl.core.checks._util import is_abandoned
from nr_xl.core.findings import LEGAL, Finding, finding
from nr_xl.core.model import Indicator, Roadmap
from nr_xl.core.obligations import BY_NAME, OBLIGATIONS

# A good indicator has a unit, a baseline, a target and its deadline, a
# frequency, an owner and a data source (the ANCT method).
_I = schema.INDICATORS
ESSENTIAL = ((_I.owner.header, "owner"), (_I.target.header, "target"))
DEFINITION = ((_I.unit.header, "unit"), (_I.baseline.header, "baseline"), (_I.frequency.header, "frequency"),
              (_I.source.header, "source"), (_I.deadline.header, "deadline"))


def check(roadmap: Roadmap) -> Iterator[Finding]:
    known = {i.id for i in roadmap.indicators}
    for action in roadmap.actions:
        if is_abandoned(action):
            continue
        if not action.indicators and "indicators" not in action.unread:
            duties = legal.served_by(action, roadmap)
            yield finding(
                "kpi.action_without_kpi", sheet=action.SHEET, row=action.row, field=schema.ACTIONS.indicators.header,
                key=action.id, action=action.id, grade=LEGAL if duties else None,
                obligation=f", alors qu'elle répond à l'obligation « {duties[0].name} »" if duties else "",
            )
        elif Indicator.SHEET not in roadmap.missing_sheets:
            for ref in action.indicators:
                if ref not in known:
                    yield finding(
                        "kpi.unknown_reference", sheet=action.SHEET, row=action.row,
                        field=schema.ACTIONS.indicators.header, key=f"{action.id}/{ref}", action=action.id, indicator=ref,
                    )
    for indicator in roadmap.indicators:
        yield from _definition(indicator)
    yield from trajectory(roadmap)
    yield from legal_floors(roadmap)


def _definition(ind: Indicator) -> Iterator[Finding]:
    missing = [header for header, attr in ESSENTIAL if getattr(ind, attr) is None and attr not in ind.unread]
    if missing:
        yield finding(
            "kpi.incomplete", sheet=ind.SHEET, row=ind.row, field=missing[0], key=ind.id,
            indicator=ind.id, name=ind.name or "", lacks=_lacks(missing), fields=_listing(missing),
        )
    weak = [header for header, attr in DEFINITION if getattr(ind, attr) is None and attr not in ind.unread]
    if weak:
        yield finding(
            "kpi.weak_definition", sheet=ind.SHEET, row=ind.row, field=weak[0], key=ind.id,
            indicator=ind.id, name=ind.name or "", lack="manquent" if len(weak) > 1 else "manque",
            fields=_listing(weak),
        )


def _listing(fields: list[str]) -> str:
    quoted = [f"« {f} »" for f in fields]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " et " + quoted[-1]


def _lacks(fields: list[str]) -> str:
    if len(fields) == 1:
        return f"pas de « {fields[0]} »"
    return " ".join(f"ni « {f} »" for f in fields)


def trajectory(roadmap: Roadmap) -> Iterator[Finding]:
    """Each target against the roadmap's period, its reference and its direction."""
    period = roadmap_years(roadmap)
    for ind in roadmap.indicators:
        where: dict[str, Any] = dict(sheet=ind.SHEET, row=ind.row, key=ind.id)
        if period and ind.deadline is not None and not period[0] <= ind.deadline <= period[1]:
            yield finding(
                "kpi.deadline_outside_period", field=_I.deadline.header, **where,
                indicator=ind.id, deadline=ind.deadline, first=period[0], last=period[1],
            )
        if ind.baseline_year is not None and ind.deadline is not None and ind.baseline_year > ind.deadline:
            yield finding(
                "kpi.baseline_after_deadline", field=_I.baseline_year.header, **where,
                indicator=ind.id, baseline_year=ind.baseline_year, deadline=ind.deadline,
            )
        if ind.baseline is None or ind.target is None:
            continue
        if ind.target == ind.baseline:
            yield finding(
                "kpi.target_equals_baseline", field=_I.target.header, **where,
                indicator=ind.id, target=fmt.number(ind.target),
            )
        elif ind.direction is not None and (ind.target < ind.baseline) == (ind.direction == schema.RISE):
            yield finding(
                "kpi.wrong_direction", field=_I.target.header, **where,
                indicator=ind.id, direction=ind.direction.lower(), target=fmt.number(ind.target),
                comparison="inférieure" if ind.direction == schema.RISE else "supérieure",
                baseline=fmt.number(ind.baseline),
            )


def roadmap_years(roadmap: Roadmap) -> tuple[int, int] | None:
    """First and last year of the roadmap's actions (None without a valid period)."""
    periods = [(a.start.year, a.end.year) for a in roadmap.actions
               if a.period_valid and a.start is not None and a.end is not None]
    if not periods:
        return None
    return min(p[0] for p in periods), max(p[1] for p in periods)


def legal_floors(roadmap: Roadmap) -> Iterator[Finding]:
    """Targets against the legal floors (obligations.py); every obligation followed."""
    if Indicator.SHEET in roadmap.missing_sheets:
        return
    for ind in roadmap.indicators:
        obligation = BY_NAME.get(ind.obligation or "")
        if obligation is None or ind.target is None or ind.deadline is None:
            continue
        floor = obligation.floor(ind.deadline)
        # A share typed as 0,5 rather than 50 %.
        target = ind.target * 100 if floor is not None and ind.target < 1 <= floor else ind.target
        if floor is not None and target < floor:
            yield finding(
                "kpi.below_legal_floor", sheet=ind.SHEET, row=ind.row, field=_I.target.header, key=ind.id,
                indicator=ind.id, target=fmt.number(target), deadline=ind.deadline, floor=fmt.number(floor),
                source=obligation.source, summary=obligation.summary,
            )
    followed = {ind.obligation for ind in roadmap.indicators}
    if any("obligation" in ind.unread for ind in roadmap.indicators):
        return  # an obligation no one could read may be the one missing
    for obligation in OBLIGATIONS:
        if obligation.name in followed:
            continue
        if not legal.binds(obligation, roadmap.parameters):
            continue
        yield finding(
            "kpi.obligation_unfollowed", sheet=Indicator.SHEET, key=obligation.name,
            obligation=obligation.name, summary=obligation.summary, source=obligation.source,
        )
