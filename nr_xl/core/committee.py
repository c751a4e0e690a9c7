"""The figures a committee wants beside the findings, as typed values (pure).

``checks/figures.py`` computes them; the Contrôles sheet, the minutes and the
JSON report read them. ``to_dict`` gives the JSON report's keys, which are part
of the contract: add keys, never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Number = int | float  # whole numbers stay int in JSON, others rounded to 2 decimals


@dataclass(frozen=True)
class BudgetFigure:
    """One year, financing and nature: planned spending against its envelope."""

    year: int
    financing: str
    nature: str  # « Investissement » or « Fonctionnement »
    planned: Number
    envelope: Number | None  # None: no envelope for that year and financing
    gap: Number | None  # envelope - planned (negative: overspent)


@dataclass(frozen=True)
class CapacityFigure:
    """One service and year: its most loaded quarter against its capacity."""

    service: str
    year: int
    peak_quarter: str  # « 2027-T3 »
    peak_load: Number  # j-h in that quarter
    capacity: Number | None  # j-h per quarter (None: no capacity declared)
    ratio: float | None  # peak_load / capacity, 3 decimals


@dataclass(frozen=True)
class CommitteeFigures:
    budget: tuple[BudgetFigure, ...] = ()
    capacity: tuple[CapacityFigure, ...] = ()
    # « N° 1 à 11 — 3F2A 9C1B 77E0 »: the journal's head, as the minutes print it
    # (None while the journal is empty or broken).
    journal_fingerprint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON report's ``figures``."""
        # Fields in declaration order, flat values: no deep copy as asdict would make.
        out: dict[str, Any] = {"budget": [dict(vars(b)) for b in self.budget],
                               "capacity": [dict(vars(c)) for c in self.capacity]}
        if self.journal_fingerprint:
            out["empreinte_journal"] = self.journal_fingerprint
        return out
