"""Validation: roadmap items tied to another programme (PCAET, SPASER…) need that
programme's own validation body scheduled after the committee; the order
COPIL -> other bodies (bureau, conseil…) -> official launch holds; the launch
needs a date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from nr_xl.core import fmt, schema
from nr_xl.core.checks._util import is_abandoned, norm
from nr_xl.core.checks.governance import is_steering_committee
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import Roadmap, ValidationStep

ADJOURNED = schema.VALIDATION_ADJOURNED


def committee_date(roadmap: Roadmap) -> dt.date | None:
    """The COPIL that validates: Paramètres, else its row in « Validation »."""
    if roadmap.parameters.committee_on is not None:
        return roadmap.parameters.committee_on
    return next((v.date for v in roadmap.validations if is_steering_committee(v.body) and v.date), None)


def other_bodies(roadmap: Roadmap) -> list[ValidationStep]:
    """The bodies after the COPIL and before the launch (bureau, conseil, programme instances)."""
    launch = roadmap.launch
    return [v for v in roadmap.validations if v is not launch and not is_steering_committee(v.body)]


def _names(programme: str, step: ValidationStep) -> bool:
    # Whole words only: « PCAET » is not found in « PCAETS2 », nor « SI » in « SIG ».
    pattern = r"(?<!\w)" + re.escape(norm(programme)) + r"(?!\w)"
    return re.search(pattern, norm(f"{step.body} {step.subject or ''}")) is not None


def _why_not(step: ValidationStep, committee: dt.date | None) -> str | None:
    """Why a row naming the programme does not schedule its validation (None: it does, or
    its date or status could not be read: not judged)."""
    if step.unread & {"date", "status"}:
        return None
    if step.status == ADJOURNED:
        return f"« {step.body} » est ajourné"
    if step.date is None:
        return f"« {step.body} » n'est pas daté"
    if committee is not None and step.date < committee:
        return f"« {step.body} » ({fmt.long_date(step.date)}) précède le comité"
    return None


def check(roadmap: Roadmap) -> Iterator[Finding]:
    if ValidationStep.SHEET in roadmap.missing_sheets:
        return
    committee = committee_date(roadmap)
    bodies = other_bodies(roadmap)
    for action in roadmap.actions:
        if not action.programme or is_abandoned(action):
            continue
        naming = [v for v in bodies if _names(action.programme, v)]
        reasons = [_why_not(v, committee) for v in naming]
        if naming and any(r is None for r in reasons):
            continue
        detail = f" ({'; '.join(r for r in reasons if r)})" if naming else ""
        yield finding(
            "validation.followup_missing", sheet=action.SHEET, row=action.row,
            field=schema.ACTIONS.programme.header, key=action.id, action=action.id, programme=action.programme,
            detail=detail,
        )
    yield from _order(roadmap, committee, bodies)
    launch = roadmap.launch
    if (launch is None or launch.date is None) and not (launch and "date" in launch.unread):
        yield finding(
            "validation.no_launch", sheet=ValidationStep.SHEET,
            row=launch.row if launch else None, field=schema.VALIDATION.date.header if launch else None,
            key=schema.LAUNCH,
        )


def _order(roadmap: Roadmap, committee: dt.date | None,
           bodies: list[ValidationStep]) -> Iterator[Finding]:
    scheduled = [v for v in bodies if v.date is not None and v.status != ADJOURNED and "status" not in v.unread]
    if committee is not None:
        for step in scheduled:
            assert step.date is not None
            if step.date < committee:
                yield finding(
                    "validation.out_of_order", sheet=step.SHEET, row=step.row, field=schema.VALIDATION.date.header, key=step.body,
                    body=step.body, date=fmt.long_date(step.date), committee=fmt.long_date(committee),
                )
    launch = roadmap.launch
    if launch is None or launch.date is None:
        return
    before = [(committee, "le comité de pilotage")] if committee and launch.date < committee else []
    before += [(v.date, f"« {v.body} »") for v in scheduled if v.date is not None and launch.date < v.date]
    for date, what in before:
        assert date is not None
        yield finding(
            "validation.launch_too_early", sheet=launch.SHEET, row=launch.row, field=schema.VALIDATION.date.header,
            key=f"Lancement officiel/{what.strip('« »')}", launch=fmt.long_date(launch.date), what=what,
            date=fmt.long_date(date),
        )
