"""Reading with openpyxl (slower; the same rows as calamine)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from nr_xl.core.errors import WorkbookUnreadable
from nr_xl.sources.rows import WorkbookRows, clean_row, table_ranges_in
from nr_xl.sources.files import unreadable_message


def read(path: Path, sheets: list[str] | None, data: bytes | None = None) -> WorkbookRows:
    """Read ``sheets`` (all if None) of ``data`` (default: the file at ``path``)."""
    import openpyxl

    def package() -> Path | io.BytesIO:
        return path if data is None else io.BytesIO(data)

    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and other extensions it drops
            # on *write*; we only read.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(package(), read_only=True, data_only=True,
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
        result.tables = table_ranges_in(package())
        result.links = _links(package(), names if sheets is None else sheets)  # the same bytes as the rows
        return result
    except WorkbookUnreadable:
        raise
    except Exception as exc:
        raise WorkbookUnreadable(unreadable_message(path, exc)) from exc


def _links(package: Path | io.BytesIO, sheets: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    import zipfile

    from nr_xl.sources.links import external_links
    from nr_xl.sources.ooxml import sheet_parts

    with zipfile.ZipFile(package) as zf:
        return external_links(zf, sheet_parts(zf.read), sheets)
