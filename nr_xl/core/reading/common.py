"""What every reader shares: the result types, blanks, Excel errors, comments."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import NamedTuple

# Excel error values as readers return them.
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"}
)

# Years a roadmap can plausibly name; outside is almost always a typo.
MIN_YEAR, MAX_YEAR = 2000, 2100


class CellError(ValueError):
    """A cell that cannot be read. ``code`` is the finding code suffix."""

    def __init__(self, code: str, message: str, suggestion: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.suggestion = suggestion


class Reading(NamedTuple):
    """A cell read as ``value`` though not typed as the workbook writes it: ``note`` says
    how (« « 150 000 € TTC » lu comme 150 000 € (montant TTC) »). ``warn``: the reading
    rests on an assumption the agent should check (a warning, not an information)."""

    value: object
    note: str
    warn: bool = False
    percent: bool = False  # typed with « % »: the value is in percentage points


class Etp(NamedTuple):
    """Full-time equivalents typed in a jours-homme cell (« 0,5 ETP »): converted with the
    workbook's « Jours-homme par ETP », which the reader of the table knows."""

    fte: Decimal
    typed: str


def plain(result: object) -> object:
    """The value of a reader's result, whatever the form it was typed in."""
    return result.value if isinstance(result, Reading) else result


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, float):
        return math.isnan(value)
    return False


def check_excel_error(value: object) -> None:
    if isinstance(value, str) and "#" in value[:3] and value.strip().upper() in EXCEL_ERRORS:
        raise CellError(
            "formula_error",
            f"la cellule contient l'erreur Excel {value.strip()}",
            "Corrigez la formule de cette cellule ou remplacez-la par une valeur.",
        )


def shown(value: object) -> str:
    """A typed value as the notes and messages quote it."""
    return " ".join(str(value).split())


# A comment typed after the value: « I02 (à confirmer) », « Abandonnée [pas de budget] ».
_COMMENT = re.compile(r"^(?P<main>.*?\S)\s*[(\[](?P<comment>[^()\[\]]*)[)\]]\s*$")


def split_comment(text: str) -> tuple[str, str | None]:
    """« Abandonnée (pas de budget) » -> (« Abandonnée », « pas de budget »)."""
    m = _COMMENT.match(text)
    if m is None:
        return text, None
    return m.group("main"), m.group("comment").strip() or None
