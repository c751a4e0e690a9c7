"""The feasibility checks (CONTRACT.md §2): one module per dimension.

Each check is a pure function ``Roadmap -> Iterable[Finding]`` that reports
every problem it sees, never only the first. ``run_checks`` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from nr_xl.core.checks import (
    alignment, budget, capacity, concentration, decisions, governance, ids, kpi, risk, schedule, skills,
    validation,
)
from nr_xl.core.findings import Finding
from nr_xl.core.model import Roadmap

Check = Callable[[Roadmap], Iterable[Finding]]

CHECKS: tuple[Check, ...] = (
    ids.check,
    alignment.check,
    budget.check,
    capacity.check,
    skills.check,
    schedule.check,
    kpi.check,
    risk.check,
    governance.check,
    validation.check,
    concentration.check,
    decisions.check,
)


def run_checks(roadmap: Roadmap) -> list[Finding]:
    return [f for check in CHECKS for f in check(roadmap)]
