"""Ressources: staff time per service and quarter against capacity.

The rule of CONTRACT.md §2: each Charge line (action, service, year, j-h) is
spread evenly over the action's active quarters of that year; a service's
capacity per quarter is its annual « Jours-homme disponibles » / 4. The
quarterly view is the point: an annual total often hides a crowded quarter.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Iterator

from nr_xl import fmt, schema
from nr_xl.checks._util import abandoned_ids, memo_last, norm
from nr_xl.findings import Finding, finding
from nr_xl.model import Capacity, Roadmap, Workload
from nr_xl.parse import Quarter

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

    @property
    def per_quarter(self) -> Fraction:
        return Fraction(self.annual) / 4

    @property
    def per_quarter_12(self) -> Decimal:
        """Quarterly capacity in twelfths of a j-h, comparable with ``totals``."""
        return self.annual * 3

    def load(self, quarter: Quarter) -> Fraction:
        return Fraction(self.totals.get(quarter, Decimal(0))) / 12

    def contributions(self, quarter: Quarter) -> list[tuple[str, Fraction]]:
        """Actions loading that quarter, heaviest first."""
        return sorted(((a, Fraction(v) / 12) for a, v in self.demand.get(quarter, {}).items()),
                      key=lambda kv: (-kv[1], kv[0]))


@memo_last
def spread(roadmap: Roadmap) -> tuple[dict[tuple[str, int], ServiceYear], list[Finding]]:
    """Demand per service, year and quarter; plus findings on Charge lines."""
    actions = roadmap.action_by_id()
    table: dict[tuple[str, int], ServiceYear] = {}
    notes: list[Finding] = []
    for cap in roadmap.capacities:
        if cap.service is None or cap.year is None:
            continue
        sy = table.setdefault((norm(cap.service), cap.year), ServiceYear(cap.service, cap.year, cap))
        sy.annual += cap.days if cap.days is not None else 0
    dropped = abandoned_ids(roadmap)
    abandoned: dict[str, list[Workload]] = {}
    for load in roadmap.workload:
        if load.action in dropped:
            abandoned.setdefault(load.action, []).append(load)
            continue
        if load.service is None or load.year is None or load.days == 0:
            continue
        sy = table.setdefault((norm(load.service), load.year), ServiceYear(load.service, load.year))
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
    return table, notes


def check(roadmap: Roadmap) -> Iterator[Finding]:
    table, notes = spread(roadmap)
    yield from notes
    # A service's years, looked up once per overload: a région-sized roadmap has
    # thousands of services, and scanning them all for each overload is quadratic.
    years_of: dict[str, list[ServiceYear]] = defaultdict(list)
    for (key, _), sy in table.items():
        if sy.capacity is not None:
            years_of[key].append(sy)
    for (key, year), sy in sorted(table.items(), key=lambda kv: (kv[1].service, kv[0][1])):
        if not sy.demand:
            continue
        if sy.capacity is None:
            load = sy.first_load
            assert load is not None
            yield finding(
                "capacity.unknown_service", sheet=load.SHEET, row=load.row, field=schema.CHARGE.service.header,
                key=f"{sy.service}/{year}",
                message=f"Le service « {sy.service} » porte {fmt.days(sum(sy.load(q) for q in sy.demand))} "
                        f"de charge en {year} mais n'a aucune capacité déclarée pour cette année.",
                suggestion=f"Ajoutez dans « {Capacity.SHEET} » une ligne « {sy.service} » / {year} "
                           "(jours-homme disponibles pour la feuille de route), ou corrigez le nom du service.",
            )
            continue
        for quarter in sorted(sy.demand):
            yield from _quarter(sy, quarter, years_of[key])


def _days(twelfths: Decimal) -> str:
    # Decimal division rounds the exact quotient as Fraction -> Decimal did, so the
    # text is the same; the checks compare twelfths and never build a Fraction.
    return fmt.days(twelfths / 12)


def _quarter(sy: ServiceYear, quarter: Quarter, years: list[ServiceYear]) -> Iterator[Finding]:
    # Everything in twelfths of a j-h (exact Decimals): Fractions per quarter cost
    # more than the rest of the checks together on a région-sized roadmap.
    load, cap = sy.totals.get(quarter, Decimal(0)), sy.per_quarter_12
    if load > cap:
        code = "capacity.overload"
    elif load * NEAR_LIMIT.denominator > NEAR_LIMIT.numerator * cap:
        code = "capacity.near_limit"
    else:
        return
    assert sy.capacity is not None
    contributors = sorted(sy.demand[quarter].items(), key=lambda kv: (-kv[1], kv[0]))
    detail = ", ".join(f"{a} : {_days(v)}" for a, v in contributors[:4])
    if code == "capacity.overload":
        over = load - cap
        pct = f" (+{fmt.percent(over / cap)})" if cap else ""
        message = (f"Au {quarter}, la charge de {sy.service} ({_days(load)}) dépasse sa capacité "
                   f"trimestrielle ({_days(cap)}) de {_days(over)}{pct} — {detail}.")
        target = _freest_quarter(quarter, over, years)
        suggestion = (f"Étaler ou décaler {contributors[0][0]}"
                      + (f" vers {target[0]}, où {_days(target[1])} restent disponibles," if target else "")
                      + f" ou renforcer {sy.service} (renfort, prestation).")
    else:
        message = (f"Au {quarter}, la charge de {sy.service} ({_days(load)}) atteint "
                   f"{fmt.percent(load / cap)} de sa capacité trimestrielle ({_days(cap)}) — {detail}.")
        suggestion = "Aucune marge pour un imprévu : sécurisez un renfort ou étalez une action."
    yield finding(code, sheet=sy.capacity.SHEET, row=sy.capacity.row,
                  field=schema.CAPACITES.days.header, key=f"{sy.service}/{quarter}",
                  message=message, suggestion=suggestion)


def _freest_quarter(around: Quarter, needed: Decimal,
                    years: list[ServiceYear]) -> tuple[Quarter, Decimal] | None:
    """The first later quarter with room for ``needed``, else the one with the most room
    (all in twelfths of a j-h).

    ``years``: the service's years that have a declared capacity, so the cost is
    a few quarters per overload whatever the number of services."""
    free_quarters: list[tuple[Quarter, Decimal]] = []
    for sy in years:
        if sy.year < around.year:
            continue
        cap = sy.per_quarter_12
        for q in range(1, 5):
            quarter = Quarter(sy.year, q)
            free = cap - sy.totals.get(quarter, Decimal(0))
            if quarter > around and free > 0:
                free_quarters.append((quarter, free))
    free_quarters.sort()
    for quarter, free in free_quarters:
        if free >= needed:
            return quarter, free
    return max(free_quarters, key=lambda qf: (qf[1], -qf[0].ordinal), default=None)


def _unknown_action(load: Workload) -> Finding:
    return finding(
        "capacity.unknown_action", sheet=load.SHEET, row=load.row, field=schema.CHARGE.action.header,
        key=f"{load.action}/{load.service}/{load.year}",
        message=f"Charge, ligne {load.row} : l'action « {load.action} » n'existe pas dans « {schema.ACTIONS.sheet} » "
                "(sa charge est comptée sur toute l'année).",
        suggestion="Corrigez l'identifiant de l'action ou ajoutez l'action à la feuille de route.",
    )


def _outside(load: Workload, start: Quarter | None, end: Quarter | None) -> Finding:
    return finding(
        "capacity.outside_action_period", sheet=load.SHEET, row=load.row, field=schema.CHARGE.year.header,
        key=f"{load.action}/{load.year}",
        message=f"Charge, ligne {load.row} : {load.action} mobilise {load.service} en {load.year} alors qu'elle "
                f"se déroule de {start} à {end} (charge comptée sur toute l'année {load.year}).",
        suggestion=f"Ramenez la charge dans la période de l'action, ou prolongez {load.action}.",
    )


def _abandoned(action_id: str, loads: list[Workload]) -> Finding:
    total = sum((load.days for load in loads), Decimal(0))
    return finding(
        "capacity.abandoned_action", sheet=loads[0].SHEET, row=loads[0].row, field=schema.CHARGE.action.header,
        key=action_id,
        message=f"L'action {action_id} est abandonnée : ses {len(loads)} ligne(s) de charge "
                f"({fmt.days(total)}) ne sont plus comptées dans la charge des services.",
        suggestion="Supprimez ces lignes, ou rattachez-les à l'action qui reprend le travail.",
    )
