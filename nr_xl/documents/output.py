"""Writing a document beside the workbook: whole or not at all, and a French message
when the folder refuses it (read-only, full, a name too long for the system)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from nr_xl.core import os_words
from nr_xl.core.errors import NrXlError


class DocumentWriteError(NrXlError):
    """The document could not be written where asked; the workbook is untouched (exit code 3)."""

    exit_code = 3


def save_atomically(out: Path, save: Callable[[str], None]) -> Path:
    """``save`` into a temporary file beside ``out``, then rename it over ``out``.

    A temporary file is private (0600); the document is forwarded and shared like any file
    its owner makes, so it gets the mode the user's umask gives (or keeps the mode of the
    document it replaces)."""
    tmp: str | None = None
    try:
        if len(out.name.encode("utf-8", "surrogateescape")) > os_words.NAME_LIMIT:
            raise OSError(os_words.errno.ENAMETOOLONG, "name too long", str(out))
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".nr_xl.", suffix=out.suffix)
        os.close(fd)
        save(tmp)
        os.chmod(tmp, out.stat().st_mode & 0o777 if out.exists() else 0o666 & ~_umask())
        os.replace(tmp, out)
        tmp = None
    except OSError as exc:
        why, todo = os_words.reason(exc)
        raise DocumentWriteError(f"« {out.name} » n'a pas pu être écrit dans « {out.parent} » : {why}. "
                                 f"Le classeur n'a pas été modifié. {todo}") from exc
    finally:
        if tmp is not None and os.path.lexists(tmp):
            os.unlink(tmp)
    return out


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask
