"""Figures a committee wants beside the findings (pure): per year the planned
spending against the envelope and the gap; per service the peak quarter."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from nr_xl.core.checks import budget
from nr_xl.core.checks._util import norm
from nr_xl.core.checks.sums import Sums
from nr_xl.core.committee import BudgetFigure, CapacityFigure, CommitteeFigures
from nr_xl.core.model import Roadmap


def _num(value: Fraction | Decimal) -> float | int:
    return int(value) if value == int(value) else round(float(value), 2)


def budget_figures(roadmap: Roadmap, pots: budget.Pots) -> list[BudgetFigure]:
    envs = budget.envelopes(roadmap)
    keys = set(pots) | {(y, f, n) for (y, f) in envs for n in budget.NATURES}
    out = []
    for year, fin, nature in sorted(keys):
        pot = pots.get((year, fin, nature))
        env = envs.get((year, fin))
        planned = pot.planned if pot else Decimal(0)
        limit = budget.amount_of(env, nature) if env else Decimal(0)
        if planned == 0 and limit == 0:
            continue
        out.append(BudgetFigure(
            year=year,
            financing=env.financing if env else pot.financing if pot else fin,
            nature=nature,
            planned=_num(planned),
            envelope=_num(limit) if env else None,
            gap=_num(limit - planned) if env else None,
        ))
    return out


def capacity_figures(sums: Sums) -> list[CapacityFigure]:
    table = sums.capacity.table
    out = []
    for (_, year), sy in sorted(table.items(), key=lambda kv: (norm(kv[1].service), kv[0][1])):
        if not sy.demand:
            continue
        peak = max(sorted(sy.demand), key=sy.totals.__getitem__)
        # In twelfths of a j-h, as Decimals: whole twelfths divide exactly where the
        # figure is shown to two decimals, and no Fraction is built per service-year
        # (1,200 services cost 0.1 s in Fractions).
        load12, cap12 = sy.totals[peak], sy.per_quarter_12
        out.append(CapacityFigure(
            service=sy.service,
            year=year,
            peak_quarter=str(peak),
            peak_load=_num(load12 / 12),
            capacity=_num(cap12 / 12) if sy.capacity else None,
            ratio=round(float(load12 / cap12), 3) if sy.capacity and cap12 else None,
        ))
    return out


def figures(roadmap: Roadmap, sums: Sums | None = None) -> CommitteeFigures:
    sums = Sums.of(roadmap) if sums is None else sums
    return CommitteeFigures(tuple(budget_figures(roadmap, sums.budget)), tuple(capacity_figures(sums)))
