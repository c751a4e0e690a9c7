"""Backups of a workbook before each write: complete or absent, never a file of the user's
deleted, and always a way back to a journal that matches its chain.

One backup per write, named after the time of the write (``feuille.xlsm.2027-03-07_14-30-05.bak``,
``….journal-modifie.bak`` when the journal it holds no longer matches its chain), so a second
write never replaces the copy of the first. It is written under a temporary name with the
workbook's permissions (a 0644 workbook gets 0644 backups), then given its name exclusively:
a link, a folder or a file already carrying that name is never followed, written into nor
replaced.

Each backup is recorded in a small manifest beside the workbook
(``.~nr_xl.feuille.xlsm.sauvegardes.json``): its name, size, SHA-256 and the state of its
journal. The rotation keeps the ``KEEP`` newest and, whatever its age, the newest whose
journal was intact: after an accidental edit of the journal, however many writes follow,
the copy to restore is still there. It deletes only a file the manifest records and that
still holds exactly the bytes nr_xl wrote: a user's file named like a backup, a backup the
user replaced, and the backups of an older nr_xl (which kept no manifest) stay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from nr_xl.workbook.publish import claim

KEEP = 5
_STAMP = "%Y-%m-%d_%H-%M-%S"
# The state of the journal a backup holds (the manifest's values).
INTACT, DAMAGED, UNKNOWN = "intact", "damaged", "unknown"
DAMAGED_MARK = ".journal-modifie"
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    sha256: str
    journal: str  # INTACT, DAMAGED or UNKNOWN (a write that did not read the journal)
    taken: str  # ISO date and time of the write


def manifest_path(workbook: Path) -> Path:
    return workbook.with_name(f".~nr_xl.{workbook.name}.sauvegardes.json")


def _pattern(workbook: Path) -> re.Pattern[str]:
    """The only names nr_xl gives a backup: a manifest naming anything else is not obeyed."""
    return re.compile(re.escape(workbook.name) + r"\.\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d(?:-\d+)?"
                      + f"(?:{re.escape(DAMAGED_MARK)})?" + r"\.bak")


def _entries(workbook: Path) -> list[Entry]:
    """The manifest's entries, oldest first; [] when it is missing, not a file, or unreadable
    (then nothing is deleted: old backups stay rather than a user's file going)."""
    path = manifest_path(workbook)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return []
        recorded = json.loads(path.read_text(encoding="utf-8"))["backups"]
        entries = [Entry(str(e["name"]), int(e["size"]), str(e["sha256"]), str(e["journal"]), str(e["taken"]))
                   for e in recorded]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    pattern = _pattern(workbook)
    return [e for e in entries if pattern.fullmatch(e.name) and e.journal in (INTACT, DAMAGED, UNKNOWN)]


def _save(workbook: Path, entries: list[Entry]) -> None:
    path = manifest_path(workbook)
    if not entries:
        if os.path.lexists(path) and stat.S_ISREG(os.lstat(path).st_mode):
            path.unlink()
        return
    text = json.dumps({"format": MANIFEST_FORMAT, "workbook": workbook.name,
                       "backups": [asdict(e) for e in entries]}, ensure_ascii=False, indent=1)
    fd, tmp = tempfile.mkstemp(prefix=".~nr_xl.", suffix=".tmp", dir=workbook.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        shutil.copymode(workbook, tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _ours(workbook: Path, entry: Entry) -> bool:
    """The file still holds exactly what nr_xl wrote under that name (a regular file, not a link)."""
    path = workbook.with_name(entry.name)
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size != entry.size:
            return False
        return _sha256(path) == entry.sha256
    except OSError:
        return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _present(workbook: Path, entries: list[Entry]) -> list[Entry]:
    present = []
    for entry in entries:
        try:
            if stat.S_ISREG(os.lstat(workbook.with_name(entry.name)).st_mode):
                present.append(entry)
        except OSError:
            pass  # removed since, by hand or by the demo
    return present


def backups_of(workbook: Path) -> list[Path]:
    """The backups nr_xl wrote of ``workbook`` that are still there, oldest first."""
    return [workbook.with_name(e.name) for e in _present(workbook, _entries(workbook))]


def last_intact(workbook: Path) -> Path | None:
    """The newest backup whose journal matched its chain (the rotation always keeps it)."""
    intact = [e for e in _present(workbook, _entries(workbook)) if e.journal == INTACT]
    return workbook.with_name(intact[-1].name) if intact else None


def _names(workbook: Path, now: dt.datetime, journal: str) -> Iterator[Path]:
    base = f"{workbook.name}.{now.strftime(_STAMP)}"
    mark = DAMAGED_MARK if journal == DAMAGED else ""
    yield workbook.with_name(f"{base}{mark}.bak")
    n = 2
    while True:
        yield workbook.with_name(f"{base}-{n}{mark}.bak")
        n += 1


def write_backup(workbook: Path, data: bytes, journal: str = UNKNOWN, now: dt.datetime | None = None) -> Path:
    """Store ``data`` (the workbook's bytes before the write) as a new backup and record it;
    ``journal`` says whether the journal in ``data`` matches its chain. Returns its path."""
    now = now or dt.datetime.now()
    fd, tmp_name = tempfile.mkstemp(prefix=".~nr_xl.", suffix=".bak.tmp", dir=workbook.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        shutil.copymode(workbook, tmp)  # a backup is read by whoever may read the workbook
        target = claim(tmp, _names(workbook, now, journal))
    finally:
        if tmp.exists():
            tmp.unlink()
    entry = Entry(target.name, len(data), hashlib.sha256(data).hexdigest(), journal, now.isoformat(timespec="seconds"))
    try:
        _save(workbook, _present(workbook, _entries(workbook)) + [entry])
    except OSError:
        pass  # unrecorded, this backup is simply never rotated away: the write goes on
    return target


def prune(workbook: Path, keep: int = KEEP) -> None:
    """Delete the recorded backups beyond the ``keep`` newest, except the newest with an intact
    journal, and only those that still hold what nr_xl wrote."""
    entries = _present(workbook, _entries(workbook))
    intact = [e for e in entries if e.journal == INTACT]
    kept = set(e.name for e in entries[-keep:]) | ({intact[-1].name} if intact else set())
    remaining = []
    for entry in entries:
        if entry.name in kept:
            remaining.append(entry)
        elif _ours(workbook, entry):
            try:
                workbook.with_name(entry.name).unlink()
            except OSError:
                remaining.append(entry)  # an old backup that cannot be removed harms no one
        # else: no longer what nr_xl wrote (replaced by the user): left in place, forgotten
    if remaining != entries:
        try:
            _save(workbook, remaining)
        except OSError:
            pass  # the manifest keeps listing a removed file: skipped as absent next time


def discard(workbook: Path, backups: list[Path]) -> None:
    """Delete these backups nr_xl wrote (the demo's own intermediate states) and forget them."""
    names = {b.name for b in backups}
    entries = _present(workbook, _entries(workbook))
    for entry in entries:
        if entry.name in names and _ours(workbook, entry):
            workbook.with_name(entry.name).unlink()
    _save(workbook, _present(workbook, entries))


def restore_hint(workbook: Path) -> str:
    """Which backup to restore after an accidental edit of the journal, in French."""
    found = last_intact(workbook)
    if found is None:
        return ("Aucune sauvegarde dont le journal est intact n'est gardée à côté du classeur : voyez "
                "l'historique des versions de OneDrive ou SharePoint, ou la sauvegarde de votre service.")
    return (f"La sauvegarde la plus récente dont le journal est intact est « {found.name} » (nr_xl la garde "
            "quelle que soit son ancienneté) ; celles marquées « journal-modifie » contiennent le journal modifié.")
