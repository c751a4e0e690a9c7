"""nr-xl check: read a workbook file, run the whole check, and (``--write``) fill its
« Contrôles » sheet under the workbook's lock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from nr_xl.core import layout, schema
from nr_xl.core.findings import Finding, Report
from nr_xl.core.report import check_sheets
from nr_xl.sources import Engine, read_rows

if TYPE_CHECKING:
    from nr_xl.workbook.lock import Guard


def check(path: Path, engine: Engine = "calamine", data: bytes | None = None) -> Report:
    """The whole check of the workbook at ``path`` (of ``data``, its bytes, when already read)."""
    rows = read_rows(path, list(schema.CHECKED_SHEETS), engine=engine, data=data)
    return check_sheets(rows.sheets, str(path), rows.tables, rows.links)


# The findings that say the journal no longer matches its chain: a backup holding such a
# journal is marked, and is never the one kept for restoring it.
JOURNAL_DAMAGE = ("journal.tampered", "journal.reference_altered")


def journal_state(findings: list[Finding]) -> str:
    from nr_xl.workbook.backup import DAMAGED, INTACT

    return DAMAGED if any(f.code in JOURNAL_DAMAGE for f in findings) else INTACT


def restore_hint(path: Path, report: Report) -> str | None:
    """Which backup to restore, when the report says the journal no longer matches its chain."""
    from nr_xl.workbook import backup
    from nr_xl.workbook.lock import real_path

    return backup.restore_hint(real_path(path)) if journal_state(report.findings) == backup.DAMAGED else None


def write_findings(path: Path, report: Report, now: dt.datetime | None = None, guard: Guard | None = None) -> Path:
    """Fill the Contrôles sheet of the workbook; returns the backup's path."""
    from nr_xl.workbook.writer import write_owned_sheets

    content = layout.findings_sheet(report, now or dt.datetime.now())
    return write_owned_sheets(path, {schema.FINDINGS.sheet: content},
                              headers={schema.FINDINGS.sheet: schema.FINDINGS.headers}, guard=guard,
                              journal=journal_state(report.findings))


def check_and_write(path: Path, engine: Engine = "calamine", break_lock: bool = False,
                    now: dt.datetime | None = None) -> tuple[Report, Path]:
    """check then write_findings under one lock: the report written is that of the very
    bytes it replaces (those the lock saw, never a second read of the file). Returns the
    report and the backup's path."""
    from nr_xl.workbook.lock import exclusive

    with exclusive(path, break_lock=break_lock) as guard:
        report = check(guard.path, engine=engine, data=guard.data)
        report = Report(str(path), report.findings, report.figures, report.unverified)
        return report, write_findings(path, report, now, guard=guard)
