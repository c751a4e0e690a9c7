"""The library API: what the CLI and the Excel entry points both call.

Each function does one job on a workbook file; the CLI and macros.py only
parse arguments, call one of these, and present the result. Every command of
the CLI is one call into this module (tests/test_cli.py holds it to that).
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import replace
from pathlib import Path
import sys
from typing import TYPE_CHECKING, Literal

from nr_xl.core import schema
from nr_xl.batch import batch_job
from nr_xl.core.build import build_roadmap
from nr_xl.core.checks import run_checks
from nr_xl.core.checks.figures import figures
from nr_xl.core.findings import Finding, Report
from nr_xl.core.model import Roadmap
from nr_xl.sources import Engine, read_rows
from nr_xl.core import layout

if TYPE_CHECKING:
    import pandas as pd

    from nr_xl.release.configure import Configured
    from nr_xl.workbook.lock import Guard

# The documents written from a workbook: the committee's minutes, the roadmap's kickoff announcement.
DocumentKind = Literal["compte_rendu", "annonce_lancement"]

INPUT_SHEETS = [t.sheet for t in schema.INPUT_TABLES]


@batch_job
def read_roadmap(path: str | Path, engine: Engine = "calamine") -> tuple[Roadmap, list[Finding]]:
    """The typed roadmap and the input findings of the workbook at ``path``."""
    rows = read_rows(path, INPUT_SHEETS, engine=engine)
    return build_roadmap(rows.sheets)


def check_roadmap(roadmap: Roadmap, input_findings: list[Finding], file: str) -> Report:
    findings = list(input_findings) + run_checks(roadmap)
    return Report(file, findings, figures(roadmap))


@batch_job
def check(path: str | Path, engine: Engine = "calamine") -> Report:
    """Every feasibility check (docs/constats.md) on the workbook at ``path``,
    plus the journal's hash chain."""
    rows = read_rows(path, list(schema.CHECKED_SHEETS), engine=engine)
    return check_sheets(rows.sheets, str(path), rows.tables)


@batch_job
def check_sheets(sheets: dict[str, list[list[object]]], file: str,
                 tables: dict[str, str] | None = None) -> Report:
    """The same checks on plain sheet rows (what the Excel entry points read);
    ``tables`` (name -> range) limits the journal to the rows of its table."""
    from nr_xl.core.journal.plans import from_sheets

    roadmap, input_findings = build_roadmap(sheets)
    return full_report(roadmap, input_findings, from_sheets(sheets, tables), file)


def full_report(roadmap: Roadmap, input_findings: list[Finding], book, file: str) -> Report:
    """Input findings, the journal's chain and every check: what check reports and
    what the minutes review, from a roadmap already built."""
    from nr_xl.core.journal.review import journal_findings, journal_fingerprint

    report = check_roadmap(roadmap, input_findings + journal_findings(book), file)
    fingerprint = journal_fingerprint(book)
    if fingerprint:
        report.figures = replace(report.figures, journal_fingerprint=fingerprint)
    return report


def write_findings(path: str | Path, report: Report, now: dt.datetime | None = None,
                   guard: Guard | None = None) -> Path:
    """Fill the Contrôles sheet of the workbook; returns the backup's path."""
    from nr_xl.workbook.writer import write_owned_sheets

    content = layout.findings_sheet(report, now or dt.datetime.now())
    return write_owned_sheets(
        Path(path), {schema.FINDINGS.sheet: content},
        headers={schema.FINDINGS.sheet: schema.FINDINGS.headers}, guard=guard,
    )


def write_controles(path: str | Path, report: Report, now: dt.datetime | None = None,
                    guard: Guard | None = None) -> Path:
    """Deprecated: the former name of ``write_findings``."""
    warnings.warn("nr_xl.api.write_controles is deprecated: use nr_xl.api.write_findings",
                  DeprecationWarning, stacklevel=2)
    return write_findings(path, report, now, guard)


@batch_job
def check_and_write(path: str | Path, engine: Engine = "calamine", break_lock: bool = False,
                    now: dt.datetime | None = None) -> tuple[Report, Path]:
    """check then write_findings under one lock: the report written is that of
    the very bytes it replaces. Returns the report and the backup's path."""
    from nr_xl.workbook.lock import exclusive

    with exclusive(Path(path), break_lock=break_lock) as guard:
        report = check(guard.path, engine=engine)
        report = Report(str(path), report.findings, report.figures)
        return report, write_findings(path, report, now, guard=guard)


def build_template(out: str | Path, data: dict | None = None) -> Path:
    """The blank template (or, with ``data``, a filled workbook) at ``out``."""
    import tempfile  # here: a check, the command run most, never needs it

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


@batch_job
def snapshot(path: str | Path, now: dt.datetime | None = None, accept_broken: bool = False,
             rebuild: bool = False, break_lock: bool = False):
    """Store the current roadmap as the reference version inside the workbook (``rebuild``: rebuild
    a deleted one from the journal); returns the plan written (``state``, and ``notices``)."""
    from nr_xl.jobs.journal import take_snapshot

    return take_snapshot(Path(path), now, accept_broken, rebuild, break_lock)


@batch_job
def log(path: str | Path, instance: str | None = None, author: str | None = None,
        reason: str = "", now: dt.datetime | None = None, accept_broken: bool = False,
        break_lock: bool = False):
    """Append one Journal row per change since the last log."""
    from nr_xl.jobs.journal import log_changes

    return log_changes(Path(path), instance, author, reason, now, accept_broken, break_lock)


@batch_job
def validate(path: str | Path, instance: str | None = None, author: str | None = None,
             reason: str = "", now: dt.datetime | None = None, reservations: str | None = None,
             adjourned: bool = False, accept_broken: bool = False,
             break_lock: bool = False):
    """Record the committee's decision (validated, with reservations, or adjourned):
    log pending changes, bump Version unless adjourned, take a new reference version.
    Refuses (ValidationRefused) while blocking points remain and no reservation is given."""
    from nr_xl.jobs.journal import validate as validate_roadmap

    return validate_roadmap(Path(path), instance, author, reason, now, reservations, adjourned, accept_broken,
                            break_lock)


@batch_job
def verify(path: str | Path, against: str) -> tuple[bool, str]:
    """Does the journal of ``path`` still hold what circulated minutes (a .docx) or a
    fingerprint (« N° 1 à 11 — 3F2A 9C1B 77E0 ») said? Returns (matches, French explanation)."""
    from nr_xl.jobs.verify import verify_against

    return verify_against(Path(path), against)


@batch_job
def adjustments(path: str | Path):
    """The net adjustments since the reference version, with the journal's reasons."""
    from nr_xl.core.journal.review import net_adjustments
    from nr_xl.jobs.journal import read

    return net_adjustments(read(Path(path)))


def check_presented_book(book, file: str) -> Report | None:
    """The feasibility of the version presented to the committee (None before any snapshot)."""
    from nr_xl.core.journal.review import presented_sheets

    sheets = presented_sheets(book)
    if sheets is None:
        return None
    roadmap, input_findings = build_roadmap(sheets)
    return check_roadmap(roadmap, input_findings, file)


@batch_job
def document(kind: DocumentKind, path: str | Path, output: str | Path | None = None,
             template: str | Path | None = None, pdf: bool = False, today: dt.date | None = None,
             force: bool = False) -> list[Path]:
    """Write the document ``kind`` of the workbook at ``path`` (and its PDF with ``pdf``);
    returns the files written. ``output`` defaults to a dated name beside the workbook,
    ``template`` to modeles/<kind>.docx beside it, else the packaged one; ``today`` is the
    date printed (default: the committee's, or the kickoff's). A document already there is
    never replaced unless ``force``: the new one is « nom (2).docx »."""
    from nr_xl.documents.service import generate, kind_named

    return generate(kind_named(kind), Path(path), Path(output) if output is not None else None,
                    Path(template) if template is not None else None, pdf, today=today, force=force)


def check_template(template: str | Path, kind: DocumentKind | None = None) -> list[str]:
    """What is wrong with a user-edited Word template (tags broken by Word, unknown
    variables), in French; [] if it is fine. ``kind`` defaults from the file name
    (« annonce… » is a kickoff announcement, anything else minutes)."""
    from nr_xl.documents.service import check_template as check, kind_named

    template = Path(template)
    name = kind or ("annonce_lancement" if "annonce" in template.name.lower() else "compte_rendu")
    return check(template, kind_named(name))


def configure(path: str | Path, interpreter: str,
              system: Literal["windows", "macos"] | None = None) -> Configured:
    """Tell the workbook which Python the ribbon starts (Interpreter_Win or Interpreter_Mac
    in its hidden xlwings.conf sheet; ``system`` defaults to this one). Writes nothing when
    the value is already there."""
    from nr_xl.release.configure import configure as configure_workbook

    return configure_workbook(Path(path), interpreter, system)


def read_date(text: str) -> dt.date | None:
    """A date as the workbook's cells accept it (07/03/2027, 2027-03-07…), or None."""
    from nr_xl.core import parse

    try:
        return parse.date(text)
    except parse.CellError:
        return None


def replaced_workbooks() -> list[Path]:
    """Every workbook this process has replaced so far: after an unexpected error, what
    was written all the same. Loads no writer (a process that never wrote has none)."""
    writer = sys.modules.get("nr_xl.workbook.writer")
    replaced: list[Path] = list(writer.REPLACED) if writer is not None else []
    return replaced


@batch_job
def frames(path: str | Path, engine: Engine = "calamine") -> dict[str, pd.DataFrame]:
    """One typed pandas DataFrame per input table of the workbook at ``path``, keyed by
    sheet name, with the rows the checks read (index: the Excel row) and the contract's
    headers as columns; dtypes and what is left out: ``nr_xl.jobs.frames``. Needs the optional
    pandas (``pip install "nr-xl[analyse]"``; without it, a UsageError says so in French)."""
    from nr_xl.jobs.frames import from_sheets, require_pandas

    require_pandas()  # before reading: a missing pandas is said at once
    return from_sheets(read_rows(path, INPUT_SHEETS, engine=engine).sheets)
