"""An indicator's trajectory and where its measures stand on it (pure).

The trajectory is the straight line from the baseline, taken at the end of its year, to
the target, at the end of its deadline; a measure taken at the end of its period is off
track when it falls short of the line by more than the tolerance the catalogue declares
(``followup.measure_off_track``: a share of the distance from baseline to target), on the
side the indicator must not go (« Sens », else from the baseline towards the target).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from nr_xl.core import schema
from nr_xl.core.findings import CODES
from nr_xl.core.model import Indicator, Measure, Roadmap
from nr_xl.core.obligations import BY_NAME
from nr_xl.core.parse import Quarter

TOLERANCE = CODES["followup.measure_off_track"].limits["tolerance"]


def rising(ind: Indicator) -> bool | None:
    """True when the indicator must rise, False when it must fall, None when nothing says."""
    if ind.direction is not None:
        return ind.direction == schema.RISE
    if ind.baseline is None or ind.target is None or ind.baseline == ind.target:
        return None
    return ind.target > ind.baseline


def defined(ind: Indicator) -> bool:
    """A trajectory needs a baseline and its year, a target and a later deadline."""
    return (ind.baseline is not None and ind.target is not None and ind.baseline_year is not None
            and ind.deadline is not None and ind.deadline > ind.baseline_year and rising(ind) is not None)


def expected(ind: Indicator, period: Quarter) -> Decimal | None:
    """The value the trajectory expects at the end of ``period`` (the target once past its
    deadline; None before the baseline or without a trajectory)."""
    if not defined(ind):
        return None
    assert ind.baseline is not None and ind.target is not None
    assert ind.baseline_year is not None and ind.deadline is not None
    start, end = Quarter(ind.baseline_year, 4).ordinal, Quarter(ind.deadline, 4).ordinal
    if period.ordinal < start:
        return None
    share = min(Decimal(period.ordinal - start) / Decimal(end - start), Decimal(1))
    return ind.baseline + (ind.target - ind.baseline) * share


def tolerance(ind: Indicator) -> Decimal:
    assert ind.baseline is not None and ind.target is not None
    return abs(ind.target - ind.baseline) * TOLERANCE


@dataclass(frozen=True)
class Position:
    """A measure on its indicator's trajectory."""

    indicator: Indicator
    measure: Measure
    expected: Decimal | None
    off_track: bool
    floor: Decimal | None  # the legal floor in force in the measure's year (None: no floor)

    @property
    def below_floor(self) -> bool:
        value = self.measure.value
        return self.floor is not None and value is not None and value < self.floor


def position(ind: Indicator, m: Measure) -> Position:
    assert m.period is not None and m.value is not None
    want = expected(ind, m.period)
    off = False
    if want is not None:
        gap = m.value - want
        off = (gap < -tolerance(ind)) if rising(ind) else (gap > tolerance(ind))
    obligation = BY_NAME.get(ind.obligation or "")
    floor = obligation.floor(m.period.year) if obligation is not None else None
    return Position(ind, m, want, off, floor)


def positions(roadmap: Roadmap) -> list[Position]:
    """Every readable measure of a known indicator, by indicator (as in « Indicateurs ») then period."""
    order = {i.id: n for n, i in enumerate(roadmap.indicators)}
    indicators = {i.id: i for i in reversed(roadmap.indicators)}  # the first of each ID
    found = [position(indicators[m.indicator], m) for m in roadmap.measures
             if m.indicator in indicators and m.period is not None and m.value is not None]
    return sorted(found, key=lambda p: (order[p.indicator.id], p.measure.period, p.measure.row))


def latest(found: list[Position]) -> dict[str, Position]:
    """Indicator ID -> its latest measure (``positions`` order: the last one wins)."""
    return {p.indicator.id: p for p in found}


def latest_of_each_year(found: list[Position]) -> list[Position]:
    """The last measure of each indicator in each year: what a yearly floor is judged on."""
    kept: dict[tuple[str, int], Position] = {}
    for p in found:
        assert p.measure.period is not None
        kept[(p.indicator.id, p.measure.period.year)] = p
    return list(kept.values())
