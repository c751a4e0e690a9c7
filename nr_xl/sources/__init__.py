"""How a workbook is read. Every source returns the same plain rows:

``WorkbookRows.sheets[name]`` is a list of rows from A1, each a list of cell
values (str, int, float, bool, date, datetime or None). Turning them into a
roadmap is the pure job of ``nr_xl.core.tables`` and ``nr_xl.core.build``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from nr_xl.sources.rows import WorkbookRows

Engine = Literal["calamine", "openpyxl"]
ENGINES: tuple[Engine, ...] = ("calamine", "openpyxl")


def read_rows(path: str | Path, sheets: list[str] | None = None,
              engine: Engine = "calamine", data: bytes | None = None) -> WorkbookRows:
    """Read ``sheets`` (all if None) of the workbook at ``path``, or of ``data``, its bytes
    already read (under the workbook's lock: what is checked is then what is guarded).

    Raises ``WorkbookUnreadable`` with a French message for anything that is
    not a readable .xlsm/.xlsx file.
    """
    from nr_xl.sources.files import preflight

    preflight(Path(path), data)
    if engine == "calamine":
        from nr_xl.sources import calamine_source

        return calamine_source.read(Path(path), sheets, data)
    if engine == "openpyxl":
        from nr_xl.sources import openpyxl_source

        return openpyxl_source.read(Path(path), sheets, data)
    raise ValueError(engine)  # pragma: no cover - guarded by the CLI choices


__all__ = ["ENGINES", "Engine", "WorkbookRows", "read_rows"]
