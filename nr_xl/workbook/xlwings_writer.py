"""Writing into a workbook open in Excel, through xlwings: the ribbon's writer.

The file writer (``writer.py``) replaces sheet XML in a closed file; this one
sends the same ``SheetContent`` to the live book. Each output block goes in one
call (never cell by cell: every call crosses COM, AppleScript or Office.js).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nr_xl import schema
from nr_xl.errors import WorkbookWriteError
from nr_xl.workbook import ownership
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
    """Replace nr_xl's cells of the sheet with ``content``, keeping every cell a user
    typed there (ownership.py), or refusing, before writing anything, when the new
    content would land on one. A few calls, whatever the size: one read of the used
    range, one clear per zone nr_xl owns, one write per block."""
    sheet = book.sheets[sheet_name]
    if sheet_name in ownership.WHOLE_SHEETS:
        sheet.used_range.clear_contents()
        for top, left, grid in blocks(content):
            sheet.range((top, left)).value = grid
        return
    spec = schema.TABLES_BY_SHEET.get(sheet_name)
    width = len(spec.headers) if spec else 0
    used = sheet.used_range
    old = _filled_cells(used)
    old_box = _table_box(sheet, table) or _contiguous_box(old, width)
    zones = ownership.ZONES.get(sheet_name, ())
    ours = set(ownership.ALWAYS_OURS.get(sheet_name, ()))

    def nr_xl_owns(pos: tuple[int, int]) -> bool:
        return (pos in ours or (old_box is not None and ownership.inside(pos, old_box) and pos[1] <= width)
                or any(ownership.inside(pos, z) for z in zones))

    user = {pos: _text(value) for pos, value in old.items() if not nr_xl_owns(pos)}
    written = {(c.row, c.col): _text(c.value) for c in content.cells
               if c.value is not None and (c.row, c.col) in user}
    new_box = (1, 1, content.table_rows + 1, width) if width else None
    clash = ownership.clashes(user, written, new_box, width)
    if clash:
        raise WorkbookWriteError(ownership.describe(sheet_name, clash, user))
    last_row = used.row + used.shape[0] - 1
    areas = [(1, 1, old_box[2], width)] if old_box is not None else []
    areas += [(z[0], z[1], min(z[2], last_row), z[3]) for z in zones if z[0] <= last_row]
    areas += [(r, c, r, c) for r, c in sorted(ours)]
    for top, left, bottom, right in areas:
        if any(top <= pos[0] <= bottom and left <= pos[1] <= right and nr_xl_owns(pos) for pos in old):
            sheet.range((top, left), (bottom, right)).clear_contents()
    for top, left, grid in blocks(content):
        sheet.range((top, left)).value = grid
    if table:
        try:
            sheet.tables[table].resize(sheet.range((1, 1), (content.table_rows + 1, width)))
        except Exception:  # an engine without table support: the values are written all the same
            pass


def _filled_cells(used: xw.Range) -> dict[tuple[int, int], object]:
    """(row, col) 1-based -> value, for each cell of the used range holding something."""
    rows = used.options(ndim=2).value or []
    top, left = used.row, used.column
    return {(top + r, left + c): value for r, row in enumerate(rows) for c, value in enumerate(row)
            if value is not None and value != ""}


def _table_box(sheet: xw.Sheet, table: str | None) -> tuple[int, int, int, int] | None:
    """The table's range as Excel has it now (it may have been resized by hand)."""
    if not table:
        return None
    try:
        area = sheet.tables[table].range
    except Exception:  # no such table (deleted or renamed), or an engine without tables
        return None
    if area is None:
        return None
    return area.row, area.column, area.row + area.shape[0] - 1, area.column + area.shape[1] - 1


def _contiguous_box(cells: dict[tuple[int, int], object], width: int) -> tuple[int, int, int, int] | None:
    """Without the table's range: its header and the rows under it down to the first
    empty one, in its own columns (nr_xl never leaves a row of its table empty)."""
    if not width:
        return None
    filled_rows = {r for (r, c) in cells if c <= width}
    last = 1
    while last + 1 in filled_rows:
        last += 1
    return 1, 1, last, width


def _text(value: object) -> str:
    """A cell as text, to tell whether a user's cell already holds what nr_xl writes."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


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
