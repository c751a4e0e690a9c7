"""nr-xl doctor --reparer: put right, from the template's sources, what another program's
re-save broke in nr_xl's parts of a workbook (``workbook/repair.py``), through the safe
writer (lock, backup, atomic replace): nothing else of the workbook changes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from nr_xl.sources.files import preflight
from nr_xl.workbook import repair
from nr_xl.workbook.lock import exclusive
from nr_xl.workbook.writer import write_owned_sheets


@dataclass(frozen=True)
class Repair:
    repaired: list[repair.Damage]  # put right
    left: list[repair.Damage]  # found but not repairable by nr_xl
    backup: Path | None  # the copy of the workbook as it was (None: nothing written)


def repair_workbook(path: Path) -> Repair:
    path = Path(path)
    preflight(path)
    with exclusive(path) as guard:
        with zipfile.ZipFile(io.BytesIO(guard.data)) as zf:
            parts = {name: zf.read(name) for name in zf.namelist()}
        found = repair.damages(parts)
        fixable = [d for d in found if d.repairable]
        left = [d for d in found if not d.repairable]
        if not fixable:
            return Repair([], left, None)
        del parts
        backup = write_owned_sheets(guard.path, {}, guard=guard, check_vba=True)
    return Repair(fixable, left, backup)
