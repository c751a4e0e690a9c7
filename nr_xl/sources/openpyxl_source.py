"""Reading with openpyxl (slower; the same rows as calamine). Also reads, for the calamine
path, a sheet calamine cannot convert (``date_cells.py``)."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import IO, Any

from nr_xl.core.errors import WorkbookUnreadable
from nr_xl.sources.rows import WorkbookRows, clean_row
from nr_xl.sources.files import unreadable_message
from nr_xl.sources.ooxml import is_strict


def _load(source: Path | IO[bytes]) -> Any:
    import openpyxl

    with warnings.catch_warnings():
        # openpyxl warns about data validation and other extensions it drops on *write*
        # (we only read), and about a date cell out of range, which it reads as #VALUE!.
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(source, read_only=True, data_only=True, keep_links=False)


def _values(book: Any, name: str) -> list[list[object]]:
    ws = book[name]
    if not hasattr(ws, "iter_rows"):  # a chartsheet
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [clean_row(r) for r in ws.iter_rows(values_only=True)]


def sheet_rows(source: Path | IO[bytes], name: str) -> list[list[object]]:
    """The rows of the one sheet ``name`` (its name in the workbook)."""
    book = _load(source)
    try:
        return _values(book, name)
    finally:
        book.close()


def read(path: Path, sheets: list[str] | None, data: bytes | None = None) -> WorkbookRows:
    """Read ``sheets`` (all if None) of ``data`` (default: the file at ``path``)."""
    from nr_xl.sources.located import contract_links, locate_package, refuse_foreign

    def package() -> Path | io.BytesIO:
        return path if data is None else io.BytesIO(data)

    try:
        with zipfile.ZipFile(package()) as zf:
            located = locate_package(zf)
            strict = is_strict(zf.read("xl/workbook.xml"))
            links = contract_links(zf, located, sheets)  # the same bytes as the rows
        if strict:
            raise WorkbookUnreadable(
                f"« {path.name} » est enregistré au format « Feuille de calcul Open XML Strict », que le lecteur "
                "openpyxl ne lit pas : relancez sans --engine openpyxl (le lecteur par défaut le lit).")
        refuse_foreign(path, located)
        book = _load(package())
        try:  # a read-only book holds its file open until closed, even when a sheet fails
            names = list(book.sheetnames)
            result = WorkbookRows(str(path), names)
            wanted = {name: name for name in names} if sheets is None else {
                asked: located.location.actual(asked) for asked in sheets if located.location.actual(asked) in names}
            for asked, actual in wanted.items():
                result.sheets[asked] = _values(book, actual)
        finally:
            book.close()
        result.tables = located.tables
        result.renamed = located.location.renamed
        result.links = links
        return result
    except WorkbookUnreadable:
        raise
    except Exception as exc:
        raise WorkbookUnreadable(unreadable_message(path, exc)) from exc

