"""French formats for messages and documents (Babel, locale fr_FR).

« 250 000 € » with a narrow no-break space between thousands, « 27 mars 2027 »,
« 12,5 k€ », « 4,5 j-h ».
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from contextlib import AbstractContextManager
from decimal import Decimal
from fractions import Fraction

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "fr_FR"
Number = int | float | Decimal | Fraction

# Parsed once: a workbook with thousands of findings formats tens of thousands of
# numbers, and Babel's format_decimal parses the locale and the pattern each time.
_FR = Locale.parse(LOCALE)
_EUROS = parse_pattern("#,##0\u00a0¤")
_INTEGER = parse_pattern("#,##0")


@functools.lru_cache(maxsize=8)
def _pattern(digits: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "#" * digits if digits else ""))


def _dec(value: Number) -> Decimal:
    if isinstance(value, Fraction):
        result = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        result = value if isinstance(value, Decimal) else Decimal(str(value))
    # A negative zero (0.0 * -1, a difference that cancels out) is zero: it equals 0 and
    # hashes alike, so the cache below would print « -0 » or « 0 » for both, depending
    # on which came first; French writes « 0 ».
    return Decimal(0) if result.is_zero() else result


# Keyed on the Decimal, whose equal values print alike (2, 2.0 and Decimal("2.00")
# give « 2 »): the same capacities and loads recur across services and quarters.
@functools.lru_cache(maxsize=4096)
def _decimal(value: Decimal, digits: int) -> str:
    with _wide():
        return _pattern(digits).apply(value, _FR)


def _wide() -> AbstractContextManager[decimal.Context]:
    """Rounding to the unit needs every digit of the integer part: Decimal's default 28
    digits give up at 10^28 (a typo in a cell, « 1e28 ») and Babel then raises."""
    return decimal.localcontext(prec=_MAX_DIGITS)


# A float's integer part has at most 309 digits (1.8e308).
_MAX_DIGITS = 400


# What is printed for a value no figure can show: infinite, not a number, or beyond any float
# (« 1e400 » typed as a text, then journalled and read back). Never a crash of a document.
OUT_OF_RANGE = "(valeur hors limites)"


def _showable(value: Decimal) -> bool:
    return value.is_finite() and value.adjusted() < _MAX_DIGITS - 90


def euros(value: Number) -> str:
    amount = _dec(value)
    if not _showable(amount):
        return OUT_OF_RANGE
    with _wide():
        return _EUROS.apply(amount.quantize(Decimal(1)), _FR, currency="EUR", currency_digits=False)


def keuros(value: Number) -> str:
    """Amounts in tables: « 412 k€ », « 12,5 k€ »."""
    amount = _dec(value)
    if not _showable(amount):
        return OUT_OF_RANGE
    return _decimal(amount / 1000, 1) + "\u00a0k€"


def number(value: Number, digits: int = 1) -> str:
    amount = _dec(value)
    return _decimal(amount, digits) if _showable(amount) else OUT_OF_RANGE


def days(value: Number) -> str:
    text = number(value, 1)
    return text if text == OUT_OF_RANGE else text + "\u00a0j-h"


def percent(ratio: Number) -> str:
    return _decimal(_dec(ratio) * 100, 0) + "\u00a0%"


def long_date(value: dt.date) -> str:
    """« 27 mars 2027 », and « 1er mars 2027 » as French writes the first of the month."""
    text = format_date(value, format="d MMMM y", locale=LOCALE)
    return text.replace("1 ", "1er ", 1) if value.day == 1 else text


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 action », « 3 actions », « 0 action » (French: 0 and 1 are singular)."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{number(count, 0)} {word}"  # « 1 188 services », as French writes thousands


def quantity(value: Number, unit: str | None) -> str:
    """An indicator's value with its unit: « 25 % », « 7 ans » (never « 7 années »), « 200 kg CO2e »."""
    text = number(value, 2)
    u = (unit or "").strip()
    if not u:
        return text
    if u == "%":
        return f"{text}\u00a0%"
    if u.casefold() in ("année", "années", "annee", "annees", "an", "ans"):
        u = "an" if abs(_dec(value)) < 2 else "ans"
    return f"{text}\u00a0{u}"
