"""French formats for messages and documents (Babel, locale fr_FR).

« 250 000 € » with a narrow no-break space between thousands, « 27 mars 2027 »,
« 12,5 k€ », « 4,5 j-h ».
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"
Number = int | float | Decimal | Fraction


def _dec(value: Number) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return value if isinstance(value, Decimal) else Decimal(str(value))


def euros(value: Number) -> str:
    return format_currency(_dec(value).quantize(Decimal(1)), "EUR",
                           format="#,##0\u00a0¤", locale=LOCALE, currency_digits=False)


def keuros(value: Number) -> str:
    """Amounts in tables: « 412 k€ », « 12,5 k€ »."""
    k = _dec(value) / 1000
    return format_decimal(k, format="#,##0.#", locale=LOCALE) + "\u00a0k€"


def number(value: Number, digits: int = 1) -> str:
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(_dec(value), format=pattern, locale=LOCALE)


def days(value: Number) -> str:
    return number(value, 1) + "\u00a0j-h"


def percent(ratio: Number) -> str:
    return format_decimal(_dec(ratio) * 100, format="#,##0", locale=LOCALE) + "\u00a0%"


def long_date(value: dt.date) -> str:
    """« 27 mars 2027 », and « 1er mars 2027 » as French writes the first of the month."""
    text = format_date(value, format="d MMMM y", locale=LOCALE)
    return text.replace("1 ", "1er ", 1) if value.day == 1 else text


def short_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 action », « 3 actions », « 0 action » (French: 0 and 1 are singular)."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{count} {word}"
