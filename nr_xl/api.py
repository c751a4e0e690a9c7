"""The library API: what the CLI and the Excel entry points both call.

Each function does one job on a workbook file; the CLI and macros.py only
parse arguments, call one of these, and present the result.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from nr_xl import schema
from nr_xl.build import build_roadmap
from nr_xl.checks import run_checks
from nr_xl.checks.figures import figures
from nr_xl.findings import Finding, Report
from nr_xl.model import Roadmap
from nr_xl.sources import Engine, read_rows
from nr_xl.workbook import layout

INPUT_SHEETS = [t.sheet for t in schema.INPUT_TABLES]


def read_roadmap(path: str | Path, engine: Engine = "calamine") -> tuple[Roadmap, list[Finding]]:
    """The typed roadmap and the input findings of the workbook at ``path``."""
    rows = read_rows(path, INPUT_SHEETS, engine=engine)
    return build_roadmap(rows.sheets)


def check_roadmap(roadmap: Roadmap, input_findings: list[Finding], file: str) -> Report:
    findings = list(input_findings) + run_checks(roadmap)
    return Report(file, findings, figures(roadmap))


def check(path: str | Path, engine: Engine = "calamine") -> Report:
    """Every feasibility check of CONTRACT.md §2 on the workbook at ``path``."""
    roadmap, input_findings = read_roadmap(path, engine)
    return check_roadmap(roadmap, input_findings, str(path))


def write_controles(path: str | Path, report: Report, now: dt.datetime | None = None) -> Path:
    """Fill the Contrôles sheet of the workbook; returns the backup's path."""
    from nr_xl.workbook.writer import write_owned_sheets

    content = layout.controles(report, now or dt.datetime.now())
    return write_owned_sheets(
        Path(path), {schema.CONTROLES.sheet: content},
        headers={schema.CONTROLES.sheet: schema.CONTROLES.headers},
    )


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
