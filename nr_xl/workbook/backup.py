"""Backups of a workbook before each write: complete or absent, the last few kept.

One backup per write, named after the time of the write
(``feuille.xlsm.2027-03-07_14-30-05.bak``), so a second write never replaces
the copy of the first. A backup is written under a temporary name and renamed
when complete: a full disk leaves no truncated copy. Existing names are never
reused, so a link or a folder that happens to carry a backup's name is never
followed nor written into; only regular files are pruned.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
from pathlib import Path

KEEP = 5
_STAMP = "%Y-%m-%d_%H-%M-%S"


def _pattern(workbook: Path) -> re.Pattern[str]:
    return re.compile(re.escape(workbook.name) + r"\.\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d(?:-\d+)?\.bak")


def backups_of(workbook: Path) -> list[Path]:
    """Backups of ``workbook`` (regular files only), oldest first."""
    pattern = _pattern(workbook)
    found = []
    try:
        entries = list(os.scandir(workbook.parent))
    except OSError:
        return []
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        st = entry.stat(follow_symlinks=False)
        if stat.S_ISREG(st.st_mode):
            found.append((st.st_mtime_ns, entry.name))
    return [workbook.with_name(name) for _, name in sorted(found)]


def _free_name(workbook: Path, now: dt.datetime) -> Path:
    base = f"{workbook.name}.{now.strftime(_STAMP)}"
    candidate = workbook.with_name(base + ".bak")
    n = 2
    while os.path.lexists(candidate):
        candidate = workbook.with_name(f"{base}-{n}.bak")
        n += 1
    return candidate


def write_backup(workbook: Path, data: bytes, now: dt.datetime | None = None) -> Path:
    """Store ``data`` (the workbook's bytes before the write) as a new backup; returns its path."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{workbook.name}.", suffix=".bak.tmp", dir=workbook.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        target = _free_name(workbook, now or dt.datetime.now())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def prune(workbook: Path, keep: int = KEEP) -> None:
    for old in backups_of(workbook)[:-keep]:
        try:
            old.unlink()
        except OSError:
            pass  # an old backup that cannot be removed harms no one
