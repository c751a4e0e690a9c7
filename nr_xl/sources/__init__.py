"""How a workbook is read. Every source returns the same plain rows:

``WorkbookRows.sheets[name]`` is a list of rows from A1, each a list of cell
values (str, int, float, bool, date, datetime or None). Turning them into a
roadmap is the pure job of ``nr_xl.core.tables`` and ``nr_xl.core.build``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

Engine = Literal["calamine", "openpyxl"]
ENGINES: tuple[Engine, ...] = ("calamine", "openpyxl")


# One shared object for every empty row: a stray value at row 1,048,576 then
# costs a million references, not a million lists.
EMPTY_ROW: list[object] = []


def clean_row(values) -> list[object]:
    # Scans in C first (« in », count): most cells of a filled row are not empty,
    # and this runs once per row of every sheet read.
    row = list(values)
    if "" in row:
        row = [None if v == "" else v for v in row]
    return EMPTY_ROW if row.count(None) == len(row) else row


@dataclass
class WorkbookRows:
    path: str
    sheet_names: list[str]
    sheets: dict[str, list[list[object]]] = field(default_factory=dict)
    # Excel table name -> range ("A1:K12"): where a table ends, which the rows alone cannot tell.
    tables: dict[str, str] = field(default_factory=dict)


def read_rows(path: str | Path, sheets: list[str] | None = None,
              engine: Engine = "calamine") -> WorkbookRows:
    """Read ``sheets`` (all if None) of the workbook at ``path``.

    Raises ``WorkbookUnreadable`` with a French message for anything that is
    not a readable .xlsm/.xlsx file.
    """
    from nr_xl.sources.files import preflight

    preflight(Path(path))
    if engine == "calamine":
        from nr_xl.sources import calamine_source

        return calamine_source.read(Path(path), sheets)
    if engine == "openpyxl":
        from nr_xl.sources import openpyxl_source

        return openpyxl_source.read(Path(path), sheets)
    raise ValueError(engine)  # pragma: no cover - guarded by the CLI choices


def table_ranges_in(package: Path | IO[bytes]) -> dict[str, str]:
    """Excel table name -> range of the package (a path, or the bytes a source has
    already read: the rows and the ranges then come from the same version)."""
    import zipfile

    from nr_xl.sources.ooxml import table_ranges

    try:
        with zipfile.ZipFile(package) as zf:
            return table_ranges(zf.read, zf.namelist())
    except Exception:  # a broken table part: the rows alone are read, as before
        return {}
