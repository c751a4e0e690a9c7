"""Reading with openpyxl (slower; the same rows as calamine)."""

from __future__ import annotations

import warnings
from pathlib import Path

from nr_xl.core.errors import WorkbookUnreadable
from nr_xl.sources.rows import WorkbookRows, clean_row, table_ranges_in
from nr_xl.sources.files import unreadable_message


def read(path: Path, sheets: list[str] | None) -> WorkbookRows:
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and other extensions it drops
            # on *write*; we only read.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True,
                                          keep_links=False)
        names = list(book.sheetnames)
        result = WorkbookRows(str(path), names)
        for name in names if sheets is None else [s for s in sheets if s in names]:
            ws = book[name]
            if not hasattr(ws, "iter_rows"):  # a chartsheet
                result.sheets[name] = []
                continue
            result.sheets[name] = [clean_row(r) for r in ws.iter_rows(values_only=True)]
        book.close()
        result.tables = table_ranges_in(path)
        result.links = _links(path, names if sheets is None else sheets)
        return result
    except WorkbookUnreadable:
        raise
    except Exception as exc:
        raise WorkbookUnreadable(unreadable_message(path, exc)) from exc


def _links(path: Path, sheets: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    import zipfile

    from nr_xl.sources.links import external_links
    from nr_xl.sources.ooxml import sheet_parts

    with zipfile.ZipFile(path) as zf:
        return external_links(zf, sheet_parts(zf.read), sheets)
