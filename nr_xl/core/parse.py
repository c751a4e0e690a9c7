"""Cell values -> typed values.

Each parser takes what a reader returns for a cell (str, int, float, date,
datetime, bool or None) and returns a typed value, None for an empty cell, or
raises ``CellError`` with a French explanation. The model builder turns a
``CellError`` into an ``input.*`` finding on that cell: a bad cell never stops a run.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import functools
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from nr_xl.core import vocabulary
from nr_xl.core.schema import normalize

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


class Quarter(NamedTuple):
    """A calendar quarter. A NamedTuple: compared, ordered and hashed in C, which
    matters when every workload line is spread over quarters."""

    year: int
    q: int  # 1..4

    @property
    def ordinal(self) -> int:
        """Consecutive quarters have consecutive ordinals (2027-T4 + 1 = 2028-T1)."""
        return self.year * 4 + self.q - 1

    @classmethod
    def from_index(cls, index: int) -> Quarter:
        return _quarter_at(index)

    def __str__(self) -> str:
        return f"{self.year}-T{self.q}"


@functools.lru_cache(maxsize=4096)
def _quarter_at(index: int) -> Quarter:
    return Quarter(index // 4, index % 4 + 1)


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


_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$")
_DATE_FR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
# Excel serial dates: 1 = 1900-01-01, with the 1900 leap-year bug below 61.
EXCEL_EPOCH = dt.date(1899, 12, 30)


def date(value: object) -> dt.date | None:
    if is_blank(value):
        return None
    check_excel_error(value)
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise _implausible_date(value)
        return day
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A date cell whose format was lost reads as its serial number.
        if 20000 <= value <= 80000:
            day = EXCEL_EPOCH + dt.timedelta(days=int(value))
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise _implausible_date(value)  # as a typed date of 1954 or 2119 would be
            return day
        raise _bad_date(value)
    s = str(value).strip()
    m = _DATE_ISO.match(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DATE_FR.match(s)
        if not m:
            raise _bad_date(value)
        d, mo, y = (int(g) for g in m.groups())
    try:
        result = dt.date(y, mo, d)
    except ValueError:
        raise _bad_date(value) from None
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise _implausible_date(value)
    return result


def _implausible_date(value: object) -> CellError:
    shown = value.strftime("%d/%m/%Y") if isinstance(value, (dt.date, dt.datetime)) else value
    return CellError(
        "implausible_date",
        f"« {shown} » est hors de la période qu'une feuille de route peut couvrir ({MIN_YEAR}–{MAX_YEAR})",
        "Vérifiez l'année saisie (une date vide ou 00/01/1900 vient souvent d'une formule).",
    )


def _bad_date(value: object) -> CellError:
    return CellError(
        "bad_date",
        f"« {value} » n'est pas une date lisible",
        "Saisissez une date au format jj/mm/aaaa (ex. 07/03/2027) ou aaaa-mm-jj.",
    )


_QUARTER_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-/ ]?\s*[TQ]([1-4])$"),  # 2025-T3, 2025 Q3, 2025T3
    re.compile(r"^[TQ]([1-4])\s*[-/ ]?\s*(\d{4})$"),  # T3 2025, Q3-2025
)


def quarter(value: object) -> Quarter | None:
    if is_blank(value):
        return None
    check_excel_error(value)
    if isinstance(value, (dt.date, dt.datetime)) or (
        isinstance(value, (int, float)) and not isinstance(value, bool)
    ):
        try:
            d = date(value)
        except CellError as err:
            raise (err if err.code == "implausible_date" else _bad_quarter(value)) from None
        assert d is not None
        return Quarter(d.year, (d.month - 1) // 3 + 1)
    s = str(value).strip().upper()
    for i, pattern in enumerate(_QUARTER_PATTERNS):
        m = pattern.match(s)
        if m:
            year, q = (m.group(1), m.group(2)) if i == 0 else (m.group(2), m.group(1))
            if MIN_YEAR <= int(year) <= MAX_YEAR:
                return Quarter(int(year), int(q))
            raise _implausible_date(value)
    try:
        d = date(value)
    except CellError as err:
        raise (err if err.code == "implausible_date" else _bad_quarter(value)) from None
    assert d is not None
    return Quarter(d.year, (d.month - 1) // 3 + 1)


def _bad_quarter(value: object) -> CellError:
    return CellError(
        "bad_quarter",
        f"« {value} » n'est pas un trimestre lisible",
        "Saisissez un trimestre comme 2027-T3 (ou T3 2027, 2027-Q3, ou une date).",
    )


_MULTIPLIERS = {"": 1, "k": 1_000, "m": 1_000_000}
_AMOUNT = re.compile(
    r"^(?P<sign>[-+]?)\s*(?P<num>\d[\d\s.,']*|[.,]\d+)\s*(?P<mult>k|m)?\s*(?:€|eur|euros?|j-?h|jh)?$"
)


# A spreadsheet counts exactly up to 15 significant digits; beyond, a « number » is a
# typo or a pasted identifier, and Decimal arithmetic on it would overflow downstream.
MAX_AMOUNT = Decimal(10) ** 15


def amount(value: object) -> Decimal | None:
    """Euros or jours-homme: 12500, '12 500 €', '12,5 k€', '1,2 M€', '12 500,50'."""
    result = _amount(value)
    if result is not None and not abs(result) < MAX_AMOUNT:
        raise CellError(
            "bad_number",
            f"« {value} » est un nombre trop grand pour être compté exactement (plus de 15 chiffres)",
            "Vérifiez la saisie : un montant en euros ou des jours-homme tiennent en quelques chiffres.",
        )
    return result


def _amount(value: object) -> Decimal | None:
    if is_blank(value):
        return None
    check_excel_error(value)
    if isinstance(value, bool):
        raise _bad_number(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _bad_number(value)
        # repr keeps the shortest exact form (0.1 stays 0.1, not 0.1000000000000000055…).
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    s = normalize(value).replace(" ", "")
    m = _AMOUNT.match(s)
    if not m:
        raise _bad_number(value)
    number = _decimal_from_french(m.group("num"))
    if number is None:
        raise _bad_number(value)
    result = number * _MULTIPLIERS[m.group("mult") or ""]
    return -result if m.group("sign") == "-" else result


def _decimal_from_french(num: str) -> Decimal | None:
    num = num.replace("'", "").replace(" ", "")
    if "," in num and "." in num:
        # "12.500,50" (French with dot grouping) or "12,500.50" (English).
        if num.rfind(",") > num.rfind("."):
            num = num.replace(".", "").replace(",", ".")
        else:
            num = num.replace(",", "")
    elif "," in num:
        head, _, tail = num.rpartition(",")
        # One comma is the French decimal separator; several are grouping.
        num = num.replace(",", "") if num.count(",") > 1 else f"{head}.{tail}"
    elif num.count(".") > 1:
        num = num.replace(".", "")
    elif "." in num:
        head, _, tail = num.partition(".")
        # "12.500" is French grouping, "12.5" a decimal.
        if len(tail) == 3 and head and head != "0":
            num = head + tail
    try:
        return Decimal(num)
    except InvalidOperation:
        return None


def _bad_number(value: object) -> CellError:
    return CellError(
        "bad_number",
        f"« {value} » n'est pas un nombre lisible",
        "Saisissez un nombre, par exemple 12500, « 12 500 € », « 12,5 k€ » ou « 1,2 M€ ».",
    )


def _integer_between(value: object, low: int, high: int) -> int | None:
    """The integer in [low, high] that ``value`` holds, or None."""
    try:
        number = amount(value)
    except CellError:
        return None
    if number is None or number != number.to_integral_value() or not low <= number <= high:
        return None
    return int(number)


def year(value: object) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
            and value == int(value) and MIN_YEAR <= value <= MAX_YEAR:
        return int(value)
    if is_blank(value):
        return None
    check_excel_error(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    result = _integer_between(value, MIN_YEAR, MAX_YEAR)
    if result is None:
        raise CellError(
            "bad_year",
            f"« {value} » n'est pas une année lisible",
            f"Saisissez une année sur quatre chiffres, entre {MIN_YEAR} et {MAX_YEAR}.",
        )
    return result


def score(value: object) -> int | None:
    """Probability or impact, an integer from 1 to 4."""
    if is_blank(value):
        return None
    check_excel_error(value)
    result = _integer_between(value, 1, 4)
    if result is None:
        raise CellError(
            "out_of_range",
            f"« {value} » n'est pas une note de 1 à 4",
            "Notez la probabilité et l'impact de 1 (faible) à 4 (très fort).",
        )
    return result


_LIST_SPLIT = re.compile(r"[;,\n]")


def id_list(value: object) -> tuple[str, ...]:
    """'P1; P3' or 'P1,P3' -> ('P1', 'P3'); duplicates removed, order kept."""
    if is_blank(value):
        return ()
    check_excel_error(value)
    raw = text(value) if not isinstance(value, str) else value
    assert raw is not None
    items: list[str] = []
    for part in _LIST_SPLIT.split(raw):
        item = " ".join(part.split())
        if item and item not in items:
            items.append(item)
    return tuple(items)


def enum(value: object, allowed: tuple[str, ...]) -> str | None:
    """The list value a cell means: case, accents, gender, number and common
    synonyms tolerated (vocabulary.py)."""
    if is_blank(value):
        return None
    check_excel_error(value)
    typed = text(value) or ""
    found = vocabulary.match(typed, allowed)
    if found is not None:
        return found
    near = vocabulary.closest(typed, allowed)
    raise CellError(
        "unknown_value",
        f"« {typed} » n'est pas une valeur de la liste ("
        + ", ".join(f"« {a} »" for a in allowed) + ")",
        (f"Valeur la plus proche : « {near} ». " if near else "")
        + "Choisissez une valeur dans la liste déroulante.",
    )
