"""One writer at a time per workbook, and no write over a file that changed.

Every command that writes holds a lock file next to the workbook for its whole
read-compute-write cycle. The lock is filelock's SoftFileLock: an exclusively
created marker file holding the process id and host name, which works on
network drives (SMB, NFS) where byte-range locks are unreliable, and which a
process of the same host reclaims by itself once the holder has died: the marker
records the holder's start time, so a process number used again by another
program is not taken for the holder. A lock left by another computer, or a marker
without that start time (written by some other program: « pid 1 » always runs),
cannot be proven stale from here: it is reported, and ``--break-lock`` removes it.

The guard keeps the bytes present when the lock was taken, and their digest:
the commands read those very bytes (never the file a second time), and the
writer refuses to replace a file whose bytes have changed since (Excel, a
synchronisation client or a program that ignores the lock). The findings or
journal rows written are thus always those of the bytes they replace, even
when the file was saved twice meanwhile and is back to what the lock saw.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import SoftFileLock, Timeout

from nr_xl.core.errors import UsageError, WorkbookBusy, WorkbookWriteError, os_reason

# Long enough for a colleague's command to finish (a few seconds on a large
# workbook), short enough for a user who waits in front of a terminal.
DEFAULT_WAIT_SECONDS = 10.0
# An hour queues a script behind another; « inf » would wait for ever on a lock
# left by a computer that is off.
MAX_WAIT_SECONDS = 3600.0
WAIT_ENV = "NR_XL_LOCK_WAIT"


class WorkbookLocked(WorkbookBusy):
    """Another nr_xl command is writing this workbook."""


class WorkbookChanged(WorkbookBusy):
    """The workbook's bytes changed between reading and replacing it."""


@dataclass(frozen=True)
class Guard:
    """Proof that the lock is held, the bytes read under it and their digest."""

    path: Path  # the real file (a symbolic link resolved)
    data: bytes = field(repr=False)
    digest: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", digest_of(self.data))

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
    """How long to wait for the lock: NR_XL_LOCK_WAIT seconds (a French « 2,5 » too), else 10."""
    typed = os.environ.get(WAIT_ENV, "")
    if not typed.strip():
        return DEFAULT_WAIT_SECONDS
    try:
        seconds = float(typed.strip().replace(",", "."))
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds <= MAX_WAIT_SECONDS:  # NaN, infinities and negatives fail too
        raise UsageError(f"{WAIT_ENV} vaut « {typed} » : donnez le nombre de secondes à attendre un verrou, "
                         f"entre 0 et {MAX_WAIT_SECONDS:g} ({DEFAULT_WAIT_SECONDS:g} par défaut), par exemple "
                         f"{WAIT_ENV}=30, ou retirez cette variable.")
    return seconds


@contextmanager
def exclusive(path: Path, *, break_lock: bool = False, wait: float | None = None) -> Iterator[Guard]:
    """Hold the workbook's lock; yields a Guard over the bytes present once it is held."""
    target = real_path(Path(path))
    marker = lock_path(target)
    timeout = wait_seconds() if wait is None else wait
    if break_lock:
        _break(marker)
    lock = SoftFileLock(str(marker), timeout=timeout, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        holder = holder_of(marker)
        if break_lock and holder is not None and holder.running_here:
            raise WorkbookLocked(still_running_message(marker, holder)) from None
        raise WorkbookLocked(locked_message(target, marker, timeout)) from None
    except OSError as exc:
        raise WorkbookWriteError(marker_refused_message(target, marker, exc)) from exc
    try:
        yield Guard(target, target.read_bytes() if target.is_file() else b"")
    finally:
        lock.release()


def marker_refused_message(target: Path, marker: Path, exc: OSError) -> str:
    try:
        is_folder = marker.is_dir()
    except OSError:  # a name too long for the system: is_dir() itself fails
        is_folder = False
    if is_folder:
        return (f"Un dossier « {marker.name} » se trouve à côté de « {target.name} », là où nr_xl pose son "
                "verrou : rien n'a été écrit. nr_xl ne supprime pas un dossier qu'il n'a pas créé : "
                "supprimez-le ou renommez-le, puis relancez.")
    return (f"nr_xl ne peut pas poser son verrou « {marker.name} » à côté de « {target.name} » "
            f"({os_reason(exc)}) : rien n'a été écrit. Vérifiez que vous pouvez écrire dans ce dossier.")


@dataclass(frozen=True)
class Holder:
    pid: int | None
    host: str
    user: str
    since: dt.datetime | None
    started: str | None = None  # the holder's start time as the marker records it (filelock's token)

    @property
    def here(self) -> bool:
        return self.host in ("", socket.gethostname())

    @property
    def running_here(self) -> bool:
        """The holder provably still runs on this computer: its process is alive and the marker
        says when it started (filelock itself reclaims a marker whose start time no longer
        matches). Without the start time, a live process number proves nothing."""
        return self.here and self.pid is not None and self.started is not None and self.alive

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
    started = lines[2].strip() if len(lines) > 2 and lines[2].strip().isdigit() else None
    return Holder(pid, host, _owner_name(st), dt.datetime.fromtimestamp(st.st_mtime), started)


def _owner_name(st: os.stat_result) -> str:
    try:
        import pwd

        return pwd.getpwuid(st.st_uid).pw_name
    except (ImportError, KeyError):  # Windows, or a user unknown to this computer
        return ""


def locked_message(target: Path, marker: Path, waited: float) -> str:
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
    message = (f"« {target.name} » est en cours d'écriture par {who} : nr_xl a attendu "
               f"{waited:g} s puis abandonné, sans rien écrire. Relancez dans un instant. ")
    if holder is not None and holder.here and holder.started is None:
        return message + (
            f"Ce verrou ne dit pas quand son processus a démarré (il n'a pas été posé par cette version de nr_xl) : "
            f"nr_xl ne peut pas savoir si le processus {holder.pid} qui tourne sur ce poste est celui qui l'a "
            f"posé. Si aucune autre commande nr_xl n'écrit ce classeur, relancez avec --break-lock pour "
            f"retirer le verrou « {marker.name} ».")
    return message + (f"Si cette commande a été interrompue (ordinateur éteint, réseau coupé), relancez avec "
                      f"--break-lock pour retirer le verrou « {marker.name} ».")


def still_running_message(marker: Path, holder: Holder) -> str:
    return (f"Le verrou « {marker.name} » appartient au processus {holder.pid}, toujours actif sur ce "
            "poste : il n'a pas été retiré. Attendez la fin de cette commande, puis relancez.")


def _break(marker: Path) -> None:
    """Remove a lock left behind; never one whose process provably still runs on this computer
    (that one is left to the wait, which ends in ``still_running_message``)."""
    holder = holder_of(marker)
    if holder is None or holder.running_here:
        return
    SoftFileLock(str(marker)).break_lock()
