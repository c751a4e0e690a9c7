"""How each sheet prints on A4: readable, not merely « on one page ».

A sheet prints portrait if its columns fit a portrait page at 100 %, else landscape; it is
fitted to the page's width only where that keeps the text at 8 points or more (73 % of
Calibri 11): a shrunken table at 4 points is no use to a committee. (Fitting only ever
shrinks: a sheet that fits at 100 % prints at 100 % in Excel, and a renderer whose fonts
are wider than Calibri keeps it one page wide too.) Each table's header row is repeated on every page; long texts wrap (the template
builder sets it). « Contrôles » prints as a committee member reads it: the status block
first (status, dimensions, legend, figures), then the findings with what a reader needs
(severity, dimension, sheet, row, message, suggestion), the technical columns (code,
field, key) being folded away; « Journal » prints its table without the folded instance
and fingerprint, and without the reason cell the ribbon reads.

Widths are Excel's: a column of width w is ``int(7 w + 5)`` pixels at 96 dpi in Calibri 11.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from nr_xl.core import layout, schema

A4_CM = (21.0, 29.7)
MARGIN_IN = 0.4  # left and right (1 cm); 0.6 at the top and bottom, for the footer
MIN_SCALE = 0.73  # 11 pt × 0.73 = 8 pt
DEFAULT_WIDTH = 8.43
PRINTABLE_CM = {o: w - 2 * MARGIN_IN * 2.54 for o, w in (("portrait", A4_CM[0]), ("landscape", A4_CM[1]))}

# Columns folded away (outline, collapsed) in the sheets nr_xl owns: on screen a « + » above
# them shows them again; on paper they are not printed.
FOLDED: dict[str, tuple[str, ...]] = {
    schema.FINDINGS.sheet: tuple(schema.FINDINGS.headers[i] for i in (1, 5, 6)),  # Code, Champ, Clé
    schema.JOURNAL.sheet: (schema.JOURNAL.instance.header, schema.JOURNAL.fingerprint.header),
}


def _letter(col: int) -> str:
    return get_column_letter(col)


def print_areas() -> dict[str, list[tuple[int, int]]]:
    """Sheet -> its print areas as column spans (whole columns: as many rows as the sheet
    holds), in printing order."""
    block = (layout.BLOCK_COL, layout.BLOCK_COL + layout.FIGURE_WIDTH - 1)
    return {
        schema.FINDINGS.sheet: [block, (1, len(schema.FINDINGS.headers))],
        schema.JOURNAL.sheet: [(1, len(schema.JOURNAL.headers))],
    }


def column_cm(width: float) -> float:
    return int(7 * width + 5) * 2.54 / 96


def printed_cm(ws: Worksheet, first: int, last: int) -> float:
    total = 0.0
    for col in range(first, last + 1):
        dim = ws.column_dimensions.get(_letter(col))
        if dim is not None and dim.hidden:
            continue
        total += column_cm(dim.width if dim is not None and dim.width else DEFAULT_WIDTH)
    return total


@dataclass(frozen=True)
class Layout:
    orientation: str
    fit_to_width: bool
    scale: float  # of the widest area, as Excel prints it

    @property
    def font_pt(self) -> float:
        return 11 * self.scale


def plan(width_cm: float) -> Layout:
    """Portrait if the columns fit a portrait page at 100 %, else landscape; fitted to the page's
    width (which only ever shrinks, and only as much as the printer's fonts need) unless that
    would take the text below 8 points: then at 73 %, on more pages."""
    if width_cm <= PRINTABLE_CM["portrait"]:
        return Layout("portrait", True, 1.0)
    scale = min(1.0, PRINTABLE_CM["landscape"] / width_cm)
    if scale >= MIN_SCALE:
        return Layout("landscape", True, scale)
    return Layout("landscape", False, MIN_SCALE)


def sheet_width_cm(ws: Worksheet) -> float:
    """The widest area the sheet prints."""
    areas = print_areas().get(ws.title) or [(1, max(ws.max_column, 1))]
    return max(printed_cm(ws, first, last) for first, last in areas)


def fold(ws: Worksheet, headers: tuple[str, ...]) -> None:
    for header in FOLDED.get(ws.title, ()):
        letter = _letter(headers.index(header) + 1)
        ws.column_dimensions[letter].outlineLevel = 1
        ws.column_dimensions[letter].hidden = True


def setup(ws: Worksheet) -> Layout:
    """A4 page setup of ``ws`` (after its columns and widths are final)."""
    chosen = plan(sheet_width_cm(ws))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = chosen.orientation
    ws.page_margins = PageMargins(left=MARGIN_IN, right=MARGIN_IN, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.sheet_properties.pageSetUpPr.fitToPage = chosen.fit_to_width
    if chosen.fit_to_width:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    else:
        ws.page_setup.scale = round(chosen.scale * 100)
    if ws.title in schema.TABLES_BY_SHEET:
        ws.print_title_rows = "1:1"
    ws.oddFooter.center.text = "&A — page &P / &N"
    return chosen


EXCEL_ROWS = 1048576


def add_print_areas(parts: dict[str, bytes], sheet_names: list[str]) -> None:
    """The print areas of « Contrôles » and « Journal », whole columns in printing order (openpyxl
    keeps no order among areas): written into xl/workbook.xml's defined names."""
    xml = parts["xl/workbook.xml"].decode("utf-8")
    names = []
    for sheet, areas in print_areas().items():
        quoted = "'" + sheet.replace("'", "''") + "'"
        # Whole columns, written with their rows (1 to Excel's last) as openpyxl, too, can read them.
        ref = ",".join(f"{quoted}!${_letter(a)}$1:${_letter(b)}${EXCEL_ROWS}" for a, b in areas)
        names.append(f'<definedName name="_xlnm.Print_Area" localSheetId="{sheet_names.index(sheet)}">'
                     f"{_escape(ref)}</definedName>")
    if "<definedNames>" in xml:
        xml = xml.replace("<definedNames>", "<definedNames>" + "".join(names), 1)
    else:
        xml = re.sub(r"(</sheets>)", r"\1<definedNames>" + "".join(names).replace("\\", "\\\\") + "</definedNames>",
                     xml, count=1)
    parts["xl/workbook.xml"] = xml.encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
