"""What the tool writes in the sheets it owns, as plain cells (pure).

The template builder renders these cells with openpyxl; the safe writer renders
the same cells as sheet XML inside a user's workbook. Styles are named cell
styles (``STYLES``) so they survive Excel and LibreOffice saves.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from nr_xl.core import schema
from nr_xl.core.tables import column_letter
from nr_xl.core.committee import BudgetFigure, CapacityFigure
from nr_xl.core.findings import (
    COMPLETE, COMPLETENESS_LABEL, STATUS_BLOCKING, STATUS_FEASIBLE, STATUS_LABEL, STATUS_TO_ARBITRATE,
    STATUS_UNVERIFIED, STATUSES, TO_COMPLETE, Report, Severity,
)

MAX_CELL_TEXT = 32767  # Excel's limit per cell
# Characters XML 1.0 cannot carry: a stray one makes Excel refuse the whole file.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HAS_ILLEGAL = XML_ILLEGAL.search


def storable(text: str) -> str:
    """``text`` as a cell stores it: no XML-illegal character, at most 32,767 characters.
    The journal hashes this very form, so what it writes always verifies when read back."""
    # One search first: most texts hold no illegal character and are returned as they
    # are (this runs on every text cell written; a search is 7 times cheaper than the
    # min()/max() scan it replaced on a finding's message).
    if _HAS_ILLEGAL(text):
        text = XML_ILLEGAL.sub("", text)
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


# Named cell styles of the template: name -> (font colour, fill colour, bold, number format).
STYLES: dict[str, tuple[str | None, str | None, bool, str | None]] = {
    "nr_titre": ("1F4E3D", None, True, None),
    "nr_entete": ("FFFFFF", "1F4E3D", True, None),
    "nr_texte": (None, None, False, None),
    "nr_bloquant": ("FFFFFF", "C00000", True, None),
    "nr_arbitrer": ("000000", "FFC000", True, None),
    "nr_faisable": ("FFFFFF", "2E7D32", True, None),
    "nr_nonverifie": ("FFFFFF", "595959", True, None),
    "nr_lien": ("0563C1", None, False, None),
    "nr_euros": (None, None, False, schema.EUR),
    "nr_jh": (None, None, False, "#,##0.0"),
    "nr_pourcent": (None, None, False, "0%"),
}

STATUS_STYLE = {
    STATUS_BLOCKING: "nr_bloquant",
    STATUS_UNVERIFIED: "nr_nonverifie",
    STATUS_TO_ARBITRATE: "nr_arbitrer",
    STATUS_FEASIBLE: "nr_faisable",
}
COMPLETENESS_STYLE = {COMPLETE: "nr_faisable", TO_COMPLETE: "nr_arbitrer"}
# What each status asks of the committee (the legend of the status block): one line each in
# column L (28 wide), the block's rows being the findings' rows, no taller.
STATUS_MEANING = {
    STATUS_BLOCKING: "à corriger avant validation",
    STATUS_UNVERIFIED: "donnée illisible (Non lu)",
    STATUS_TO_ARBITRATE: "alerte que le comité tranche",
    STATUS_FEASIBLE: "rien à signaler",
}
COMPLETENESS_MEANING = "cellules à corriger, à vérifier"
SEVERITY_STYLE = {
    Severity.ERROR: "nr_bloquant",
    Severity.WARNING: "nr_arbitrer",
    Severity.INFO: "nr_texte",
}

# The status block sits beside tbl_Controles, from column K, so the table's
# header stays on row 1 like every other table.
BLOCK_COL = 11  # K


class Cell(NamedTuple):
    """One cell to write. A named tuple, not a frozen dataclass: a région's
    Contrôles sheet is some 80,000 of them, and a frozen dataclass costs four
    times as much to build."""

    row: int  # 1-based
    col: int  # 1-based
    value: Any  # str, int, float or None
    style: str = "nr_texte"
    link: str | None = None  # internal target, e.g. "'Budget'!C7"


@dataclass(frozen=True)
class SheetContent:
    cells: tuple[Cell, ...]
    table_rows: int  # data rows of the sheet's table (at least 1: an empty row)
    # Row heights in points: neither Excel nor LibreOffice grows a row for wrapped
    # text written by another program, so long messages get room explicitly.
    heights: tuple[tuple[int, float], ...] = ()


LINE_HEIGHT = 15.0


def row_heights(rows: list[tuple[Any, ...]], spec: schema.TableSpec, first_row: int = 2
                ) -> tuple[tuple[int, float], ...]:
    """(Excel row, points) for each table row, its values in the spec's column order:
    the room its longest wrapped text needs (about 1.1 characters per unit of
    column width)."""
    widths = tuple(int(col.width * 1.1) for col in spec.columns)
    heights = []
    for r, values in enumerate(rows, start=first_row):
        lines = 1
        for value, chars in zip(values, widths):
            if type(value) is str and len(value) > chars * lines:
                lines = -(-len(value) // chars)
        heights.append((r, LINE_HEIGHT * lines))
    return tuple(heights)


def findings_sheet(report: Report | None, checked_at: dt.datetime | None = None) -> SheetContent:
    """The Contrôles sheet; ``report=None`` gives the template's « not checked yet » state."""
    cells: list[Cell] = [Cell(1, i + 1, h, "nr_entete") for i, h in enumerate(schema.FINDINGS.headers)]
    findings = report.findings if report else []
    rows = [(f.label, f.code, f.dimension, f.sheet, f.row, f.field, f.key, f.message, f.suggestion)
            for f in findings]
    for offset, (f, values) in enumerate(zip(findings, rows), start=2):
        link = _link(f.sheet, f.row, f.field)
        for col, value in enumerate(values, start=1):
            style = SEVERITY_STYLE[f.severity] if col == 1 else "nr_texte"
            if col == 4 and link:
                cells.append(Cell(offset, col, value, "nr_lien", link))
            else:
                cells.append(Cell(offset, col, value, style))
    cells.extend(_status_block(report, checked_at))
    heights = row_heights(rows, schema.FINDINGS)
    return SheetContent(tuple(cells), max(len(findings), 1), heights)


def _link(sheet: str | None, row: int | None, field: str | None) -> str | None:
    if not sheet:
        return None
    if not row:
        return _quoted(sheet) + "!A1"
    return f"{_quoted(sheet)}!{_letter(sheet, field)}{row}"


# Thousands of findings point at a handful of sheets and columns.
@functools.lru_cache(maxsize=256)
def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


@functools.lru_cache(maxsize=1024)
def _letter(sheet: str, field: str | None) -> str:
    spec = schema.TABLES_BY_SHEET.get(sheet)
    col = spec.headers.index(field) + 1 if spec and field in spec.headers else 1
    return column_letter(col - 1)


def _status_block(report: Report | None, checked_at: dt.datetime | None) -> list[Cell]:
    """The two verdicts (K1:L2), when (K3:L3), the counts (K5:L5), each dimension and
    what could not be verified in it, the legend, the journal's fingerprint and the
    figures. Row 4 stays empty: xlwings Lite writes its last message there."""
    k, v = BLOCK_COL, BLOCK_COL + 1
    out: list[Cell] = [Cell(1, k, FEASIBILITY_LABEL, "nr_entete"), Cell(2, k, COMPLETENESS_ROW, "nr_entete"),
                       Cell(3, k, "Vérifié le"), Cell(5, k, "Constats")]
    if report is None:
        out += [Cell(1, v, STATUS_LABEL[STATUS_UNVERIFIED]), Cell(2, v, "—"), Cell(3, v, "—"),
                Cell(5, v, "Cliquez sur « Vérifier la faisabilité » (ruban) ou lancez nr-xl check --write.")]
    else:
        feasibility, completeness = report.feasibility, report.completeness
        out += [Cell(1, v, STATUS_LABEL[feasibility].upper(), STATUS_STYLE[feasibility]),
                Cell(2, v, COMPLETENESS_LABEL[completeness].upper(), COMPLETENESS_STYLE[completeness]),
                Cell(3, v, (checked_at or dt.datetime.now()).strftime("%d/%m/%Y %H:%M")),
                Cell(5, v, counts(report))]
    out += [Cell(DIMENSIONS_ROW, k, "Dimension", "nr_entete"), Cell(DIMENSIONS_ROW, v, "Statut", "nr_entete"),
            Cell(DIMENSIONS_ROW, v + 1, "Non lu", "nr_entete")]
    dims = report.dimensions if report else {d: None for d in schema.DIMENSIONS}
    row = DIMENSIONS_ROW + 1
    for name, status in dims.items():
        out.append(Cell(row, k, name))
        out.append(Cell(row, v, STATUS_LABEL[status] if status else "—",
                        STATUS_STYLE[status] if status else "nr_texte"))
        unread = report.unverified.get(name, ()) if report else ()
        if unread:
            shown = ", ".join(unread[:MAX_UNREAD_SHOWN])
            out.append(Cell(row, v + 1, shown + (f" (+{len(unread) - MAX_UNREAD_SHOWN})"
                                                 if len(unread) > MAX_UNREAD_SHOWN else "")))
        row += 1
    row += 1
    out.append(Cell(row, k, LEGEND, "nr_entete"))
    for status in STATUSES:
        row += 1
        out += [Cell(row, k, STATUS_LABEL[status], STATUS_STYLE[status]), Cell(row, v, STATUS_MEANING[status])]
    row += 1
    out += [Cell(row, k, COMPLETENESS_LABEL[TO_COMPLETE], COMPLETENESS_STYLE[TO_COMPLETE]),
            Cell(row, v, COMPLETENESS_MEANING)]
    row += 1
    out += [Cell(row, k, LEGEND_LINK, "nr_lien", f"'{schema.README_SHEET.name}'!A1"),
            Cell(row, v, "un clic sur la feuille d'un constat ouvre la cellule en cause")]
    row += 2
    fingerprint = report.figures.journal_fingerprint if report else None
    if fingerprint:  # compared by eye with the one printed in the circulated minutes
        out += [Cell(row, k, FINGERPRINT_LABEL, "nr_entete"), Cell(row, v, fingerprint)]
        row += 2
    out += _figures(report, row)
    return out


def counts(report: Report) -> str:
    """« Feuille de route : 2 bloquant(s), 9 alerte(s) ; classeur : 3 à corriger, 1 à vérifier »:
    the findings behind each verdict (the status block's « Constats »)."""
    text = f"Feuille de route : {feasibility_counts(report)}"
    to_complete = completeness_counts(report)
    return text + (f" ; classeur : {to_complete}" if to_complete else "")


def summary(report: Report) -> str:
    """The two verdicts in two sentences, as the ribbon, xlwings Lite and the demo say them:
    « Faisabilité : À arbitrer (0 bloquant(s), 9 alerte(s)). Classeur : à compléter (3 à corriger, 0 à vérifier). »"""
    to_complete = completeness_counts(report)
    return (f"Faisabilité : {STATUS_LABEL[report.feasibility]} ({feasibility_counts(report)}). "
            f"Classeur : {COMPLETENESS_LABEL[report.completeness].lower()}"
            + (f" ({to_complete})." if to_complete else "."))


def feasibility_counts(report: Report) -> str:
    roadmap = [f for f in report.findings if f.dimension in schema.DIMENSIONS]
    errors = sum(1 for f in roadmap if f.severity is Severity.ERROR)
    warnings = sum(1 for f in roadmap if f.severity is Severity.WARNING)
    return f"{errors} bloquant(s), {warnings} alerte(s)"


def completeness_counts(report: Report) -> str:
    """« 3 à corriger, 1 à vérifier », or "" when the workbook reads in full."""
    to_complete = report.to_complete
    if not to_complete:
        return ""
    fix = sum(1 for f in to_complete if f.severity is Severity.ERROR)
    return f"{fix} à corriger, {len(to_complete) - fix} à vérifier"


# Labels of the status block that say where its parts are (ownership.status_block).
FEASIBILITY_LABEL = "Faisabilité"
COMPLETENESS_ROW = "Classeur"
DIMENSIONS_ROW = 7
MAX_UNREAD_SHOWN = 3
LEGEND = "Légende"
LEGEND_LINK = "Feuille"
FINGERPRINT_LABEL = "Empreinte du journal"
# The two tables of figures at the end of the status block: each is its title, a
# header and one row per line, six columns wide (the rest of the block is two).
FIGURE_TITLES = ("Budget par année : prévu et enveloppe", "Charge : trimestre le plus chargé de chaque service")
FIGURE_WIDTH = 6


def _figures(report: Report | None, row: int) -> list[Cell]:
    k = BLOCK_COL
    budget: tuple[BudgetFigure | None, ...] = (report.figures.budget if report else ()) or (None,)
    capacity: tuple[CapacityFigure | None, ...] = (report.figures.capacity if report else ()) or (None,)
    out = [Cell(row, k, FIGURE_TITLES[0], "nr_titre")]
    heads = ("Année", "Financement", "Nature", "Prévu (€)", "Enveloppe (€)", "Écart (€)")
    out += [Cell(row + 1, k + i, h, "nr_entete") for i, h in enumerate(heads)]
    row += 2
    for line in budget:
        if line is None:
            values: tuple[Any, ...] = ("—", "—", "—", "—", "—", "—")
        else:
            values = (line.year, line.financing, line.nature, line.planned, line.envelope, line.gap)
        styles = ("nr_texte", "nr_texte", "nr_texte", "nr_euros", "nr_euros", "nr_euros")
        out += [Cell(row, k + i, val, st) for i, (val, st) in enumerate(zip(values, styles))]
        row += 1
    row += 1
    out.append(Cell(row, k, FIGURE_TITLES[1], "nr_titre"))
    heads = ("Service", "Année", "Trimestre de pointe", "Charge (j-h)", "Capacité (j-h)", "Taux")
    out += [Cell(row + 1, k + i, h, "nr_entete") for i, h in enumerate(heads)]
    row += 2
    for peak in capacity:
        if peak is None:
            values = ("—", "—", "—", "—", "—", "—")
        else:
            values = (peak.service, peak.year, peak.peak_quarter, peak.peak_load, peak.capacity, peak.ratio)
        styles = ("nr_texte", "nr_texte", "nr_texte", "nr_jh", "nr_jh", "nr_pourcent")
        out += [Cell(row, k + i, val, st) for i, (val, st) in enumerate(zip(values, styles))]
        row += 1
    return out


# Beside the Journal table: where a user types the reason before clicking
# « Journaliser les ajustements » in Excel (the CLI takes --reason).
REASON_LABEL = (1, 13)  # M1
REASON_CELL = (2, 13)  # M2
# The journal's head as nr_xl last wrote it (« N° 1 à 11 — 3F2A 9C1B 77E0 », as the minutes
# print it): a second record, beside the rows, of what the reference sheet keeps, so rows
# removed at the end show even when the reference sheet is gone too.
HEAD_LABEL = (4, 13)  # M4
HEAD_CELL = (5, 13)  # M5


def cell_ref(cell: tuple[int, int]) -> str:
    """(5, 13) -> « M5 »."""
    return f"{column_letter(cell[1] - 1)}{cell[0]}"


def journal(rows: list[tuple[Any, ...]], pending_reason: str = "", head: str = "") -> SheetContent:
    """The Journal sheet: header, one row per logged change, the reason cell (kept
    until a log uses it) and the journal's fingerprint."""
    cells = [Cell(1, i + 1, h, "nr_entete") for i, h in enumerate(schema.JOURNAL.headers)]
    cells.append(Cell(*REASON_LABEL, "Motif du prochain ajustement (Excel)", "nr_entete"))
    if pending_reason:
        cells.append(Cell(*REASON_CELL, pending_reason))
    cells.append(Cell(*HEAD_LABEL, FINGERPRINT_LABEL, "nr_entete"))
    if head:
        cells.append(Cell(*HEAD_CELL, head))
    for r, values in enumerate(rows, start=2):
        cells += [Cell(r, c, v) for c, v in enumerate(values, start=1)]
    heights = row_heights(rows, schema.JOURNAL)
    return SheetContent(tuple(cells), max(len(rows), 1), heights)
