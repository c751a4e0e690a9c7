"""A roadmap as frozen dataclasses.

Every row remembers its Excel ``row`` (header on row 1, so the first data row
is 2); its sheet is fixed by its class (``SHEET``), so every finding can point
at a cell. Values that could not be read are None and an ``input.*`` finding
says why.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from nr_xl.core import schema
from nr_xl.core.parse import Quarter


@dataclass(frozen=True)
class Priority:
    SHEET: ClassVar[str] = schema.PRIORITIES.sheet
    row: int
    id: str
    title: str | None = None
    description: str | None = None
    # Fields whose cell could not be read (an input.* finding says why): the rules that need
    # them say nothing rather than compute with a value nobody typed.
    unread: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1024)
def _quarters_by_year(start: Quarter, end: Quarter) -> dict[int, list[Quarter]]:
    """Year -> quarters from ``start`` to ``end``: shared by the actions of the same
    period (callers never modify it)."""
    by_year: dict[int, list[Quarter]] = {}
    for index in range(start.ordinal, end.ordinal + 1):
        quarter = Quarter.from_index(index)
        by_year.setdefault(quarter.year, []).append(quarter)
    return by_year


@dataclass(frozen=True)
class Action:
    SHEET: ClassVar[str] = schema.ACTIONS.sheet
    row: int
    id: str
    axis: str | None = None
    title: str | None = None
    pilot: str | None = None
    priorities: tuple[str, ...] = ()
    start: Quarter | None = None
    end: Quarter | None = None
    status: str | None = None
    skills: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    dependencies: tuple[str, ...] = ()
    programme: str | None = None
    unread: frozenset[str] = frozenset()

    @property
    def period_unreadable(self) -> bool:
        """Début or Fin held something unreadable (already reported as input.*)."""
        return "start" in self.unread or "end" in self.unread

    @property
    def period_valid(self) -> bool:
        return self.start is not None and self.end is not None and self.start <= self.end

    @functools.cached_property
    def _quarters_by_year(self) -> dict[int, list[Quarter]]:
        # Asked for every budget and workload line: computed once per action.
        if not self.period_valid:
            return {}
        assert self.start is not None and self.end is not None
        return _quarters_by_year(self.start, self.end)

    def active_quarters(self, year: int) -> list[Quarter]:
        """The quarters of ``year`` when the action runs (Début and Fin inclusive)."""
        return self._quarters_by_year.get(year, [])

    def active_in(self, year: int) -> bool:
        return bool(self.active_quarters(year))


@dataclass(frozen=True)
class BudgetLine:
    SHEET: ClassVar[str] = schema.BUDGET.sheet
    row: int
    action: str | None
    year: int | None
    investment: Decimal = Decimal(0)
    operating: Decimal = Decimal(0)
    financing: str = schema.DEFAULT_FINANCING
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Envelope:
    SHEET: ClassVar[str] = schema.ENVELOPES.sheet
    row: int
    year: int | None
    financing: str
    investment: Decimal | None = None
    operating: Decimal | None = None
    status: str | None = None
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Workload:
    SHEET: ClassVar[str] = schema.CHARGE.sheet
    row: int
    action: str | None
    service: str | None
    year: int | None
    days: Decimal = Decimal(0)
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Capacity:
    SHEET: ClassVar[str] = schema.CAPACITIES.sheet
    row: int
    service: str | None
    year: int | None
    days: Decimal | None = None
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Skill:
    SHEET: ClassVar[str] = schema.SKILLS.sheet
    row: int
    service: str | None
    skill: str | None
    level: str | None = None
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Indicator:
    SHEET: ClassVar[str] = schema.INDICATORS.sheet
    row: int
    id: str
    name: str | None = None
    unit: str | None = None
    baseline: Decimal | None = None
    baseline_year: int | None = None
    target: Decimal | None = None
    deadline: int | None = None
    frequency: str | None = None
    owner: str | None = None
    source: str | None = None
    obligation: str | None = None  # a name of obligations.OBLIGATIONS
    direction: str | None = None  # « Hausse » or « Baisse »
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Risk:
    SHEET: ClassVar[str] = schema.RISKS.sheet
    row: int
    id: str
    type: str | None = None
    description: str | None = None
    probability: int | None = None
    impact: int | None = None
    measure: str | None = None
    owner: str | None = None
    actions: tuple[str, ...] = ()

    unread: frozenset[str] = frozenset()
    @property
    def criticality(self) -> int | None:
        if self.probability is None or self.impact is None:
            return None
        return self.probability * self.impact


@dataclass(frozen=True)
class GovernanceBody:
    SHEET: ClassVar[str] = schema.GOVERNANCE.sheet
    row: int
    name: str
    role: str | None = None
    chair: str | None = None
    members: str | None = None
    frequency: str | None = None
    installed_on: dt.date | None = None
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ValidationStep:
    SHEET: ClassVar[str] = schema.VALIDATION.sheet
    row: int
    body: str
    subject: str | None = None
    date: dt.date | None = None
    status: str | None = None
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Participant:
    SHEET: ClassVar[str] = schema.PARTICIPANTS.sheet
    row: int
    name: str
    function: str | None = None
    organisation: str | None = None
    presence: str | None = None
    role: str | None = None
    # « représenté par Marc Blanc » in Présence: present through this representative.
    represented_by: str | None = None
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Decision:
    SHEET: ClassVar[str] = schema.DECISIONS.sheet
    row: int
    number: str
    text: str | None = None
    owner: str | None = None
    due: dt.date | None = None
    # What became of it, recorded at the follow-up (« À faire », « Faite »…; None: not said).
    status: str | None = None
    unread: frozenset[str] = frozenset()


# --- After the vote: progress, spending and measures (optional sheets) ---------------


@dataclass(frozen=True)
class Progress:
    """An action's progress as reported on a day (a follow-up committee, a COTECH)."""

    SHEET: ClassVar[str] = schema.PROGRESS.sheet
    row: int
    action: str | None
    date: dt.date | None = None
    status: str | None = None
    percent: Decimal | None = None  # 0 to 100
    milestone: str | None = None
    comment: str | None = None
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Spending:
    """What was committed (engagé) and paid (mandaté) for an action in a year."""

    SHEET: ClassVar[str] = schema.SPENDING.sheet
    row: int
    action: str | None
    year: int | None
    financing: str = schema.DEFAULT_FINANCING
    nature: str | None = None  # None: the nature its budget plans (followup/spending.py)
    committed: Decimal | None = None
    paid: Decimal | None = None
    unread: frozenset[str] = frozenset()

    @property
    def spent(self) -> Decimal:
        """What counts against the plan: the commitment, or what was paid when more (a
        payment is never less than spent)."""
        return max(self.committed or Decimal(0), self.paid or Decimal(0))


@dataclass(frozen=True)
class Measure:
    """An indicator's value measured at the end of a period (a year or a quarter)."""

    SHEET: ClassVar[str] = schema.MEASURES.sheet
    row: int
    indicator: str | None
    period: Quarter | None = None
    value: Decimal | None = None
    source: str | None = None
    unread: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Parameters:
    SHEET: ClassVar[str] = schema.PARAMETER_TABLE.sheet
    local_authority: str | None = None
    population: Decimal | None = None
    formalised_on: dt.date | None = None
    committee_on: dt.date | None = None
    committee_place: str | None = None
    committee_chair: str | None = None
    # Date the chair approved the minutes; until then they are a draft (« PROJET »).
    minutes_approved_on: dt.date | None = None
    ambition: str | None = None
    version: str | None = None
    governance_delay_days: int = 30
    days_per_fte: Decimal | None = None
    contact: str | None = None
    documents_folder: str | None = None
    committee_decision: str | None = None
    reservations: str | None = None
    authority_type: str | None = None
    logo: str | None = None
    diffusion: str | None = None
    minutes_annexes: str | None = None
    # The follow-up committee prepared (None: the latest date of « Suivi »).
    followup_on: dt.date | None = None
    # Excel row of each key as found, so findings can point at it.
    rows: dict[str, int] = field(default_factory=dict)
    # 1-based column of « Valeur » in Paramètres, where a parameter is written back.
    value_column: int = 2


@dataclass(frozen=True)
class Roadmap:
    parameters: Parameters = field(default_factory=Parameters)
    priorities: tuple[Priority, ...] = ()
    actions: tuple[Action, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    envelopes: tuple[Envelope, ...] = ()
    workload: tuple[Workload, ...] = ()
    capacities: tuple[Capacity, ...] = ()
    skills: tuple[Skill, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    risks: tuple[Risk, ...] = ()
    governance: tuple[GovernanceBody, ...] = ()
    validations: tuple[ValidationStep, ...] = ()
    participants: tuple[Participant, ...] = ()
    decisions: tuple[Decision, ...] = ()
    progress: tuple[Progress, ...] = ()
    spending: tuple[Spending, ...] = ()
    measures: tuple[Measure, ...] = ()
    # Sheets that could not be read at all: their checks are skipped, the others run.
    missing_sheets: frozenset[str] = frozenset()

    def action_by_id(self) -> dict[str, Action]:
        """First action of each ID (duplicates are reported by the ids check)."""
        result: dict[str, Action] = {}
        for action in self.actions:
            result.setdefault(action.id, action)
        return result

    @property
    def launch(self) -> ValidationStep | None:
        """The « Lancement officiel » row of Validation, whose date the documents print."""
        for step in self.validations:
            if schema.normalize(step.body) == schema.normalize(schema.LAUNCH):
                return step
        return None
