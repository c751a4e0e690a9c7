"""Fast reading with python-calamine (Rust): the path every check takes.

calamine parses a sheet without holding the GIL, so the sheets are read on a
few threads at once: on a région-sized workbook this halves the wall time of
the read, which is most of a check. The file is read once, as bytes: every
thread parses that same version, even if Excel or a synchronisation client
saves the file meanwhile; each thread has its own parser over those bytes (a
calamine workbook and a zip reader are not shared between threads).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from nr_xl.errors import WorkbookUnreadable
from nr_xl.sources import EMPTY_ROW, WorkbookRows, clean_row, table_ranges_in
from nr_xl.sources.files import unreadable_message

if TYPE_CHECKING:
    import python_calamine

    from nr_xl.early_read import EarlyRead

# Two threads take most of the gain (the rest of a sheet's read is Python
# objects, under the GIL); more only add contention on a busy machine.
MAX_THREADS = 2

Rows = list[list[object]]


def read(path: Path, sheets: list[str] | None, early: EarlyRead | None = None) -> WorkbookRows:
    """Read ``sheets`` (all if None); ``early``: sheets already parsed at start-up, used
    only if they were parsed from the bytes read here."""
    import python_calamine

    from nr_xl.ooxml import sheet_parts

    try:
        data = path.read_bytes()
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = sheet_parts(zf.read)
            sizes = {info.filename: info.file_size for info in zf.infolist()}
        wanted = names if sheets is None else [s for s in sheets if s in names]
        # The largest sheets first, so that no thread is left alone with a big one at the end.
        order = sorted(wanted, key=lambda n: -sizes.get(parts.get(n, ""), 0))
        local = threading.local()
        opened: list[tuple[python_calamine.CalamineWorkbook, zipfile.ZipFile]] = []
        lock = threading.Lock()

        def one(name: str, parsed: python_calamine.CalamineSheet | None = None) -> Rows:
            if not hasattr(local, "handles"):
                with lock:
                    # The first thread takes the workbook already open (its shared strings
                    # are parsed); another opens its own over the same bytes.
                    own = book if not opened else python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
                    local.handles = (own, zipfile.ZipFile(io.BytesIO(data)))
                    opened.append(local.handles)
            own, zf = local.handles
            rows = _rows(parsed if parsed is not None else own.get_sheet_by_name(name))
            part = parts.get(name)
            if part in sizes:
                _restore_error_cells(rows, zf, part)
            return rows

        try:
            # The sheets parsed early (nr_xl.early_read), as each is ready; then the others.
            # Closed here, not when the garbage collector gets to it: a sheet that fails
            # leaves an exception whose traceback would keep the early read going.
            read_sheets = {}
            if early is not None:
                with contextlib.closing(early.sheets(data, wanted)) as parsed:
                    read_sheets = {name: one(name, sheet) for name, sheet in parsed}
            read_sheets.update(_read_all([name for name in order if name not in read_sheets], one))
        finally:
            for own, zf in opened:
                own.close()
                zf.close()
            if not opened:
                book.close()
        result = WorkbookRows(str(path), names)
        result.sheets = {name: read_sheets[name] for name in wanted}
        result.tables = table_ranges_in(io.BytesIO(data))
        return result
    except WorkbookUnreadable:
        raise
    except Exception as exc:  # calamine raises its own, undocumented types
        raise WorkbookUnreadable(unreadable_message(path, exc)) from exc
    except BaseException as exc:
        # A panic of calamine's Rust code reaches Python as a BaseException (pyo3's
        # PanicException), past « except Exception »: it is a file calamine cannot read.
        if type(exc).__name__ != "PanicException":
            raise
        raise WorkbookUnreadable(unreadable_message(path, Exception(str(exc)))) from exc


def _read_all(order: list[str], one: Callable[[str], Rows]) -> dict[str, Rows]:
    """Each sheet of ``order`` read by ``one``, on threads when there can be several."""
    threads = _threads(len(order))
    if threads > 1:
        try:
            pool = ThreadPoolExecutor(threads)
            futures = [pool.submit(one, name) for name in order]
        except RuntimeError:  # no thread can be started here (a sandbox, a process shutting down)
            pass
        else:
            try:
                return {name: future.result() for name, future in zip(order, futures)}
            finally:
                # On an error, the sheets not yet started are not read for nothing.
                pool.shutdown(wait=True, cancel_futures=True)
    return {name: one(name) for name in order}


def _threads(sheets: int) -> int:
    """How many threads read the sheets: one where the platform has no threads
    (Pyodide, in xlwings Lite) or a single core."""
    if sys.platform == "emscripten":
        return 1
    return max(1, min(MAX_THREADS, os.cpu_count() or 1, sheets))


def _rows(sheet: python_calamine.CalamineSheet) -> Rows:
    # calamine starts at the first used cell; pad so rows[0] is Excel row 1.
    top, left = sheet.start or (0, 0)
    pad = [None] * left
    rows: Rows = [EMPTY_ROW] * top
    for values in sheet.iter_rows():
        row = clean_row(values)
        rows.append(pad + row if left and row is not EMPTY_ROW else row)
    return rows


def _restore_error_cells(rows: Rows, zf: zipfile.ZipFile, part: str) -> None:
    """Put back the Excel errors (#REF!, #DIV/0!…) calamine reads as empty cells."""
    from nr_xl.ooxml import error_cells

    for (r, c), error in error_cells(zf, part).items():
        while len(rows) <= r:
            rows.append(EMPTY_ROW)
        row = list(rows[r])  # never mutate the shared empty row
        row.extend([None] * (c + 1 - len(row)))
        row[c] = error
        rows[r] = row
