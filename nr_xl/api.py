"""The library API: what the CLI and the Excel entry points both call.

Each function does one job on a workbook file; the CLI and macros.py only
parse arguments, call one of these, and present the result.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from nr_xl import schema
from nr_xl.build import build_roadmap
from nr_xl.checks import run_checks
from nr_xl.checks.figures import figures
from nr_xl.findings import Finding, Report
from nr_xl.model import Roadmap
from nr_xl.sources import Engine, read_rows
from nr_xl.workbook import layout

if TYPE_CHECKING:
    from nr_xl.workbook.lock import Guard

INPUT_SHEETS = [t.sheet for t in schema.INPUT_TABLES]


def read_roadmap(path: str | Path, engine: Engine = "calamine") -> tuple[Roadmap, list[Finding]]:
    """The typed roadmap and the input findings of the workbook at ``path``."""
    rows = read_rows(path, INPUT_SHEETS, engine=engine)
    return build_roadmap(rows.sheets)


def check_roadmap(roadmap: Roadmap, input_findings: list[Finding], file: str) -> Report:
    findings = list(input_findings) + run_checks(roadmap)
    return Report(file, findings, figures(roadmap))


def check(path: str | Path, engine: Engine = "calamine") -> Report:
    """Every feasibility check (docs/constats.md) on the workbook at ``path``,
    plus the journal's hash chain."""
    rows = read_rows(path, list(schema.CHECKED_SHEETS), engine=engine)
    return check_sheets(rows.sheets, str(path), rows.tables)


def check_sheets(sheets: dict[str, list[list[object]]], file: str,
                 tables: dict[str, str] | None = None) -> Report:
    """The same checks on plain sheet rows (what the Excel entry points read);
    ``tables`` (name -> range) limits the journal to the rows of its table."""
    from nr_xl.journal.service import from_sheets

    roadmap, input_findings = build_roadmap(sheets)
    return full_report(roadmap, input_findings, from_sheets(sheets, tables), file)


def full_report(roadmap: Roadmap, input_findings: list[Finding], book, file: str) -> Report:  # type: ignore[no-untyped-def]
    """Input findings, the journal's chain and every check: what check reports and
    what the minutes review, from a roadmap already built."""
    from nr_xl.journal.service import journal_findings, journal_fingerprint

    report = check_roadmap(roadmap, input_findings + journal_findings(book), file)
    fingerprint = journal_fingerprint(book)
    if fingerprint:
        report.figures = replace(report.figures, journal_fingerprint=fingerprint)
    return report


def write_controles(path: str | Path, report: Report, now: dt.datetime | None = None,
                    guard: Guard | None = None) -> Path:
    """Fill the Contrôles sheet of the workbook; returns the backup's path."""
    from nr_xl.workbook.writer import write_owned_sheets

    content = layout.controles(report, now or dt.datetime.now())
    return write_owned_sheets(
        Path(path), {schema.CONTROLES.sheet: content},
        headers={schema.CONTROLES.sheet: schema.CONTROLES.headers}, guard=guard,
    )


def check_and_write(path: str | Path, engine: Engine = "calamine", break_lock: bool = False,
                    now: dt.datetime | None = None) -> tuple[Report, Path]:
    """check then write_controles under one lock: the report written is that of
    the very bytes it replaces. Returns the report and the backup's path."""
    from nr_xl.workbook.lock import exclusive

    with exclusive(Path(path), break_lock=break_lock) as guard:
        report = check(guard.path, engine=engine)
        report = Report(str(path), report.findings, report.figures)
        return report, write_controles(path, report, now, guard=guard)


def build_template(out: str | Path, data: dict | None = None) -> Path:  # type: ignore[type-arg]
    """The blank template (or, with ``data``, a filled workbook) at ``out``."""
    from nr_xl.workbook.package import package
    from nr_xl.workbook.template import build_workbook

    out = Path(out)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.xlsx"
        build_workbook(raw, data)
        package(raw, out)
    return out


def build_example(out: str | Path) -> Path:
    from nr_xl.example import load_example

    return build_template(out, load_example())


def snapshot(path: str | Path, now: dt.datetime | None = None, accept_broken: bool = False,  # type: ignore[no-untyped-def]
             rebuild: bool = False, break_lock: bool = False):
    """Store the current roadmap as the reference version inside the workbook (``rebuild``: rebuild
    a deleted one from the journal); returns the plan written (``state``, and ``notices``)."""
    from nr_xl.journal.service import take_snapshot

    return take_snapshot(Path(path), now, accept_broken, rebuild, break_lock)


def log(path: str | Path, instance: str | None = None, author: str | None = None,
        reason: str = "", now: dt.datetime | None = None, accept_broken: bool = False,  # type: ignore[no-untyped-def]
        break_lock: bool = False):
    """Append one Journal row per change since the last log."""
    from nr_xl.journal.service import log_changes

    return log_changes(Path(path), instance, author, reason, now, accept_broken, break_lock)


def validate(path: str | Path, instance: str | None = None, author: str | None = None,
             reason: str = "", now: dt.datetime | None = None, reservations: str | None = None,
             adjourned: bool = False, accept_broken: bool = False,  # type: ignore[no-untyped-def]
             break_lock: bool = False):
    """Record the committee's decision (validated, with reservations, or adjourned):
    log pending changes, bump Version unless adjourned, take a new reference version.
    Refuses (ValidationRefused) while blocking points remain and no reservation is given."""
    from nr_xl.journal.service import validate as validate_roadmap

    return validate_roadmap(Path(path), instance, author, reason, now, reservations, adjourned, accept_broken,
                            break_lock)


def verify(path: str | Path, against: str) -> tuple[bool, str]:
    """Does the journal of ``path`` still hold what circulated minutes (a .docx) or a
    fingerprint (« N° 1 à 11 — 3F2A 9C1B 77E0 ») said? Returns (matches, French explanation)."""
    from nr_xl.journal.verify import verify_against

    return verify_against(Path(path), against)


def adjustments(path: str | Path):  # type: ignore[no-untyped-def]
    """The net adjustments since the reference version, with the journal's reasons."""
    from nr_xl.journal.service import net_adjustments, read

    return net_adjustments(read(Path(path)))


def check_presented_book(book, file: str) -> Report | None:  # type: ignore[no-untyped-def]
    """The feasibility of the version presented to the committee (None before any snapshot)."""
    from nr_xl.journal.service import presented_sheets

    sheets = presented_sheets(book)
    if sheets is None:
        return None
    roadmap, input_findings = build_roadmap(sheets)
    return check_roadmap(roadmap, input_findings, file)
