"""Date cells python-calamine cannot turn into a date without crashing.

A number in a cell formatted as a date or a time is a serial day count; calamine converts
it with chrono, which panics (a Rust panic, printed on standard error before Python sees
it) past about 10^11 days either way. A sheet holding such a cell is read another way
(``calamine_source``): found here first, from the sheet's XML, so that the panic never happens.
"""

from __future__ import annotations

import re

from lxml import etree

from nr_xl.sources.ooxml import PARSER

# Far beyond any date (10^10 days is 27 million years), far below where chrono gives up.
LIMIT = 1e10
# Excel's built-in date and time formats (ECMA-376 18.8.30).
_BUILTIN_DATES = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
# A number written with 11 digits or more before its point, or with an exponent of 10 or more:
# found in C over the whole sheet, so that a sheet without one costs nothing more.
_BIG = re.compile(rb"<v>\s*-?(?:\d{11,}|[\d.]+[eE]\+?\d{2,})")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTR = re.compile(rb'\b(s|t)="([^"]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
# Quoted text, escapes and [colour] / [$-40C] sections say nothing of a date.
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_date_format(code: str) -> bool:
    return bool(re.search(r"[dmyhs]", _LITERAL.sub("", code).lower()))


def date_styles(styles_xml: bytes) -> frozenset[int]:
    """Indexes of the cell formats (cellXfs) that show a number as a date or a time."""
    if not styles_xml:
        return frozenset()
    try:
        root = etree.fromstring(styles_xml, PARSER)
    except etree.XMLSyntaxError:
        return frozenset()
    ns = etree.QName(root).namespace  # the transitional or the strict dialect
    custom = {int(f.get("numFmtId", "-1")): f.get("formatCode", "") for f in root.iter(f"{{{ns}}}numFmt")
              if (f.get("numFmtId") or "").isdigit()}
    xfs = root.find(f"{{{ns}}}cellXfs")
    found = set()
    for index, xf in enumerate(xfs if xfs is not None else ()):
        fmt = int(xf.get("numFmtId", "0")) if (xf.get("numFmtId") or "0").isdigit() else 0
        if fmt in _BUILTIN_DATES or (fmt in custom and is_date_format(custom[fmt])):
            found.add(index)
    return frozenset(found)


def has_unconvertible_dates(sheet_xml: bytes, styles: frozenset[int]) -> bool:
    """True when a number cell of a date or time format holds a serial beyond ``LIMIT``."""
    if not styles or _BIG.search(sheet_xml) is None:
        return False
    for attrs, inner in _CELL.findall(sheet_xml):
        if not inner or b"<v>" not in inner:
            continue
        found = dict(_ATTR.findall(attrs))
        if found.get(b"t", b"n") != b"n" or not found.get(b"s", b"").isdigit():
            continue
        if int(found[b"s"]) not in styles:
            continue
        value = _VALUE.search(inner)
        try:
            if value is not None and abs(float(value.group(1))) >= LIMIT:
                return True
        except ValueError:
            continue
    return False
