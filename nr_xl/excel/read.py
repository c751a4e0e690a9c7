"""Reading a workbook open in Excel, through xlwings: the ribbon's reader.

The same plain rows as the file engines (``nr_xl.sources``), read from the live
book instead of a file: one call per sheet (each call crosses COM, AppleScript
or Office.js), so a sheet costs the same whatever its size.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from nr_xl.core import schema
from nr_xl.core.locate import INPUT_SHEETS, SheetFound, locate
from nr_xl.sources.rows import WorkbookRows

if TYPE_CHECKING:
    from nr_xl.excel.xlwings_lean import xw


# The sheets whose absence makes the reader look further: a tab renamed by a user. The
# reference sheet is absent until the first snapshot, and its absence costs nothing more.
# The follow-up sheets are optional: their absence is no sign of a renamed tab.
_LOOKED_FOR = frozenset(INPUT_SHEETS - {t.sheet for t in schema.FOLLOWUP_TABLES}
                        | {schema.JOURNAL.sheet, schema.FINDINGS.sheet})


def live_sheets(book: xw.Book) -> dict[str, xw.Sheet]:
    """Each sheet of the open book by its tab name, and each contract sheet also by its
    contract name when a user renamed its tab: found by its table, else its VBA code name
    (``core/locate.py``), as the file readers find it. The tables and code names are asked
    for (one call per sheet) only when a sheet of the contract is missing by name."""
    present = {sheet.name: sheet for sheet in book.sheets}
    if present.keys() >= _LOOKED_FOR:
        return present
    found = [SheetFound(name, _code_name(sheet), _table_names(sheet)) for name, sheet in present.items()]
    for contract, actual in locate(found).sheets.items():
        present.setdefault(contract, present[actual])
    return present


def live_sheet(book: xw.Book, name: str) -> xw.Sheet:
    """The sheet of the contract ``name`` (renamed or not); KeyError when there is none."""
    return live_sheets(book)[name]


def _table_names(sheet: xw.Sheet) -> tuple[str, ...]:
    try:
        return tuple(t.name for t in sheet.tables)
    except Exception:  # an engine without tables
        return ()


def _code_name(sheet: xw.Sheet) -> str | None:
    try:
        return str(sheet.api.CodeName) or None  # Excel (COM, AppleScript); not Office.js
    except Exception:
        return None


def live_table(sheet: xw.Sheet, table: str) -> xw.main.Table | None:
    """The table ``table`` of ``sheet``, or, renamed by a user (« Tableau16 »), the sheet's
    only table; None when there is none (or the engine has no tables)."""
    try:
        names = [t.name for t in sheet.tables]
        same = [n for n in names if n.casefold() == table.casefold()]
        if same:
            return sheet.tables[same[0]]
        return sheet.tables[names[0]] if len(names) == 1 else None
    except Exception:
        return None


def read_sheets(book: xw.Book, names: list[str]) -> dict[str, list[list[object]]]:
    """Plain rows of each named sheet, row 0 = Excel row 1 (one value read per sheet);
    a contract sheet is found even renamed (``live_sheets``)."""
    present = live_sheets(book)
    result: dict[str, list[list[object]]] = {}
    for name in names:
        sheet = present.get(name)
        if sheet is None:
            continue
        used = sheet.used_range
        # err_to_str: a formula error reads « #DIV/0! » as from a file, not as an empty cell.
        values = used.options(ndim=2, err_to_str=True).value or []
        top, left = used.row, used.column
        rows: list[list[object]] = [[] for _ in range(top - 1)]
        rows += [[None] * (left - 1) + list(r) for r in values]
        result[name] = rows
    return result


def table_ranges(book: xw.Book, tables: dict[str, str]) -> dict[str, str]:
    """Excel table name -> its range (« A1:K12 »), for the tables named in ``tables``
    (sheet -> table) that exist: where a table ends, which the rows alone cannot tell
    (a note typed under the Journal table is not a journal row). One call per table."""
    present = live_sheets(book)
    out = {}
    for sheet_name, table in tables.items():
        sheet = present.get(sheet_name)
        found = live_table(sheet, table) if sheet is not None else None
        try:
            area = found.range if found is not None else None
        except Exception:  # an engine without tables
            area = None
        if area is not None:
            out[table] = area.address.replace("$", "").rpartition("!")[2]
    return out


def external_links(book: xw.Book, names: list[str]) -> dict[str, dict[tuple[int, int], str]] | None:
    """sheet -> (row, col), 1-based -> the other workbook a cell's formula reads (core/links.py),
    for the named sheets: one formula read per sheet. None where the engine gives no formulas
    (xlwings Lite, whose Office.js reads them only asynchronously): unknown, not guessed empty
    (Workbook.snapshot_of keeps the links last recorded where nothing changed)."""
    from nr_xl.core.links import external_link

    defined = _external_names(book)
    present = live_sheets(book)  # a renamed tab under its contract name, as read_sheets reads it
    out: dict[str, dict[tuple[int, int], str]] = {}
    for name in names:
        sheet = present.get(name)
        if sheet is None:
            continue
        used = sheet.used_range
        try:
            read: object = used.formula
        except Exception:  # an engine that cannot read formulas here
            return None
        formulas = read if isinstance(read, (list, tuple)) else ((read,),)
        found = {}
        for r, row in enumerate(formulas):
            if not isinstance(row, (list, tuple)):
                return None  # not the shape of a range's formulas (an engine's own convention)
            for c, formula in enumerate(row):
                if not isinstance(formula, str) and formula is not None:
                    return None  # values, not formulas (Excel gives every formula, constants too, as text)
                link = external_link(formula, None, defined) if formula and ("[" in formula or defined) else None
                if link is not None:
                    found[(used.row + r, used.column + c)] = link
        if found:
            out[name] = found
    return out


def _external_names(book: xw.Book) -> dict[str, str]:
    """The book's defined names that read another workbook (core.links.external_names); none
    where the engine lists no names (a link through a name is then read as a value)."""
    from nr_xl.core.links import external_names

    try:
        return external_names({name.name: name.refers_to or "" for name in book.names})
    except Exception:  # an engine without names
        return {}


def read(book: xw.Book, sheets: list[str] | None) -> WorkbookRows:
    """``sheets`` (all if None) of the open ``book``, as the file engines' ``read`` gives them.

    Table ranges are not read (one more call per table): ``tables`` stays empty.
    """
    names = [sheet.name for sheet in book.sheets]
    result = WorkbookRows(str(book.name), names)
    result.sheets = read_sheets(book, names if sheets is None else sheets)
    return result


def local_file(book: xw.Book) -> Path | None:
    """The workbook's file on this computer, or None when Excel only knows its URL.

    For a workbook opened from OneDrive or SharePoint, xlwings maps the URL to
    the synchronised folder, or raises « Couldn't find your local OneDrive
    file » when nothing is synchronised: the buttons work all the same.
    """
    try:
        full = str(book.fullname)
    except Exception:
        return None
    if "://" in full or not os.path.dirname(full):
        return None
    return Path(full)
