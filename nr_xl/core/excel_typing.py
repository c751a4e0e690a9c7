"""What Excel keeps of a string it is given (pure).

Excel re-types a string typed in a cell or written through COM, AppleScript or
Office.js: « 01 » becomes the number 1, « 1.10 » 1.1, « 50 % » 0.5,
« 07/03/2027 » a date (xlwings issues #36 and #2247). The ribbon therefore
sends every string with Excel's text prefix; the journal's hash chain compares
values through ``canonical_text`` so that a value Excel re-typed anyway (a cell
retyped by hand, an older workbook, another spreadsheet) hashes like the text
nr_xl wrote. ``stored_value`` is also the model of Excel the macro tests replay
writes through.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

_SPACES = "[ \u00a0\u202f]"
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")
_GROUPED = re.compile(rf"^[+-]?\d{{1,3}}(?:{_SPACES}\d{{3}})+(?:[.,]\d+)?$")
_PERCENT = re.compile(rf"^(.+?){_SPACES}?%$")
_DATE_FR = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})"
                      r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")
# Every number, percentage or date Excel recognises starts with one of these.
_MAY_RETYPE = frozenset("0123456789+-.,'")


def _number(text: str) -> float | None:
    if _NUMBER.match(text) or _GROUPED.match(text):
        cleaned = re.sub(_SPACES, "", text).replace(",", ".")
        try:
            return float(cleaned)
        except ValueError:
            return None
    return None


def _moment(parts: tuple[str | None, ...], day_first: bool) -> dt.datetime | None:
    a, b, c, hour, minute, second = parts
    day, month, year = (int(a), int(b), int(c)) if day_first else (int(c), int(b), int(a))  # type: ignore[arg-type]
    try:
        return dt.datetime(year, month, day, int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None  # 31/02/2027 is not a date: Excel keeps the text


def stored_value(text: str, today: dt.date | None = None) -> object:
    """The value Excel stores for ``text`` in a cell with the General format
    (a French-locale Excel, accepting either decimal separator).

    A leading apostrophe is Excel's text prefix: the rest is kept as text.
    ``today`` gives the year of a day/month date (« 1/2 »); without it such a
    text is kept.
    """
    if text.startswith("'"):
        return text[1:]
    stripped = text.strip()
    if not stripped or stripped.startswith("="):
        return text
    number = _number(stripped)
    if number is not None:
        return number
    percent = _PERCENT.match(stripped)
    if percent and (value := _number(percent.group(1).strip())) is not None:
        return value / 100
    for pattern, day_first in ((_DATE_FR, True), (_DATE_ISO, False)):
        m = pattern.match(stripped)
        if m:
            moment = _moment(m.groups(), day_first)
            if moment is None:
                return text
            return moment if moment.time() != dt.time() or m.group(4) else moment.date()
    m = _DAY_MONTH.match(stripped)
    if m and today is not None:
        try:
            return dt.date(today.year, int(m.group(2)), int(m.group(1)))
        except ValueError:
            return text
    return text


@functools.lru_cache(maxsize=4096)
def _canonical_of_text(text: str) -> str:
    """Cached: a journal repeats its timestamps and many of its values."""
    value = stored_value(text)
    return " ".join(value.split()) if isinstance(value, str) else canonical_text(value)


def canonical_text(value: object) -> str:
    """One text for a value whether Excel kept it as text or re-typed it."""
    if type(value) is str:
        stripped = value.strip()
        if not stripped or (stripped[0] not in _MAY_RETYPE and not stripped.endswith("%")):
            return " ".join(stripped.split())  # most cells: text Excel keeps as it is
        if stripped.isascii() and stripped.isdigit() and len(stripped) < 16:
            return str(int(stripped))  # a whole number: « 0150 » and 150 alike
        return _canonical_of_text(stripped)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, (int, float)):
        number = float(value)
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())
