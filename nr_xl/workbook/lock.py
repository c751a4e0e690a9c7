"""One writer at a time per workbook, and no write over a file that changed.

Every command that writes holds a lock file next to the workbook for its whole
read-compute-write cycle. The lock is filelock's SoftFileLock: an exclusively
created marker file holding the process id and host name, which works on
network drives (SMB, NFS) where byte-range locks are unreliable, and which a
process of the same host reclaims by itself once the holder has died. A lock
left by another computer cannot be proven stale from here: it is reported, and
``--break-lock`` removes it.

The guard also remembers a digest of the bytes present when the lock was
taken: the writer refuses to replace a file whose bytes have changed since
(Excel, a synchronisation client or a program that ignores the lock).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import SoftFileLock, Timeout

from nr_xl.core import os_words
from nr_xl.core.errors import WorkbookWriteError

# Long enough for a colleague's command to finish (a few seconds on a large
# workbook), short enough for a user who waits in front of a terminal.
DEFAULT_WAIT_SECONDS = 10.0
WAIT_ENV = "NR_XL_LOCK_WAIT"


class WorkbookLocked(WorkbookWriteError):
    """Another nr_xl command is writing this workbook."""


class WorkbookChanged(WorkbookWriteError):
    """The workbook's bytes changed between reading and replacing it."""


@dataclass(frozen=True)
class Guard:
    """Proof that the lock is held, and the digest of the bytes read under it."""

    path: Path  # the real file (a symbolic link resolved)
    digest: str

    def ensure_unchanged(self, data: bytes | None = None) -> bytes:
        """The file's bytes, if they are still those seen when the lock was taken."""
        if data is None:
            data = self.path.read_bytes()
        if digest_of(data) != self.digest:
            raise WorkbookChanged(changed_message(self.path))
        return data


def changed_message(path: Path) -> str:
    return (f"Le classeur « {path.name} » a été modifié pendant l'opération (enregistré dans Excel, "
            "par un collègue ou par un autre programme) : nr_xl n'y a rien écrit. Relancez la commande.")


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def real_path(path: Path) -> Path:
    """The file a path designates: writing replaces the target of a symbolic link, never the link."""
    return Path(os.path.realpath(path))


def lock_path(workbook: Path) -> Path:
    return workbook.with_name(f".~nr_xl.{workbook.name}.lock")


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT_SECONDS)))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


@contextmanager
def exclusive(path: Path, *, break_lock: bool = False, wait: float | None = None) -> Iterator[Guard]:
    """Hold the workbook's lock; yields a Guard over the bytes present once it is held."""
    target = real_path(Path(path))
    marker = lock_path(target)
    if break_lock:
        _break(marker)
    lock = SoftFileLock(str(marker), timeout=wait_seconds() if wait is None else wait,
                        thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise WorkbookLocked(locked_message(target, marker)) from None
    except OSError as exc:
        why, todo = os_words.reason(exc)  # the system's own words are English
        raise WorkbookWriteError(
            f"nr_xl ne peut pas poser son verrou « {marker.name} » à côté de « {target.name} » "
            f"({why}) : rien n'a été écrit. {todo}"
        ) from exc
    try:
        data = target.read_bytes() if target.is_file() else b""
        yield Guard(target, digest_of(data))
    finally:
        lock.release()


@dataclass(frozen=True)
class Holder:
    pid: int | None
    host: str
    user: str
    since: dt.datetime | None

    @property
    def here(self) -> bool:
        return self.host in ("", socket.gethostname())

    @property
    def alive(self) -> bool:
        """False only when the holder is provably gone (a process of this computer that ended)."""
        if not self.here or self.pid is None:
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True


def holder_of(marker: Path) -> Holder | None:
    try:
        st = marker.stat()
        lines = marker.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    pid = int(lines[0]) if lines and lines[0].strip().isdigit() else None
    host = lines[1].strip() if len(lines) > 1 else ""
    return Holder(pid, host, _owner_name(st), dt.datetime.fromtimestamp(st.st_mtime))


def _owner_name(st: os.stat_result) -> str:
    try:
        import pwd

        return pwd.getpwuid(st.st_uid).pw_name
    except (ImportError, KeyError):  # Windows, or a user unknown to this computer
        return ""


def locked_message(target: Path, marker: Path) -> str:
    holder = holder_of(marker)
    who = "une autre commande nr_xl"
    if holder is not None:
        parts = []
        if holder.user:
            parts.append(holder.user)
        if holder.host:
            parts.append(f"poste {holder.host}")
        if holder.pid is not None:
            parts.append(f"processus {holder.pid}")
        if parts:
            who += " (" + ", ".join(parts) + ")"
        if holder.since is not None:
            who += f" depuis le {holder.since:%d/%m/%Y à %H:%M:%S}"
    return (f"« {target.name} » est en cours d'écriture par {who} : nr_xl a attendu "
            f"{wait_seconds():g} s puis abandonné, sans rien écrire. Relancez dans un instant. "
            f"Si cette commande a été interrompue (ordinateur éteint, réseau coupé), relancez avec "
            f"--break-lock pour retirer le verrou « {marker.name} ».")


def _break(marker: Path) -> None:
    """Remove a lock left behind; never one whose process still runs on this computer."""
    holder = holder_of(marker)
    if holder is None:
        return
    if holder.pid is not None and holder.here and holder.alive:
        raise WorkbookLocked(
            f"Le verrou « {marker.name} » appartient au processus {holder.pid}, toujours actif sur ce "
            "poste : il n'a pas été retiré. Attendez la fin de cette commande, puis relancez."
        )
    SoftFileLock(str(marker)).break_lock()
