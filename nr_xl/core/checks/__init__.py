"""The feasibility checks (docs/constats.md): one module per dimension.

Each check is a pure function of the roadmap that reports every problem it sees,
never only the first. ``run_checks`` runs them all; the budget and workload sums
two of them (and the committee's figures) read are computed once and passed.
"""

from __future__ import annotations

from nr_xl.core.checks import (
    alignment, attendance, budget, capacity, concentration, decisions, governance, ids, kpi, legal, measures,
    progress, risk, schedule, skills, spending, validation,
)
from nr_xl.core.checks.sums import Sums
from nr_xl.core.findings import Finding
from nr_xl.core.model import Roadmap


def run_checks(roadmap: Roadmap, sums: Sums | None = None) -> list[Finding]:
    sums = Sums.of(roadmap) if sums is None else sums
    found = (
        ids.check(roadmap),
        alignment.check(roadmap),
        budget.check(roadmap, sums.budget),
        capacity.check(roadmap, sums.capacity),
        skills.check(roadmap),
        schedule.check(roadmap),
        kpi.check(roadmap),
        risk.check(roadmap),
        governance.check(roadmap),
        validation.check(roadmap),
        attendance.check(roadmap),
        legal.check(roadmap),
        concentration.check(roadmap),
        decisions.check(roadmap),
        # After the vote: silent until a follow-up has begun (progress, spending or measures).
        progress.check(roadmap),
        spending.check(roadmap, sums.spending),
        measures.check(roadmap),
    )
    return [f for findings in found for f in findings]
