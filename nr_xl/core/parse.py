"""Cell values -> typed values: the plain API over ``nr_xl.core.reading``.

Each function takes what a reader returns for a cell (str, int, float, date, datetime,
bool or None) and returns the typed value however it was typed (« 150 000 € TTC » is
150000), None for an empty cell, or raises ``CellError`` with a French explanation.
The model builder reads the cells through ``reader_for`` instead, which keeps the note
of a value not typed exactly (``Reading``) so that the user sees how it was read.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from nr_xl.core.reading.common import (
    EXCEL_ERRORS, MAX_YEAR, MIN_YEAR, CellError, Etp, Reading, check_excel_error, is_blank, plain, shown,
)
from nr_xl.core.reading.numbers import MAX_AMOUNT, read_amount, read_days, read_measure, read_score
from nr_xl.core.reading.periods import END, EXCEL_EPOCH, START, Quarter, read_date, read_quarter, read_year
from nr_xl.core.reading.words import read_names, read_presence, read_refs, read_word
from nr_xl.core import schema
from nr_xl.core.schema import Kind

__all__ = [
    "EXCEL_EPOCH", "EXCEL_ERRORS", "END", "MAX_AMOUNT", "MAX_YEAR", "MIN_YEAR", "START", "CellError", "Etp",
    "Quarter", "Reading", "amount", "check_excel_error", "date", "enum", "id_list", "is_blank", "plain", "quarter",
    "reader_for", "score", "shown", "text", "year",
]


def text(value: object) -> str | None:
    """Trimmed text; numbers written without a useless '.0'."""
    if type(value) is str:  # the common case, kept fast: most cells are plain text
        if not value or value[0] == "#" or "  " in value or not value.isprintable() \
                or value != value.strip():
            pass
        else:
            return value
    if is_blank(value):
        return None
    check_excel_error(value)
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def amount(value: object) -> Decimal | None:
    """Euros or a count: 12500, « 12 500 € », « 12,5 k€ », « 1,2 M€ », « env. 15 000 € TTC »."""
    return plain(read_amount(value))  # type: ignore[return-value]


def date(value: object) -> dt.date | None:
    return plain(read_date(value))  # type: ignore[return-value]


def quarter(value: object, role: str = START) -> Quarter | None:
    return plain(read_quarter(value, role))  # type: ignore[return-value]


def year(value: object) -> int | None:
    return plain(read_year(value))  # type: ignore[return-value]


def score(value: object) -> int | None:
    """Probability or impact, an integer from 1 to 4."""
    return plain(read_score(value))  # type: ignore[return-value]


def id_list(value: object) -> tuple[str, ...]:
    """« P1; P3 », « P1, P3 » or « P1 / P3 » -> ('P1', 'P3'); duplicates removed, order kept."""
    return plain(read_refs(value))  # type: ignore[return-value]


def enum(value: object, allowed: tuple[str, ...]) -> str | None:
    """The list value a cell means (reading/words.py)."""
    return plain(read_word(value, allowed))  # type: ignore[return-value]


# How each kind of cell is read by the model builder: a function of the raw value alone,
# whose result may be a Reading (the value and its note) or, for jours-homme, an Etp.
_READERS: dict[Kind, Callable[[object], Any]] = {
    Kind.TEXT: text,
    Kind.ID: text,
    Kind.ID_LIST: read_names,
    Kind.REF_LIST: read_refs,
    Kind.AMOUNT: read_amount,
    Kind.DAYS: read_days,
    Kind.MEASURE: read_measure,
    Kind.YEAR: read_year,
    Kind.SCORE: read_score,
    Kind.COMPUTED: lambda raw: None,
}


def reader_for(kind: Kind, allowed: tuple[str, ...] = (), role: str = "") -> Callable[[object], Any]:
    """The reader of a column's cells: its kind, its list, its role (START or END for a period)."""
    if kind is Kind.ENUM:
        if allowed == schema.PRESENCES:
            return functools.partial(read_presence, allowed=allowed)
        return functools.partial(read_word, allowed=allowed)
    if kind is Kind.QUARTER:
        return functools.partial(read_quarter, role=role or START)
    if kind is Kind.DATE:
        return functools.partial(read_date, role=role or START)
    return _READERS[kind]
