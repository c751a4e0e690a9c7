"""snapshot, log and validate on a workbook file: the journal's use cases.

Reads with the fast reader, computes with the pure plans (``plans``), and writes
through the safe writer in one atomic replacement (Journal and reference sheet
together, so they can never disagree), the whole cycle under the workbook's lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from nr_xl.core import presence, schema, vocabulary
from nr_xl.core.journal.chain import JournalRow
# The errors the use cases below raise, importable from here by their callers.
from nr_xl.core.journal.plans import JournalBroken, NoReference, ValidationRefused  # noqa: F401
from nr_xl.core.journal.book import Workbook, from_sheets
from nr_xl.core.journal.plans import Plan, plan_log, plan_rebuild, plan_snapshot, plan_validate
from nr_xl.sources import read_rows
from nr_xl.workbook.lock import Guard, exclusive


def read(path: Path, guard: Guard | None = None) -> Workbook:
    """The workbook as the journal sees it: under the lock (``guard``), the bytes the lock saw."""
    rows = read_rows(path, list(schema.CHECKED_SHEETS), data=guard.data if guard is not None else None)
    presence.require_inputs(rows.sheets, path.name, presence.JOURNAL)
    return from_sheets(rows.sheets, rows.tables, rows.links)


def write_plan(path: Path, plan: Plan, guard: Guard | None = None, before: Workbook | None = None) -> Path:
    """Write ``plan``; ``before``, the workbook as read, says whether the backup holds an intact journal."""
    from nr_xl.core.journal.review import journal_findings
    from nr_xl.jobs.check import journal_state
    from nr_xl.workbook.backup import UNKNOWN
    from nr_xl.workbook.writer import write_owned_sheets

    return write_owned_sheets(path, plan.contents(),
                              headers={schema.JOURNAL.sheet: schema.JOURNAL.headers},
                              patches=plan.patches or None, guard=guard,
                              # deleted by hand (Excel cannot show a very hidden sheet back)
                              create={schema.REFERENCE_SHEET.name: schema.REFERENCE_SHEET.state},
                              journal=journal_state(journal_findings(before)) if before is not None else UNKNOWN)


@contextmanager
def _naming_the_backup_to_restore(path: Path) -> Iterator[None]:
    """A refusal because the journal was modified by hand says which backup holds it intact."""
    from nr_xl.workbook.backup import restore_hint

    try:
        yield
    except JournalBroken as exc:
        raise JournalBroken(f"{exc.message} {restore_hint(path)}") from None


def take_snapshot(path: Path, now: dt.datetime | None = None, accept_broken: bool = False,
                  rebuild: bool = False, break_lock: bool = False) -> Plan:
    """Store the current roadmap as the reference version inside the workbook (or, with
    ``rebuild``, rebuild a deleted or damaged reference from the journal)."""
    with exclusive(path, break_lock=break_lock) as guard, _naming_the_backup_to_restore(guard.path):
        book = read(guard.path, guard)
        plan = (plan_rebuild(book, path.name, now, accept_broken) if rebuild
                else plan_snapshot(book, now, accept_broken, name=path.name))
        write_plan(path, plan, guard, book)
    return plan


def log_changes(path: Path, instance: str | None = None, author: str | None = None,
                reason: str = "", now: dt.datetime | None = None, accept_broken: bool = False,
                break_lock: bool = False) -> list[JournalRow]:
    """Append one Journal row per change since the last log; returns the new rows.

    Read, diff and write happen under the workbook's lock: two logs at the same
    moment run one after the other, the second seeing the first's rows."""
    with exclusive(path, break_lock=break_lock) as guard, _naming_the_backup_to_restore(guard.path):
        book = read(guard.path, guard)
        plan = plan_log(book, path.name, instance, author, reason, now, accept_broken)
        if plan.new_rows:
            write_plan(path, plan, guard, book)
    return plan.new_rows


@dataclass(frozen=True)
class Validation:
    old_version: str
    new_version: str
    logged: list[JournalRow]
    decision: str = vocabulary.VALIDATED
    reservations: str = ""
    # Said beside the result: the decision was already on record and nothing changed (nothing written).
    notices: tuple[str, ...] = ()


def validate(path: Path, instance: str | None = None, author: str | None = None,
             reason: str = "", now: dt.datetime | None = None, reservations: str | None = None,
             adjourned: bool = False, accept_broken: bool = False, break_lock: bool = False) -> Validation:
    with exclusive(path, break_lock=break_lock) as guard, _naming_the_backup_to_restore(guard.path):
        book = read(guard.path, guard)
        plan = plan_validate(book, path.name, instance, author, reason, now, reservations, adjourned, accept_broken)
        if plan.new_rows or plan.patches or not plan.notices:
            write_plan(path, plan, guard, book)
    return Validation(plan.old_version, plan.new_version, plan.new_rows, plan.decision, plan.reservations,
                      plan.notices)
