"""Fast reading with python-calamine (Rust): the path every check takes."""

from __future__ import annotations

from pathlib import Path

from nr_xl.errors import WorkbookUnreadable
from nr_xl.sources import EMPTY_ROW, WorkbookRows, clean_row
from nr_xl.sources.files import unreadable_message


def read(path: Path, sheets: list[str] | None) -> WorkbookRows:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        result = WorkbookRows(str(path), names)
        for name in names if sheets is None else [s for s in sheets if s in names]:
            sheet = book.get_sheet_by_name(name)
            # calamine starts at the first used cell; pad so rows[0] is Excel row 1.
            top, left = sheet.start or (0, 0)
            pad = [None] * left
            rows: list[list[object]] = [EMPTY_ROW] * top
            for values in sheet.iter_rows():
                row = clean_row(values)
                rows.append(pad + row if left and row is not EMPTY_ROW else row)
            result.sheets[name] = rows
        book.close()
        _restore_error_cells(path, result)
        return result
    except WorkbookUnreadable:
        raise
    except Exception as exc:  # calamine raises its own, undocumented types
        raise WorkbookUnreadable(unreadable_message(path, exc)) from exc


def _restore_error_cells(path: Path, result: WorkbookRows) -> None:
    import zipfile

    from nr_xl.ooxml import error_cells, sheet_parts

    with zipfile.ZipFile(path) as zf:
        parts = sheet_parts(zf.read)
        for name, rows in result.sheets.items():
            part = parts.get(name)
            if part is None or part not in zf.namelist():
                continue
            for (r, c), error in error_cells(zf, part).items():
                while len(rows) <= r:
                    rows.append(EMPTY_ROW)
                row = list(rows[r])  # never mutate the shared empty row
                row.extend([None] * (c + 1 - len(row)))
                row[c] = error
                rows[r] = row
