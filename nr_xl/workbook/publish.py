"""A new file (a document, a deck) put in place whole, and never over another one unless asked.

Choosing a free name and then renaming onto it leaves a gap: three ``minutes -o cr.docx``
at the same moment all find « cr.docx » free and each renames over the one before, and
all three say « Écrit : cr.docx ». Here the complete file is made under a temporary name
and then *linked* to its name, which the system refuses if the name exists: the loser
takes « cr (2).docx ». Where a file system has no hard links (FAT, some network shares),
the name is first reserved by an exclusive creation, then the complete file renamed
onto that reservation. Only ``replace`` (``--force``) replaces a file, on purpose.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from nr_xl.core.errors import OutputError, os_reason


def unused_name(path: Path, siblings: tuple[str, ...] = ()) -> Path:
    """``path``, or « name (2).ext », « name (3).ext »… the first that exists under no
    form (file, folder or link), nor with any of the ``siblings`` suffixes (a PDF beside a .docx)."""
    return next(c for c in _names(path) if not _taken(c, siblings))


def _names(path: Path) -> Iterator[Path]:
    yield path
    n = 2
    while True:
        yield path.with_name(f"{path.stem} ({n}){path.suffix}")
        n += 1


def _taken(candidate: Path, siblings: tuple[str, ...]) -> bool:
    return any(os.path.lexists(candidate.with_suffix(s)) for s in (candidate.suffix, *siblings))


def publish(out: Path, save: Callable[[Path], None], *, replace: bool = False) -> Path:
    """Make the file by ``save(temporary path)`` beside ``out``, then put it at ``out`` or, if a
    file came there meanwhile, at the next free « nom (2) »; with ``replace``, over ``out``.
    Returns where it is. Any refusal of the system is an OutputError, in French."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # A short prefix: a long document name must not become too long a temporary one.
        fd, name = tempfile.mkstemp(prefix=".~nr_xl.", suffix=".tmp", dir=out.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            save(tmp)
            # A temporary file is private (0600); a document is forwarded and shared like any
            # file its owner makes: the mode the user's umask gives, or that of the one replaced.
            os.chmod(tmp, out.stat().st_mode & 0o777 if replace and out.exists() else 0o666 & ~_umask())
            if replace:
                os.replace(tmp, out)
                return out
            return _link_to_a_free_name(tmp, out)
        finally:
            if tmp.exists():
                tmp.unlink()
    except OSError as exc:
        raise OutputError(f"« {out.name} » n'a pas pu être écrit dans « {out.parent} » : {os_reason(exc)}. "
                          "Aucun fichier existant n'a été remplacé.") from exc


def _link_to_a_free_name(tmp: Path, out: Path) -> Path:
    # Beyond the name asked for, also keep clear of another document's PDF.
    return claim(tmp, (c for c in _names(out) if c == out or not _taken(c, (".pdf",))))


def claim(tmp: Path, names: Iterable[Path]) -> Path:
    """Give the complete file ``tmp`` the first of ``names`` no file holds yet, and return it:
    a hard link the system refuses over an existing name, or, without hard links, an exclusive
    creation of the name then a rename onto it. Never over an existing file, link or folder.
    ``tmp`` itself is left for the caller to remove."""
    for candidate in names:
        try:
            os.link(tmp, candidate)
            return candidate
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS and not _windows_without_links(exc):
                raise
        if _reserve(candidate):
            os.replace(tmp, candidate)
            return candidate
    raise AssertionError("unreachable: the names never run out")  # pragma: no cover


_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}


def _windows_without_links(exc: OSError) -> bool:
    return getattr(exc, "winerror", None) is not None  # FAT or exFAT: « Incorrect function » and the like


def _reserve(candidate: Path) -> bool:
    """Take the name by an exclusive creation; False if it exists."""
    try:
        fd = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask
