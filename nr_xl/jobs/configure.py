"""nr-xl configure: tell the workbook's xlwings which Python to start.

xlwings reads the hidden « xlwings.conf » sheet from A1 down to the first empty
cell of column A; the interpreter is one key/value row of that block. Only the
two cells of that row are written, through the safe writer, like every other
write of nr_xl.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

from nr_xl.core import schema
from nr_xl.core.errors import NrXlError, UsageError

INTERPRETER_KEYS = {"windows": "Interpreter_Win", "macos": "Interpreter_Mac"}


def current_system() -> str:
    return "macos" if platform.system() == "Darwin" else "windows"


def read_conf(path: Path, data: bytes | None = None) -> list[list[object]]:
    """The rows of the hidden xlwings.conf sheet (of ``data``, the bytes read under the lock)."""
    from nr_xl.sources import read_rows

    sheet = schema.XLWINGS_CONF_SHEET.name
    rows = read_rows(path, [sheet], data=data).sheets.get(sheet)
    if rows is None:
        raise NrXlError(f"La feuille masquée « {sheet} » est introuvable dans « {path.name} » : nr_xl n'y a "
                        "rien écrit. Repartez du modèle (nr-xl template) et recopiez-y vos tableaux.")
    return rows


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def active_settings(rows: list[list[object]]) -> dict[str, str]:
    """The settings xlwings sees: column A from row 1 down to its first empty cell."""
    settings: dict[str, str] = {}
    for row in rows:
        key = _text(row[0]) if row else ""
        if not key:
            break
        settings[key] = _text(row[1]) if len(row) > 1 else ""
    return settings


def clean_interpreter(value: str) -> str:
    # Windows' « Copier en tant que chemin d'accès » puts the path between quotes.
    text = value.strip().strip('"').strip("'").strip()
    if not text:
        raise UsageError("--interpreter est vide : donnez le chemin complet de python.exe (ou pythonw.exe).")
    return text


@dataclass(frozen=True)
class Configured:
    key: str
    value: str
    changed: bool
    backup: Path | None


def configure(path: Path, interpreter: str, system: str | None = None) -> Configured:
    """Set Interpreter_Win (or Interpreter_Mac) in the workbook; a second run with
    the same value writes nothing. Read and written under the workbook's lock, from the
    bytes the lock saw."""
    from nr_xl.workbook.lock import exclusive
    from nr_xl.workbook.writer import write_owned_sheets

    key = INTERPRETER_KEYS[system or current_system()]
    value = clean_interpreter(interpreter)
    with exclusive(path) as guard:
        row_number = _row_to_write(read_conf(guard.path, guard.data), key, value)
        if row_number is None:
            return Configured(key, value, False, None)
        sheet = schema.XLWINGS_CONF_SHEET.name
        backup = write_owned_sheets(path, {}, patches={sheet: {(row_number, 1): key, (row_number, 2): value}},
                                    guard=guard)
    return Configured(key, value, True, backup)


def _row_to_write(rows: list[list[object]], key: str, value: str) -> int | None:
    """The row of xlwings.conf where ``key`` = ``value`` goes; None when it is already there."""
    block = len(active_settings(rows))
    row_number = next((r for r, row in enumerate(rows[:block], start=1) if _text(row[0]).lower() == key.lower()),
                      None)
    if row_number is not None:
        current = rows[row_number - 1]
        return None if _text(current[1] if len(current) > 1 else None) == value else row_number
    below = rows[block] if block < len(rows) else []
    if any(_text(v) for v in below[1:2]):
        raise NrXlError(
            f"La cellule B{block + 1} de la feuille masquée « {schema.XLWINGS_CONF_SHEET.name} » contient déjà « "
            f"{_text(below[1])} » : nr_xl n'y a rien écrit. Videz-la (ou recopiez la clé {key} en "
            f"A{block + 1}), puis relancez.")
    return block + 1
