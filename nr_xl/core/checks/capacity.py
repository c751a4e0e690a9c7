"""Ressources: staff time per service and quarter against capacity.

The rule (docs/constats.md, capacity.overload): each Charge line (action, service, year, j-h) is
spread evenly over the action's active quarters of that year; a service's
capacity per quarter is its annual « Jours-homme disponibles » / 4. The
quarterly view is the point: an annual total often hides a crowded quarter.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from nr_xl.core import fmt, schema
from nr_xl.core.checks._util import abandoned_ids, norm
from nr_xl.core.findings import CODES, ONE_OFF, Finding, finding
from nr_xl.core.model import Capacity, Roadmap, Workload
from nr_xl.core.parse import Quarter

NEAR_LIMIT = Fraction(9, 10)


@dataclass
class ServiceYear:
    """Demand and capacity of one service in one year.

    Loads are kept in twelfths of a jour-homme, as Decimals: a line spread over
    1, 2, 3 or 4 quarters then stays exact (12 is divisible by each), so
    « exactly at the limit » is decided without rounding and without the cost
    of Fractions on every line.
    """

    service: str  # as written in Capacités when known, else in Charge
    year: int
    capacity: Capacity | None = None
    annual: Decimal = Decimal(0)
    first_load: Workload | None = None
    # quarter -> action -> twelfths of j-h
    demand: dict[Quarter, dict[str, Decimal]] = field(default_factory=lambda: defaultdict(dict))
    totals: dict[Quarter, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    # A line of this service and year could not be read: the loads are a part only (an
    # overload found stays one; no quarter is judged within capacity). ``capacity_unread``:
    # the capacity itself could not be read, so nothing is judged.
    unverified: bool = False
    capacity_unread: bool = False

    @property
    def per_quarter(self) -> Fraction:
        return Fraction(self.annual) / 4

    @property
    def per_quarter_12(self) -> Decimal:
        """Quarterly capacity in twelfths of a j-h, comparable with ``totals``."""
        return self.annual * 3

    def load(self, quarter: Quarter) -> Fraction:
        return Fraction(self.totals.get(quarter, Decimal(0))) / 12


class Spread(NamedTuple):
    """Demand per service (its matching key) and year, and the findings on Charge lines."""

    table: dict[tuple[str, int], ServiceYear]
    notes: list[Finding]


def _counts(load: Workload) -> bool:
    return load.service is not None and load.year is not None and load.days != 0


def counted(roadmap: Roadmap) -> list[Workload]:
    """The Charge lines every sum counts (the checks', the figures', the documents'): of an
    action that is not abandoned, their service and year read."""
    dropped = abandoned_ids(roadmap)
    return [load for load in roadmap.workload if load.action not in dropped and _counts(load)]


def spread(roadmap: Roadmap) -> Spread:
    """Each Charge line spread over its action's active quarters of the year."""
    actions = roadmap.action_by_id()
    table: dict[tuple[str, int], ServiceYear] = {}
    notes: list[Finding] = []
    unknown_years: set[str] = set()  # services with a line whose year could not be read
    unknown_services: set[int] = set()  # years with a capacity line whose service could not be read
    unread_capacity: set[tuple[str, int]] = set()
    for cap in roadmap.capacities:
        if "service" in cap.unread and cap.year is not None:
            unknown_services.add(cap.year)
        elif cap.unread and cap.service is not None:
            if "year" in cap.unread:
                unknown_years.add(norm(cap.service))
            elif cap.year is not None:
                unread_capacity.add((norm(cap.service), cap.year))
        if cap.service is None or cap.year is None:
            continue
        key = (norm(cap.service), cap.year)
        sy = table.get(key) or table.setdefault(key, ServiceYear(cap.service, cap.year, cap))
        sy.annual += cap.days if cap.days is not None else 0
    dropped = abandoned_ids(roadmap)
    abandoned: dict[str, list[Workload]] = {}
    partial: set[tuple[str, int]] = set()  # service-years with a Charge line not read in full
    partial_years: set[int] = set()  # years with a Charge line whose service could not be read
    for load in roadmap.workload:
        if load.action in dropped:
            abandoned.setdefault(load.action, []).append(load)
            continue
        if "service" in load.unread and load.year is not None:
            partial_years.add(load.year)
        elif load.unread and load.service is not None:
            if "year" in load.unread:
                unknown_years.add(norm(load.service))
            elif load.year is not None:
                partial.add((norm(load.service), load.year))
        if not _counts(load):
            continue
        assert load.service is not None and load.year is not None
        key = (norm(load.service), load.year)
        sy = table.get(key) or table.setdefault(key, ServiceYear(load.service, load.year))
        sy.first_load = sy.first_load or load
        action = actions.get(load.action or "")
        quarters = action.active_quarters(load.year) if action else []
        if action is None and load.action and schema.ACTIONS.sheet not in roadmap.missing_sheets:
            notes.append(_unknown_action(load))
        elif action is not None and action.period_valid and not quarters:
            notes.append(_outside(load, action.start, action.end))
        if not quarters:
            # Unknown period: the annual load is spread over the whole year.
            quarters = [Quarter(load.year, q) for q in range(1, 5)]
        part = load.days * (12 // len(quarters))  # twelfths: exact for 1 to 4 quarters
        name = load.action or "?"
        for quarter in quarters:
            by_action = sy.demand[quarter]
            by_action[name] = by_action.get(name, Decimal(0)) + part
            sy.totals[quarter] += part
    notes.extend(_abandoned(action_id, loads) for action_id, loads in sorted(abandoned.items()))
    for key, sy in table.items():
        sy.unverified = key in partial or key[0] in unknown_years or key[1] in partial_years or key in unread_capacity
        sy.capacity_unread = key in unread_capacity or (sy.capacity is None and (
            key[0] in unknown_years or key[1] in unknown_services))
    return Spread(table, notes)


def check(roadmap: Roadmap, spread_load: Spread | None = None) -> Iterator[Finding]:
    """``spread_load``: the roadmap's ``spread``, when the caller has computed it already."""
    table, notes = spread(roadmap) if spread_load is None else spread_load
    yield from notes
    if schema.CAPACITIES.sheet in roadmap.missing_sheets:
        return  # no capacity could be read at all: the missing sheet is said, the load not judged
    # A service's years, looked up once per overload: a région-sized roadmap has
    # thousands of services, and scanning them all for each overload is quadratic.
    years_of: dict[str, list[ServiceYear]] = defaultdict(list)
    for (key, _), sy in table.items():
        if sy.capacity is not None:
            years_of[key].append(sy)
    room: dict[str, list[tuple[Quarter, Decimal]]] = {}

    def room_of(key: str) -> list[tuple[Quarter, Decimal]]:
        if key not in room:
            room[key] = _room(years_of[key])
        return room[key]

    for (key, year), sy in sorted(table.items(), key=lambda kv: (kv[1].service, kv[0][1])):
        if not sy.demand or sy.capacity_unread:
            continue  # nothing to weigh, or a capacity no one could read: not verified
        if sy.capacity is None:
            load = sy.first_load
            assert load is not None
            yield finding(
                "capacity.unknown_service", sheet=load.SHEET, row=load.row, field=schema.CHARGE.service.header,
                key=f"{sy.service}/{year}", service=sy.service, year=year,
                load=fmt.days(sum(sy.load(q) for q in sy.demand)),
            )
            continue
        # Most quarters are well within capacity: tested here, before any finding is worded.
        cap, zero = sy.per_quarter_12, Decimal(0)
        crowded = [q for q in sy.demand if _pressure(sy.totals.get(q, zero), cap, sy.unverified)]
        if crowded:
            room_here = functools.partial(room_of, key)
            one_off = _one_off(sy, cap)
            for quarter in sorted(crowded):
                yield from _quarter(sy, quarter, room_here, one_off)


@functools.lru_cache(maxsize=8192)
def _days(twelfths: Decimal) -> str:
    # Decimal division rounds the exact quotient as Fraction -> Decimal did, so the
    # text is the same; the checks compare twelfths and never build a Fraction.
    return fmt.days(twelfths / 12)


def _pressure(load: Decimal, cap: Decimal, partial: bool = False) -> str | None:
    """The finding a quarter's load calls for against its capacity (both in twelfths
    of a j-h), or None: over capacity, or above 90 % of it. A ``partial`` load (a line not
    read in full) that already exceeds the capacity is an overload; below, nothing is said."""
    if load > cap:
        return "capacity.overload"
    if not partial and load * NEAR_LIMIT.denominator > NEAR_LIMIT.numerator * cap:
        return "capacity.near_limit"
    return None


# The grade of an overload a smoothing between quarters absorbs (findings.py, its threshold).
_ONE_OFF_SHARE = CODES["capacity.overload"].grade(ONE_OFF).limits["max_share_of_year"]


def _one_off(sy: ServiceYear, cap: Decimal) -> bool:
    """Whether the service-year's overload is one-off: a single quarter over capacity, by no
    more than the grade's share of the year's capacity, in a year under capacity (and all of
    it read: a part of the load cannot tell)."""
    if sy.unverified:
        return False
    over = [load - cap for load in sy.totals.values() if load > cap]
    year_capacity = sy.annual * 12  # in twelfths, as the loads
    return len(over) == 1 and over[0] <= _ONE_OFF_SHARE * year_capacity and \
        sum(sy.totals.values(), Decimal(0)) <= year_capacity


def _quarter(sy: ServiceYear, quarter: Quarter,
             room: Callable[[], list[tuple[Quarter, Decimal]]], one_off: bool = False) -> Iterator[Finding]:
    # Everything in twelfths of a j-h (exact Decimals): Fractions per quarter cost
    # more than the rest of the checks together on a région-sized roadmap.
    load, cap = sy.totals.get(quarter, Decimal(0)), sy.per_quarter_12
    code = _pressure(load, cap, sy.unverified)
    if code is None:
        return
    assert sy.capacity is not None
    contributors = sorted(sy.demand[quarter].items(), key=lambda kv: (-kv[1], kv[0]))
    detail = ", ".join(f"{a} : {_days(v)}" for a, v in contributors[:4])
    if code == "capacity.overload":
        over = load - cap
        target = _freest_quarter(quarter, over, room())
        wording: dict[str, Any] = {
            "over": _days(over), "share": f" (+{fmt.percent(over / cap)})" if cap else "",
            "action": contributors[0][0],
            "target": f" vers {target[0]}, où {_days(target[1])} restent disponibles," if target else ""}
    else:
        wording = {"share": fmt.percent(load / cap)}
    yield finding(code, sheet=sy.capacity.SHEET, row=sy.capacity.row,
                  field=schema.CAPACITIES.days.header, key=f"{sy.service}/{quarter}",
                  quarter=quarter, service=sy.service, load=_days(load), capacity=_days(cap), detail=detail,
                  grade=ONE_OFF if one_off and code == "capacity.overload" else None, **wording)


def _freest_quarter(around: Quarter, needed: Decimal,
                    free_quarters: list[tuple[Quarter, Decimal]]) -> tuple[Quarter, Decimal] | None:
    """The first later quarter with room for ``needed``, else the one with the most room
    (all in twelfths of a j-h).

    ``free_quarters``: the service's quarters with room left, in order (see ``_room``)."""
    later = [qf for qf in free_quarters if qf[0] > around]
    for quarter, free in later:
        if free >= needed:
            return quarter, free
    return max(later, key=lambda qf: (qf[1], -qf[0].ordinal), default=None)


def _room(years: list[ServiceYear]) -> list[tuple[Quarter, Decimal]]:
    """Every quarter of the service's declared years with room left, in order:
    computed once per service, not once per overload."""
    free_quarters: list[tuple[Quarter, Decimal]] = []
    for sy in years:
        cap = sy.per_quarter_12
        for q in range(1, 5):
            quarter = Quarter(sy.year, q)
            free = cap - sy.totals.get(quarter, Decimal(0))
            if free > 0:
                free_quarters.append((quarter, free))
    free_quarters.sort()
    return free_quarters


def _unknown_action(load: Workload) -> Finding:
    return finding(
        "capacity.unknown_action", sheet=load.SHEET, row=load.row, field=schema.CHARGE.action.header,
        key=f"{load.action}/{load.service}/{load.year}", action=load.action,
    )


def _outside(load: Workload, start: Quarter | None, end: Quarter | None) -> Finding:
    return finding(
        "capacity.outside_action_period", sheet=load.SHEET, row=load.row, field=schema.CHARGE.year.header,
        key=f"{load.action}/{load.year}", action=load.action, service=load.service, year=load.year,
        start=start, end=end,
    )


def _abandoned(action_id: str, loads: list[Workload]) -> Finding:
    total = sum((load.days for load in loads), Decimal(0))
    return finding(
        "capacity.abandoned_action", sheet=loads[0].SHEET, row=loads[0].row, field=schema.CHARGE.action.header,
        key=action_id, action=action_id, lines=len(loads), total=fmt.days(total),
    )
