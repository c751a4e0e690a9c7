"""Dates, quarters and years, as agents type them.

Exact: Excel dates and serial numbers, « 07/03/2027 », « 2027-03-07 »; quarters
« 2027-T3 », « T3 2027 », « 2027-Q3 » or a date; years « 2027 ». Read with a note:
« 15/01/27 », « 3 décembre 2026 », « janvier 2027 » (its first day: a warning);
« 3e trimestre 2027 », « sept. 2028 », « S2 2027 », « 1er semestre 2027 », « fin 2029 »,
« début 2028 », « mi-2028 », « rentrée 2027 », a bare year — a period read as its first
quarter in a « Début » column and its last in a « Fin » column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import NamedTuple

from babel.dates import get_month_names

from nr_xl.core.reading.common import (
    MAX_YEAR, MIN_YEAR, CellError, Reading, check_excel_error, is_blank, shown,
)
from nr_xl.core.reading.numbers import integer_between
from nr_xl.core.schema import normalize

START, END = "start", "end"  # the role of a period cell: « Début » or « Fin »


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


# Excel serial dates: 1 = 1900-01-01, with the 1900 leap-year bug below 61.
EXCEL_EPOCH = dt.date(1899, 12, 30)


def _month_table() -> dict[str, int]:
    """French month names, wide and abbreviated (Babel's CLDR data), and the usual
    short forms agents type, folded as ``normalize`` folds them, without the final dot."""
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="fr_FR").items():
            names[normalize(name).rstrip(".")] = number
    names.update({"janv": 1, "jan": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "jui": 7, "aou": 8,
                  "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
    return names


MONTHS = _month_table()
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$", re.IGNORECASE)
_DATE_FR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DATE_FR_SHORT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$")
_DAY_MONTH_YEAR = re.compile(r"^(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
                             r"(?P<day>\d{1,2})(?:er|e)?\s+" + _MONTH + r"\s+(?P<year>\d{4})$")
_EDGE_MONTH_YEAR = re.compile(r"^(?:(?P<edge>fin|debut|mi)[\s-]+(?:de\s+|d')?)?" + _MONTH + r"\s+(?P<year>\d{4})$")

_QUARTER_EXACT = (
    re.compile(r"^(\d{4})\s*[-/ ]?\s*[TQ]([1-4])$"),  # 2025-T3, 2025 Q3, 2025T3
    re.compile(r"^[TQ]([1-4])\s*[-/ ]?\s*(\d{4})$"),  # T3 2025, Q3-2025
)
_ORDINALS = {"1": 1, "1er": 1, "1e": 1, "1ere": 1, "premier": 1, "2": 2, "2e": 2, "2eme": 2, "2nd": 2, "second": 2,
             "deuxieme": 2, "3": 3, "3e": 3, "3eme": 3, "troisieme": 3, "4": 4, "4e": 4, "4eme": 4, "quatrieme": 4}
_ORDINAL = "(?P<n>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_QUARTER_WORDS = re.compile(r"^" + _ORDINAL + r"\s+trim(?:estre|\.)?\s+(?:de\s+|d')?(?P<year>\d{4})$")
_SEMESTER = re.compile(r"^(?:s(?P<s>[12])|" + _ORDINAL + r"\s+sem(?:estre|\.)?)\s*[-/ ]?\s*(?:de\s+|d')?"
                       r"(?P<year>\d{4})$")
_MONTH_YEAR_DIGITS = re.compile(r"^(?:(?P<m1>\d{1,2})[/.-](?P<y1>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{1,2}))$")
_YEAR_PART = re.compile(r"^(?P<part>fin|debut|mi|milieu|courant|rentree|ete|printemps|automne|en)?"
                        r"[\s-]*(?:de\s+l'annee\s+|d'annee\s+|de\s+|d')?(?P<year>\d{4})$")
# Which quarters a part of a year covers: (as a start, as an end).
_PARTS = {"fin": (4, 4), "debut": (1, 1), "mi": (3, 2), "milieu": (3, 2), "courant": (1, 4), "en": (1, 4),
          None: (1, 4), "rentree": (3, 3), "ete": (3, 3), "printemps": (2, 2), "automne": (4, 4)}


def _quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def _plausible(year: int, value: object) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _implausible_date(value)
    return year


# --- Dates -------------------------------------------------------------------------------

def read_date(value: object, role: str = START) -> dt.date | Reading | None:
    """A date; a period typed where a date is expected (« janvier 2027 », « fin 2027 ») is
    read as its first day, or its last for a deadline (``role`` END), with a warning."""
    if is_blank(value):
        return None
    check_excel_error(value)
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        _plausible(day.year, value)
        return day
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A date cell whose format was lost reads as its serial number.
        if 20000 <= value <= 80000:
            day = EXCEL_EPOCH + dt.timedelta(days=int(value))
            _plausible(day.year, value)  # as a typed date of 1954 or 2119 would be
            return day
        raise _bad_date(value)
    typed = shown(value)
    text = normalize(typed)
    m = _DATE_ISO.match(text)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)), value)
    m = _DATE_FR.match(text)
    if m:
        return _day(int(m.group(3)), int(m.group(2)), int(m.group(1)), value)
    m = _DATE_FR_SHORT.match(text)
    if m:
        day = _day(2000 + int(m.group(3)), int(m.group(2)), int(m.group(1)), value)
        return Reading(day, f"« {typed} » lu comme {day:%d/%m/%Y}")
    m = _DAY_MONTH_YEAR.match(text)
    if m:
        day = _day(int(m.group("year")), MONTHS[m.group("month")], int(m.group("day")), value)
        return Reading(day, f"« {typed} » lu comme {day:%d/%m/%Y}")
    m = _EDGE_MONTH_YEAR.match(text)
    if m:
        year, month = _plausible(int(m.group("year")), value), MONTHS[m.group("month")]
        edge = m.group("edge") or ("fin" if role == END else "debut")
        last_day = calendar.monthrange(year, month)[1]
        day = dt.date(year, month, {"fin": last_day, "debut": 1, "mi": 15}[edge])
        return Reading(day, f"« {typed} » lu comme {day:%d/%m/%Y} (la date exacte n'est pas saisie)", warn=True)
    try:
        period = _period(text, value) or _exact_quarter(typed, value)
    except CellError:
        raise _bad_date(value) from None
    if period is None:
        raise _bad_date(value)
    first, last = period
    bound = last if role == END else first
    day = (dt.date(bound.year, 3 * bound.q, calendar.monthrange(bound.year, 3 * bound.q)[1])
           if role == END else dt.date(bound.year, 3 * bound.q - 2, 1))
    return Reading(day, f"« {typed} » lu comme {day:%d/%m/%Y} (la date exacte n'est pas saisie)", warn=True)


def _day(year: int, month: int, day: int, value: object) -> dt.date:
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise _bad_date(value) from None
    _plausible(result.year, value)
    return result


def _implausible_date(value: object) -> CellError:
    typed = value.strftime("%d/%m/%Y") if isinstance(value, (dt.date, dt.datetime)) else shown(value)
    return CellError(
        "implausible_date",
        f"« {typed} » est hors de la période qu'une feuille de route peut couvrir ({MIN_YEAR}–{MAX_YEAR})",
        "Vérifiez l'année saisie (une date vide ou 00/01/1900 vient souvent d'une formule).",
    )


def _bad_date(value: object) -> CellError:
    return CellError(
        "bad_date",
        f"« {shown(value)} » n'est pas une date lisible",
        "Saisissez une date au format jj/mm/aaaa (ex. 07/03/2027) ou aaaa-mm-jj.",
    )


# --- Quarters and periods -----------------------------------------------------------------

def read_quarter(value: object, role: str = START) -> Quarter | Reading | None:
    """A quarter: exact forms, a date, or a period (module docstring) read as its first
    quarter as a start (``role`` START) and its last as an end (END)."""
    if is_blank(value):
        return None
    check_excel_error(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and MIN_YEAR <= value <= MAX_YEAR \
            and value == int(value):
        year = int(value)  # a year Excel stored as a number
        quarter = Quarter(year, 4 if role == END else 1)
        return Reading(quarter, f"« {year} » lu comme {quarter} ({'dernier' if role == END else 'premier'} "
                                "trimestre de l'année)")
    if isinstance(value, (dt.date, dt.datetime)) or (
        isinstance(value, (int, float)) and not isinstance(value, bool)
    ):
        try:
            day = read_date(value)
        except CellError as err:
            raise (err if err.code == "implausible_date" else _bad_quarter(value)) from None
        assert isinstance(day, dt.date)
        return _quarter_of(day)
    typed = shown(value)
    one = _exact_quarter(typed, value)
    if one is not None:
        return one[0]
    text = normalize(typed)
    for exact in (_DATE_ISO, _DATE_FR):
        if exact.match(text):
            try:
                day = read_date(text)
            except CellError as err:
                raise (err if err.code == "implausible_date" else _bad_quarter(value)) from None
            assert isinstance(day, dt.date)
            return _quarter_of(day)
    period = _period(text, value)
    if period is None:
        try:
            day = read_date(value)
        except CellError as err:
            raise (err if err.code == "implausible_date" else _bad_quarter(value)) from None
        quarter = _quarter_of(day.value if isinstance(day, Reading) else day)  # type: ignore[arg-type]
        return Reading(quarter, f"« {typed} » lu comme {quarter}")
    first, last = period
    quarter = last if role == END else first
    return Reading(quarter, f"« {typed} » lu comme {quarter}")


def _exact_quarter(typed: str, value: object) -> tuple[Quarter, Quarter] | None:
    """« 2027-T3 », « T3 2027 » as a period of one quarter, or None."""
    upper = typed.upper()
    for i, pattern in enumerate(_QUARTER_EXACT):
        m = pattern.match(upper)
        if m:
            year_text, q_text = (m.group(1), m.group(2)) if i == 0 else (m.group(2), m.group(1))
            quarter = Quarter(_plausible(int(year_text), value), int(q_text))
            return quarter, quarter
    return None


def _period(text: str, value: object) -> tuple[Quarter, Quarter] | None:
    """The first and last quarter of a period typed in words, or None."""
    m = _QUARTER_WORDS.match(text)
    if m:
        q = Quarter(_plausible(int(m.group("year")), value), _ORDINALS[m.group("n")])
        return q, q
    m = _SEMESTER.match(text)
    if m:
        half = int(m.group("s")) if m.group("s") else _ORDINALS[m.group("n")]
        if half not in (1, 2):
            return None
        year = _plausible(int(m.group("year")), value)
        return Quarter(year, 2 * half - 1), Quarter(year, 2 * half)
    m = _MONTH_YEAR_DIGITS.match(text)
    if m:
        month, year = int(m.group("m1") or m.group("m2")), int(m.group("y1") or m.group("y2"))
        if 1 <= month <= 12:
            q = Quarter(_plausible(year, value), (month - 1) // 3 + 1)
            return q, q
    m = _EDGE_MONTH_YEAR.match(text)
    if m:
        q = Quarter(_plausible(int(m.group("year")), value), (MONTHS[m.group("month")] - 1) // 3 + 1)
        return q, q
    m = _YEAR_PART.match(text)
    if m:
        year = _plausible(int(m.group("year")), value)
        first, last = _PARTS[m.group("part")]
        return Quarter(year, first), Quarter(year, last)
    return None


def _bad_quarter(value: object) -> CellError:
    return CellError(
        "bad_quarter",
        f"« {shown(value)} » n'est pas un trimestre lisible",
        "Saisissez un trimestre comme 2027-T3 (ou T3 2027, « sept. 2027 », « S2 2027 », « fin 2027 », une date).",
    )


# --- Years ---------------------------------------------------------------------------------

def read_year(value: object, role: str = END) -> int | Reading | None:
    """A year; a date or a period (« fin 2029 », « sept. 2028 », « 2029-T4 ») read as its
    year, with a note."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
            and abs(value) != float("inf") and value == int(value) and MIN_YEAR <= value <= MAX_YEAR:
        return int(value)
    if is_blank(value):
        return None
    check_excel_error(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return Reading(value.year, f"« {value:%d/%m/%Y} » lu comme {value.year}")
    exact = integer_between(value, MIN_YEAR, MAX_YEAR)
    if exact is not None:
        return exact
    if isinstance(value, str):
        try:
            quarter = read_quarter(value, role)
        except CellError:
            quarter = None
        if quarter is not None:
            found = quarter.value if isinstance(quarter, Reading) else quarter
            assert isinstance(found, Quarter)
            return Reading(found.year, f"« {shown(value)} » lu comme {found.year}")
    raise CellError(
        "bad_year",
        f"« {shown(value)} » n'est pas une année lisible",
        f"Saisissez une année sur quatre chiffres, entre {MIN_YEAR} et {MAX_YEAR}.",
    )
