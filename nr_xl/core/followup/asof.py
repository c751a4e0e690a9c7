"""Where each action stands on the day of a follow-up (pure).

The day is « Date du comité de suivi » of « Paramètres », else the latest date of « Suivi »;
an action's status that day is the last one « Suivi » reports on or before it, else the
« Statut » of « Feuille de route ». Without a day, there is no follow-up yet and the
follow-up rules say nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from nr_xl.core import schema
from nr_xl.core.model import Action, Roadmap
from nr_xl.core.parse import Quarter

# Statuses of an action that has begun, and of one that needs nothing more.
STARTED = frozenset({schema.ACTION_RUNNING, schema.ACTION_DONE})
CLOSED = frozenset({schema.ACTION_DONE, schema.ACTION_ABANDONED})


def followup_date(roadmap: Roadmap) -> dt.date | None:
    """The day the follow-up is judged on (None: no follow-up yet)."""
    if roadmap.parameters.followup_on is not None:
        return roadmap.parameters.followup_on
    dates = [p.date for p in roadmap.progress if p.date is not None]
    return max(dates) if dates else None


def quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarter_end(quarter: Quarter) -> dt.date:
    """The last day of ``quarter``."""
    first_of_next = dt.date(quarter.year + (quarter.q == 4), quarter.q % 4 * 3 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


@dataclass(frozen=True)
class State:
    """An action on the day of the follow-up."""

    action: Action
    status: str  # a value of schema.ACTION_STATUSES (blank in the roadmap: « À lancer »)
    percent: Decimal | None = None
    reported_on: dt.date | None = None  # None: nothing reported in « Suivi », the roadmap's status
    milestone: str | None = None
    comment: str | None = None
    # A report of the action (or of an action unknown) could not be read: its status that day
    # is not known for sure, and the rules say nothing of it (« non vérifié »).
    uncertain: bool = False

    @property
    def started(self) -> bool:
        return self.status in STARTED

    @property
    def closed(self) -> bool:
        return self.status in CLOSED

    def late(self, day: dt.date) -> str | None:
        """« not_started » or « not_finished » when ``day`` is past the quarter the action was
        to start or end in; None when it is on time (or its period cannot be read)."""
        if self.uncertain or self.closed or not self.action.period_valid:
            return None
        assert self.action.start is not None and self.action.end is not None
        now = quarter_of(day)
        if self.action.end < now:
            return "not_finished"
        if self.action.start < now and not self.started:
            return "not_started"
        return None


def states(roadmap: Roadmap, day: dt.date) -> dict[str, State]:
    """Action ID -> where it stands on ``day`` (first action of each ID)."""
    latest: dict[str, tuple[dt.date, int]] = {}
    reports = {}
    # A row whose action cannot be read may be any action's latest report: only the actions
    # with a readable report of their own are judged then.
    anyone = any("action" in p.unread for p in roadmap.progress)
    unsure = {p.action for p in roadmap.progress if p.action is not None and p.unread & {"date", "status"}}
    for p in roadmap.progress:
        if p.action is None or p.date is None or p.date > day or p.status is None:
            continue
        if p.action not in latest or (p.date, p.row) >= latest[p.action]:
            latest[p.action] = (p.date, p.row)
            reports[p.action] = p
    out: dict[str, State] = {}
    for action in roadmap.action_by_id().values():
        report = reports.get(action.id)
        if report is not None:
            assert report.status is not None
            out[action.id] = State(action, report.status, report.percent, report.date, report.milestone,
                                   report.comment,
                                   uncertain=action.id in unsure)
        else:
            out[action.id] = State(action, action.status or schema.ACTION_TO_START,
                                   uncertain=anyone or action.id in unsure)
    return out
