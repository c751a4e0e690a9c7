"""Writing into a workbook open in Excel, through xlwings: the ribbon's writer.

The file writer (``writer.py``) replaces sheet XML in a closed file; this one
sends the same ``SheetContent`` to the live book. Each output block goes in one
call (never cell by cell: every call crosses COM, AppleScript or Office.js).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nr_xl.core import schema
from nr_xl.core.errors import WorkbookWriteError
from nr_xl.core import ownership
from nr_xl.core.layout import Cell, SheetContent
from nr_xl.excel.read import live_sheet, live_table

if TYPE_CHECKING:
    from nr_xl.excel.xlwings_lean import xw

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


def blocks(content: SheetContent, keep: frozenset[tuple[int, int]] = frozenset()
           ) -> list[tuple[int, int, list[list[object]]]]:
    """Rectangles of cells to write, one call each: (first row, first col, values).
    A rectangle's gaps are written empty, so none may cover a cell in ``keep`` (a
    user's cell beside nr_xl's): a group of adjacent columns goes in one rectangle
    when none is inside it (nr_xl's table, always), else in rectangles around them."""
    values = {(c.row, c.col): excel_value(c) for c in content.cells}
    out = []
    for left, right in _runs(sorted({c for (_, c) in values})):
        group = [pos for pos in values if left <= pos[1] <= right]
        top, bottom = min(r for r, _ in group), max(r for r, _ in group)
        if any(top <= r <= bottom and left <= c <= right for (r, c) in keep):
            rectangles = _areas(set(group), keep)
        else:
            rectangles = [(top, left, bottom, right)]
        for t, lft, b, rgt in rectangles:
            out.append((t, lft, [[values.get((r, c)) for c in range(lft, rgt + 1)] for r in range(t, b + 1)]))
    return out


@dataclass
class _Prepared:
    """A sheet's write, checked against the user's cells before anything is written."""

    sheet: xw.Sheet
    content: SheetContent
    clear: list[tuple[int, int, int, int]]  # areas of nr_xl's old cells
    table: str | None
    table_box: tuple[int, int, int, int] | None  # the table's new range
    keep: frozenset[tuple[int, int]] = frozenset()  # the user's cells, never written over


def write_content(book: xw.Book, sheet_name: str, content: SheetContent, table: str | None = None) -> None:
    """Replace nr_xl's cells of the sheet with ``content``, keeping every cell a user
    typed there (ownership.py), or refusing, before writing anything, when the new
    content would land on one. A few calls, whatever the size: one read of the used
    range, one clear per area nr_xl owns, one write per block."""
    _apply(_prepare(book, sheet_name, content, table))


def _prepare(book: xw.Book, sheet_name: str, content: SheetContent, table: str | None) -> _Prepared:
    """The write of one sheet, planned and checked against the user's cells (ownership.py)."""
    sheet = live_sheet(book, sheet_name)  # under the name its user gave it
    used = sheet.used_range
    if sheet_name in ownership.WHOLE_SHEETS:  # nothing of the user's there: cleared whole, never read
        last = (used.row + used.shape[0] - 1, used.column + used.shape[1] - 1)
        return _Prepared(sheet, content, [(1, 1, *last)], None, None)
    spec = schema.TABLES_BY_SHEET.get(sheet_name)
    cells = ownership.SheetCells(sheet_name, _filled_cells(used), _table_box(sheet, table), spec.headers if spec else ())
    found = ownership.split(cells)
    problem = ownership.refusal(cells, found, content)
    if problem:
        raise WorkbookWriteError(problem)
    keep = frozenset(found.user)
    # A column added at the table's right stays in it.
    width = len(cells.headers)
    new_box = (1, 1, content.table_rows + 1, max(width, found.table[3] if found.table else 0)) if width else None
    return _Prepared(sheet, content, _areas_to_clear(cells, found), table, new_box, keep)


def _areas_to_clear(cells: ownership.SheetCells, found: ownership.Split) -> list[tuple[int, int, int, int]]:
    """Rectangles covering nr_xl's old cells and none of the user's: nr_xl's table, a
    rectangle per run of its columns and of its rows (a table of thousands of rows is
    never listed cell by cell); the rest, small, in rectangles around the user's cells;
    only those holding something."""
    box = found.table
    clear = []
    if box is not None:
        for left, right in _runs(sorted(found.own_columns)):
            for top, bottom in _runs([r for r in range(box[0], box[2] + 1) if r not in found.foreign_rows]):
                clear.append((top, left, bottom, right))
    beside = {pos for pos in found.owned if not (box and ownership.inside(pos, box))}
    clear += _areas(beside, frozenset(found.user))
    return [a for a in clear if any(a[0] <= r <= a[2] and a[1] <= c <= a[3] for (r, c) in cells.filled)]


def _runs(values: list[int]) -> list[tuple[int, int]]:
    """Consecutive integers as (first, last) runs: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for v in values:
        if runs and v == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], v)
        else:
            runs.append((v, v))
    return runs


def _areas(cells: set[tuple[int, int]], blocked: set[tuple[int, int]] | frozenset[tuple[int, int]]
           ) -> list[tuple[int, int, int, int]]:
    """Few rectangles (first row, first col, last row, last col) covering ``cells``
    and no position in ``blocked``: a column's cells join into one run across rows
    that are not blocked, and neighbouring columns with the same runs into one
    rectangle. nr_xl's table, the status block's two columns and its figure tables
    are then three rectangles, whatever their size."""
    by_column: dict[int, list[int]] = {}
    for r, c in sorted(cells):
        by_column.setdefault(c, []).append(r)
    areas: list[tuple[int, int, int, int]] = []
    for c, rows in sorted(by_column.items()):
        runs: list[list[int]] = []
        for r in rows:
            if runs and all((between, c) not in blocked for between in range(runs[-1][1] + 1, r)):
                runs[-1][1] = r
            else:
                runs.append([r, r])
        for top, bottom in runs:
            for i, (t, left, b, right) in enumerate(areas):
                if (t, b) == (top, bottom) and right == c - 1:
                    areas[i] = (t, left, b, c)
                    break
            else:
                areas.append((top, c, bottom, c))
    return areas


def _apply(prepared: _Prepared) -> None:
    sheet, content = prepared.sheet, prepared.content
    for top, left, bottom, right in prepared.clear:
        sheet.range((top, left), (bottom, right)).clear_contents()
    for top, left, grid in blocks(content, prepared.keep):
        sheet.range((top, left)).value = grid
    if prepared.table and prepared.table_box:
        try:
            table = live_table(sheet, prepared.table)
            if table is not None:
                table.resize(sheet.range(prepared.table_box[:2], prepared.table_box[2:]))
        except Exception:  # an engine without table support: the values are written all the same
            pass


def _filled_cells(used: xw.Range) -> dict[tuple[int, int], object]:
    """(row, col) 1-based -> value, for each cell of the used range holding something:
    a formula showing an error (« #N/A ») holds its error's text, as when checking,
    and one showing nothing (=SI(…;"";…)) its formula (where the engine can read
    formulas: not xlwings Lite, whose Office.js reads them only asynchronously)."""
    rows = used.options(ndim=2, err_to_str=True).value or []
    top, left = used.row, used.column
    filled: dict[tuple[int, int], object] = {
        (top + r, left + c): value for r, row in enumerate(rows) for c, value in enumerate(row)
        if value is not None and value != ""}
    try:
        read: Any = used.formula
    except Exception:  # an engine that cannot read formulas here
        return filled
    formulas = read if isinstance(read, (list, tuple)) else ((read,),)
    if len(formulas) != len(rows) or any(not isinstance(f, (list, tuple)) or len(f) != len(v)
                                         for f, v in zip(formulas, rows)):
        return filled  # not the shape of the values (an engine's own convention): not guessed
    for r, row in enumerate(formulas):
        for c, formula in enumerate(row):
            if isinstance(formula, str) and formula.startswith("=") and (top + r, left + c) not in filled:
                filled[(top + r, left + c)] = formula
    return filled


def _table_box(sheet: xw.Sheet, table: str | None) -> tuple[int, int, int, int] | None:
    """The table's range as Excel has it now (it may have been resized by hand)."""
    if not table:
        return None
    found = live_table(sheet, table)  # renamed by a user: the sheet's only table
    try:
        area = found.range if found is not None else None
        if area is None:
            return None
        return area.row, area.column, area.row + area.shape[0] - 1, area.column + area.shape[1] - 1
    except Exception:  # an engine without tables
        return None


def set_cells(book: xw.Book, patches: dict[str, dict[tuple[int, int], object]]) -> None:
    for sheet_name, cells in patches.items():
        for (row, col), value in cells.items():
            live_sheet(book, sheet_name).range((row, col)).value = excel_value(Cell(row, col, value))


def write_owned_sheets(book: xw.Book, contents: dict[str, SheetContent], *,
                       tables: dict[str, str] | None = None,
                       patches: dict[str, dict[tuple[int, int], object]] | None = None) -> None:
    """What ``writer.write_owned_sheets`` does to a file, done to the open book: set the
    ``patches`` cells first, then replace each sheet of ``contents`` (resizing its table
    named in ``tables``). Excel keeps the book unsaved: the user saves it."""
    # Every sheet is checked against its user's cells first: a refusal leaves the book
    # exactly as it was (no patch, no sheet written).
    prepared = [_prepare(book, name, content, (tables or {}).get(name)) for name, content in contents.items()]
    if patches:
        set_cells(book, patches)
    for one in prepared:
        _apply(one)
