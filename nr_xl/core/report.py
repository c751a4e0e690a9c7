"""The whole check of a roadmap, from plain sheet rows to a ``Report`` (pure).

What ``nr-xl check``, the ribbon's button, xlwings Lite, the validation's refusal
and the minutes' feasibility review all run: the input findings, the journal's
chain and every rule, with the committee's figures from the same sums.
"""

from __future__ import annotations

from dataclasses import replace

from nr_xl.core.build import build_roadmap
from nr_xl.core.checks import run_checks
from nr_xl.core.checks.figures import figures
from nr_xl.core.checks.sums import Sums
from nr_xl.core.findings import Finding, Report
from nr_xl.core.journal.book import Workbook, from_sheets
from nr_xl.core.journal.review import journal_findings, journal_fingerprint, presented_sheets
from nr_xl.core.links import Links, link_findings
from nr_xl.core.model import Roadmap
from nr_xl.core.unverified import unverified_dimensions

Sheets = dict[str, list[list[object]]]


def check_roadmap(roadmap: Roadmap, input_findings: list[Finding], file: str) -> Report:
    """Every rule on ``roadmap``, after the findings of its reading."""
    sums = Sums.of(roadmap)
    return Report(file, list(input_findings) + run_checks(roadmap, sums), figures(roadmap, sums),
                  unverified_dimensions(input_findings, roadmap.parameters))


def check_sheets(sheets: Sheets, file: str, tables: dict[str, str] | None = None,
                 links: Links | None = None) -> Report:
    """The check of a workbook read as plain rows; ``tables`` (name -> range) limits the
    journal to the rows of its table, so a note typed under it is not a journal row;
    ``links``: the cells that read another workbook (core/links.py), said as such."""
    roadmap, input_findings = build_roadmap(sheets)
    return full_report(roadmap, input_findings, from_sheets(sheets, tables, links), file)


def full_report(roadmap: Roadmap, input_findings: list[Finding], book: Workbook, file: str) -> Report:
    """Input findings, the cells that read another workbook, the journal's chain and every
    rule, from a roadmap already built."""
    report = check_roadmap(roadmap, input_findings + link_findings(book.sheets, book.links or {}) + journal_findings(book),
                           file)
    fingerprint = journal_fingerprint(book)
    if fingerprint:
        report.figures = replace(report.figures, journal_fingerprint=fingerprint)
    return report


def presented_report(book: Workbook, file: str) -> Report | None:
    """The feasibility of the version presented to the committee (None before any snapshot)."""
    sheets = presented_sheets(book)
    if sheets is None:
        return None
    roadmap, input_findings = build_roadmap(sheets)
    return check_roadmap(roadmap, input_findings, file)
