"""Writing into a workbook open in Excel, through xlwings: the ribbon's writer.

The file writer (``writer.py``) replaces sheet XML in a closed file; this one
sends the same ``SheetContent`` to the live book. Each output block goes in one
call (never cell by cell: every call crosses COM, AppleScript or Office.js).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nr_xl import schema
from nr_xl.workbook.layout import Cell, SheetContent

if TYPE_CHECKING:
    from nr_xl.xlwings_lean import xw

TEXT_PREFIX = "'"


def excel_value(cell: Cell) -> object:
    """What to send to Excel for a cell: text stays text, whatever it looks like.

    Excel re-types a string written through COM as if typed (« 1.10 » becomes
    1.1, « 01 » 1, « 28/11/2026 10:00:00 » a date, « =… » a formula), which
    would break the journal's chain and the Version. Excel's text prefix keeps
    it text, is not part of the value read back, and stays with the cell, so
    F2 then Enter keeps it text too. It costs no extra call to Excel, unlike a
    number format per text range.
    """
    if cell.link:
        # Built from the tool's own sheet names and cell references, never from user text.
        target = cell.link.replace('"', '""')
        label = str(cell.value).replace('"', '""')
        return f'=HYPERLINK("#{target}","{label}")'
    value = cell.value
    if isinstance(value, str) and value:
        return TEXT_PREFIX + value
    return value


def blocks(content: SheetContent) -> list[tuple[int, int, list[list[object]]]]:
    """Rectangles of cells separated by empty columns: (first row, first col, values)."""
    columns = sorted({c.col for c in content.cells})
    groups: list[list[int]] = []
    for col in columns:
        if groups and col == groups[-1][-1] + 1:
            groups[-1].append(col)
        else:
            groups.append([col])
    out = []
    for group in groups:
        cells = [c for c in content.cells if c.col in group]
        top, bottom = min(c.row for c in cells), max(c.row for c in cells)
        grid: list[list[object]] = [[None] * len(group) for _ in range(bottom - top + 1)]
        for c in cells:
            grid[c.row - top][c.col - group[0]] = excel_value(c)
        out.append((top, group[0], grid))
    return out


def write_content(book: xw.Book, sheet_name: str, content: SheetContent, table: str | None = None) -> None:
    sheet = book.sheets[sheet_name]
    sheet.used_range.clear_contents()
    for top, left, grid in blocks(content):
        sheet.range((top, left)).value = grid
    if table:
        width = len(schema.TABLES_BY_SHEET[sheet_name].headers)
        try:
            sheet.tables[table].resize(sheet.range((1, 1), (content.table_rows + 1, width)))
        except Exception:  # an engine without table support: the values are written all the same
            pass


def set_cells(book: xw.Book, patches: dict[str, dict[tuple[int, int], object]]) -> None:
    for sheet_name, cells in patches.items():
        for (row, col), value in cells.items():
            book.sheets[sheet_name].range((row, col)).value = excel_value(Cell(row, col, value))


def write_owned_sheets(book: xw.Book, contents: dict[str, SheetContent], *,
                       tables: dict[str, str] | None = None,
                       patches: dict[str, dict[tuple[int, int], object]] | None = None) -> None:
    """What ``writer.write_owned_sheets`` does to a file, done to the open book: set the
    ``patches`` cells first, then replace each sheet of ``contents`` (resizing its table
    named in ``tables``). Excel keeps the book unsaved: the user saves it."""
    if patches:
        set_cells(book, patches)
    for name, content in contents.items():
        write_content(book, name, content, (tables or {}).get(name))
