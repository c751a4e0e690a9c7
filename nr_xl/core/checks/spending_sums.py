"""Spending beside the plan, summed once (pure): per action and year against its budget, per
year, financing and nature against the envelope. The rules, the committee's figures and the
documents read the same sums."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from nr_xl.core.checks import budget
from nr_xl.core.checks._util import abandoned_ids, norm
from nr_xl.core.model import Roadmap, Spending
from nr_xl.core.schema import NATURES


@dataclass
class Spent:
    """What was committed and paid, and what counts against the plan (``spent``)."""

    committed: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    lines: list[Spending] = field(default_factory=list)

    def add(self, line: Spending) -> None:
        self.committed += line.committed or Decimal(0)
        self.paid += line.paid or Decimal(0)
        self.spent += line.spent
        self.lines.append(line)


@dataclass(frozen=True)
class SpendingSums:
    # (action, year) -> spent; its plan (every financing, both natures).
    by_action: dict[tuple[str, int], Spent]
    planned: dict[tuple[str, int], Decimal]
    # (year, financing's matching key, nature) -> spent, and the financing as first written.
    by_pot: dict[tuple[int, str, str], Spent]
    financing: dict[str, str]

    @property
    def years(self) -> list[int]:
        return sorted({year for _, year in self.by_action})


def planned_by_action(roadmap: Roadmap) -> dict[tuple[str, int], Decimal]:
    """(action, year) -> investment and operating planned, over the lines the checks count."""
    out: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for line in budget.counted(roadmap):
        if line.action is not None and line.year is not None:
            out[(line.action, line.year)] += line.investment + line.operating
    return dict(out)


def planned_natures(roadmap: Roadmap) -> dict[tuple[str, int, str], dict[str, Decimal]]:
    """(action, year, financing key) -> nature -> amount planned (non-zero only)."""
    out: dict[tuple[str, int, str], dict[str, Decimal]] = defaultdict(dict)
    for line in budget.counted(roadmap):
        if line.action is None or line.year is None:
            continue
        for nature in NATURES:
            amount = budget.amount_of(line, nature)
            if amount:
                natures = out[(line.action, line.year, norm(line.financing))]
                natures[nature] = natures.get(nature, Decimal(0)) + amount
    return dict(out)


def sums(roadmap: Roadmap) -> SpendingSums:
    by_action: dict[tuple[str, int], Spent] = defaultdict(Spent)
    by_pot: dict[tuple[int, str, str], Spent] = defaultdict(Spent)
    financing: dict[str, str] = {}
    actions = roadmap.action_by_id()  # once: a région's thousands of lines stay linear
    for line in roadmap.spending:
        # Counted: a line whose action exists and whose year could be read.
        if line.action is None or line.year is None or line.action not in actions:
            continue
        assert line.action is not None and line.year is not None
        by_action[(line.action, line.year)].add(line)
        if line.nature is not None:
            key = norm(line.financing)
            financing.setdefault(key, line.financing)
            by_pot[(line.year, key, line.nature)].add(line)
    return SpendingSums(dict(by_action), planned_by_action(roadmap), dict(by_pot), financing)


def over_plan(roadmap: Roadmap, sums_: SpendingSums) -> list[tuple[str, int, Spent, Decimal]]:
    """(action, year, spent, planned) where the spending passes the plan; an abandoned action's
    spending, done before the committee dropped it, is left to the envelopes."""
    dropped = abandoned_ids(roadmap)
    out = []
    for (action, year), spent in sorted(sums_.by_action.items()):
        planned = sums_.planned.get((action, year), Decimal(0))
        if action not in dropped and spent.spent > planned:
            out.append((action, year, spent, planned))
    return out
