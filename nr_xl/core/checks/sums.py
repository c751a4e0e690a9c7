"""The budget and the workload summed once per run: the rules and the committee's
figures read the same sums, so a figure shown beside a finding is the one it judged."""

from __future__ import annotations

from dataclasses import dataclass

from nr_xl.core.checks import budget, capacity, spending_sums
from nr_xl.core.model import Roadmap


@dataclass(frozen=True)
class Sums:
    budget: budget.Pots
    capacity: capacity.Spread
    spending: spending_sums.SpendingSums

    @classmethod
    def of(cls, roadmap: Roadmap) -> Sums:
        return cls(budget.pots(roadmap), capacity.spread(roadmap), spending_sums.sums(roadmap))
