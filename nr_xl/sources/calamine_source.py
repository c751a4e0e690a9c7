"""Fast reading with python-calamine (Rust): the path every check takes.

The file is read once, as bytes, and every sheet is parsed from those bytes: a
save by Excel or a synchronisation client meanwhile can never mix two versions.
A région-sized workbook's sheets are parsed on two threads (calamine parses a
sheet without holding the GIL: the read takes half the time); a small one, the
common case, on the caller's thread alone.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from nr_xl.core.errors import WorkbookUnreadable
from nr_xl.sources.rows import EMPTY_ROW, WorkbookRows, clean_row
from nr_xl.sources.files import unreadable_message

if TYPE_CHECKING:
    import python_calamine

# Two threads take most of the gain (the rest of a sheet's read is Python
# objects, under the GIL); more only add contention on a busy machine.
MAX_THREADS = 2
# Below this much sheet XML, starting a thread and opening a second parser over the
# bytes costs more than it saves (the example is 0.3 MB, a région's roadmap 40 MB).
THREADED_FROM_BYTES = 4_000_000

Rows = list[list[object]]


def read(path: Path, sheets: list[str] | None, data: bytes | None = None) -> WorkbookRows:
    """Read ``sheets`` (all if None; contract sheets found even renamed, ``located.py``) of
    ``data`` (default: the file's bytes); WorkbookUnreadable (French) for a file calamine cannot read."""
    import python_calamine

    from nr_xl.sources.date_cells import date_styles
    from nr_xl.sources.located import contract_links, locate_package, refuse_foreign

    try:
        if data is None:
            data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            located = locate_package(zf)
            sizes = {info.filename: info.file_size for info in zf.infolist()}
            styles = date_styles(zf.read("xl/styles.xml")) if "xl/styles.xml" in sizes else frozenset()
            links = contract_links(zf, located, sheets)  # the same bytes as the rows
        refuse_foreign(path, located)
        parts = {s.name: s.part for s in located.sheets}
        with contextlib.closing(python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))) as book:
            names = list(book.sheet_names)
            # contract name (or the name asked for) -> the sheet's name in this workbook
            wanted = {name: name for name in names} if sheets is None else {
                asked: located.location.actual(asked) for asked in sheets
                if located.location.actual(asked) in names}
            weight = {actual: sizes.get(parts.get(actual, ""), 0) for actual in wanted.values()}
            batches = _batches(list(weight), weight, _threads(len(weight), sum(weight.values())))

            def parse(batch: list[str], own: python_calamine.CalamineWorkbook) -> dict[str, Rows]:
                with zipfile.ZipFile(io.BytesIO(data)) as part_reader:
                    return {name: _sheet_rows(own, name, part_reader, parts.get(name) if parts.get(name) in sizes
                                              else None, styles, data) for name in batch}

            def parse_own(batch: list[str]) -> dict[str, Rows]:
                # A calamine workbook is not shared between threads: each has its own over the same bytes.
                with contextlib.closing(python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))) as own:
                    return parse(batch, own)

            parsed = _in_batches(batches, lambda batch: parse(batch, book), parse_own)
        result = WorkbookRows(str(path), names)
        result.sheets = {asked: parsed[actual] for asked, actual in wanted.items()}
        result.tables = located.tables
        result.renamed = located.location.renamed
        result.links = links
        return result
    except WorkbookUnreadable:
        raise
    except Exception as exc:  # calamine raises its own, undocumented types
        raise WorkbookUnreadable(unreadable_message(path, exc)) from exc
    except BaseException as exc:
        # A panic of calamine's Rust code reaches Python as a BaseException (pyo3's
        # PanicException), past « except Exception »: it is a file calamine cannot read.
        if not _is_panic(exc):
            raise
        raise WorkbookUnreadable(unreadable_message(path, exc)) from exc


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _threads(sheets: int, size: int) -> int:
    """How many threads parse the sheets: one for a small workbook, where the platform
    has no threads (Pyodide, in xlwings Lite) or on a single core."""
    if sys.platform == "emscripten" or size < THREADED_FROM_BYTES:
        return 1
    return max(1, min(MAX_THREADS, os.cpu_count() or 1, sheets))


def _in_batches(batches: list[list[str]], here: Callable[[list[str]], dict[str, Rows]],
                elsewhere: Callable[[list[str]], dict[str, Rows]]) -> dict[str, Rows]:
    """The first batch parsed on this thread, each other one on a thread of its own."""
    if len(batches) < 2:
        return here(batches[0] if batches else [])
    try:
        pool = ThreadPoolExecutor(len(batches) - 1)
    except RuntimeError:  # no thread can be started here (a sandbox, an interpreter shutting down)
        return here([name for batch in batches for name in batch])
    with pool:
        others = [pool.submit(elsewhere, batch) for batch in batches[1:]]
        parsed = here(batches[0])
        for other in others:
            parsed.update(other.result())
    return parsed


def _batches(names: list[str], weight: dict[str, int], count: int) -> list[list[str]]:
    """``names`` shared into ``count`` batches of about the same weight, the largest sheet
    first, so that no thread is left alone with a big one at the end."""
    batches: list[list[str]] = [[] for _ in range(count)]
    loads = [0] * count
    for name in sorted(names, key=lambda n: -weight[n]):
        lightest = loads.index(min(loads))
        batches[lightest].append(name)
        loads[lightest] += weight[name]
    return [batch for batch in batches if batch]


def _sheet_rows(book: python_calamine.CalamineWorkbook, name: str, zf: zipfile.ZipFile,
                part: str | None, styles: frozenset[int], data: bytes) -> Rows:
    """The sheet's rows by calamine, or by openpyxl for a sheet whose date cells calamine
    cannot convert (``date_cells.py``): a date far out of range is a cell to correct, not a
    crash of the whole read."""
    from nr_xl.sources.date_cells import has_unconvertible_dates

    xml = zf.read(part) if part is not None else b""
    if has_unconvertible_dates(xml, styles):
        return _other_reader(data, name)
    try:
        rows = _rows(book.get_sheet_by_name(name))
    except BaseException as exc:  # a panic this module did not foresee: the other reader
        if not _is_panic(exc):
            raise
        return _other_reader(data, name)
    if part is not None:
        _restore_error_cells(rows, xml)
    return rows


def _other_reader(data: bytes, name: str) -> Rows:
    from nr_xl.sources.openpyxl_source import sheet_rows

    return sheet_rows(io.BytesIO(data), name)


def _rows(sheet: python_calamine.CalamineSheet) -> Rows:
    # calamine starts at the first used cell; pad so rows[0] is Excel row 1.
    top, left = sheet.start or (0, 0)
    pad = [None] * left
    rows: Rows = [EMPTY_ROW] * top
    for values in sheet.iter_rows():
        row = clean_row(values)
        rows.append(pad + row if left and row is not EMPTY_ROW else row)
    return rows


def _restore_error_cells(rows: Rows, xml: bytes) -> None:
    """Put back the Excel errors (#REF!, #DIV/0!…) calamine reads as empty cells."""
    from nr_xl.sources.ooxml import error_cells

    for (r, c), error in error_cells(xml).items():
        while len(rows) <= r:
            rows.append(EMPTY_ROW)
        row = list(rows[r])  # never mutate the shared empty row
        row.extend([None] * (c + 1 - len(row)))
        row[c] = error
        rows[r] = row
