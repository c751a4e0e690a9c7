"""Indicators measured over time (docs/constats.md): the latest measure of each indicator
against its trajectory, and each year's last measure against the legal floor in force."""

from __future__ import annotations

from collections.abc import Iterator

from nr_xl.core import fmt, schema
from nr_xl.core.findings import Finding, finding
from nr_xl.core.followup import trajectory
from nr_xl.core.model import Roadmap
from nr_xl.core.obligations import BY_NAME

_VALUE = schema.MEASURES.value.header


def check(roadmap: Roadmap) -> Iterator[Finding]:
    if not roadmap.measures:
        return
    found = trajectory.positions(roadmap)
    for p in trajectory.latest(found).values():
        if not p.off_track:
            continue
        ind, m = p.indicator, p.measure
        assert p.expected is not None and ind.baseline is not None and ind.target is not None
        yield finding(
            "followup.measure_off_track", sheet=m.SHEET, row=m.row, field=_VALUE, key=f"{ind.id}/{m.period}",
            indicator=ind.id, name=ind.name or ind.id, value=fmt.quantity(m.value or 0, ind.unit),
            period=m.period, expected=fmt.quantity(p.expected, ind.unit),
            baseline=fmt.quantity(ind.baseline, ind.unit), baseline_year=ind.baseline_year,
            target=fmt.quantity(ind.target, ind.unit), deadline=ind.deadline,
            tolerance="± " + fmt.quantity(trajectory.tolerance(ind), ind.unit),
            owner=ind.owner or "son responsable",
        )
    for p in trajectory.latest_of_each_year(found):
        if not p.below_floor:
            continue
        ind, m = p.indicator, p.measure
        assert m.period is not None and p.floor is not None
        obligation = BY_NAME[ind.obligation or ""]
        yield finding(
            "followup.measure_below_floor", sheet=m.SHEET, row=m.row, field=_VALUE, key=f"{ind.id}/{m.period}",
            indicator=ind.id, value=fmt.number(m.value or 0, 2), period=m.period, floor=fmt.number(p.floor),
            year=m.period.year, source=obligation.source, summary=obligation.summary,
        )
