"""French typography for the texts a reader sees (pure): one function, ``french``.

What official French documents expect, applied to text already worded (by the
catalogue, the context helpers or a user's cell):

- a no-break space before « : » and inside « guillemets », a narrow no-break space
  before « ; ! ? » (only where the sign ends a phrase: « P1;P3 », « 14:30 » or
  « https:// » are left alone);
- a no-break space before € and % (« 12 € », « 25 % », « 1,2 M€ »);
- thousands grouped by a narrow no-break space in amounts and counts of five digits
  or more (« 118 400 habitants »), and of four before a currency or a percent sign
  (« 1 500 € »); years, identifiers (« 2023-266 », « B3.1 »), decimals already
  grouped and postcodes (« 59000 Orvane ») are left alone;
- « n° » with a no-break space before its number, and a date kept on one line
  (« 15 décembre 2026 »);
- ordinals written 1er, 1re, 2e (not « 2ème », « 2è », « 1ère »);
- typographic apostrophes and ellipsis.

``french`` is idempotent: applying it twice gives the text of applying it once.
"""

from __future__ import annotations

import functools
import re

from nr_xl.documents.printable import printable

NBSP = "\u00a0"  # espace insécable
NNBSP = "\u202f"  # espace fine insécable

_SPACES = f"[ {NBSP}{NNBSP}\t]"
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_ELLIPSIS = re.compile(r"\.\.\.(?!\.)")
_ORDINAL = re.compile(r"(?<![\w.,])(\d+)\s?(?:ième|ieme|ème|eme|è)(?!\w)")
_FIRST_FEMININE = re.compile(r"(?<![\w.,])1\s?(?:ère|ere)(?!\w)")
_NUMERO = re.compile(rf"\b([nN])[°º]{_SPACES}*(?=\d)")
_OPEN_QUOTE = re.compile(rf"«{_SPACES}*")
_CLOSE_QUOTE = re.compile(rf"{_SPACES}*»")
# A sign that ends a phrase: followed by a space, a closing mark or the end of the text.
_END = rf"(?=[\s{NBSP}{NNBSP}»)\];:!?]|$)"
_HIGH_SIGN = re.compile(rf"(?<=[^\s{NBSP}{NNBSP}]){_SPACES}*([;!?]){_END}")
_COLON = re.compile(rf"(?<=[^\s{NBSP}{NNBSP}:]){_SPACES}*:{_END}")
_UNIT = re.compile(rf"(\d){_SPACES}?([kM]?€|%)")
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")
_DATE = re.compile(rf"\b(\d{{1,2}}(?:er)?){_SPACES}({'|'.join(_MONTHS)}){_SPACES}(?=\d{{4}}\b)")
_NUMBER = re.compile(r"(?<![\w.,/\-\u00a0\u202f°])(\d{4,})(?=(,\d+)?)(?![\d\w])")


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return NNBSP.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def _thousands(match: re.Match[str]) -> str:
    digits = match.group(1)
    rest = match.string[match.end():]
    if rest[:1] == "," and rest[1:2].isdigit():  # a decimal: « 12345,5 » -> « 12 345,5 »
        rest = rest.lstrip(",0123456789")
    after = rest.lstrip(f" {NBSP}{NNBSP}")
    before = match.string[:match.start()].rstrip(f" {NBSP}{NNBSP}")
    if before[-2:].casefold() in ("n°", "nº"):
        return digits  # a number, not a quantity (« délibération n° 20240012 »)
    if rest[:1] == "-":
        return digits  # an identifier (« décret 2023-266 »)
    money = bool(re.match(r"[kM]?€|%", after))
    if len(digits) == 4 and not money:
        return digits  # a year (« 2027 »), or a four-digit count French writes as is
    if not money and rest[:1] in (" ", NBSP, NNBSP) and after[:1].isupper():
        return digits  # a postcode before its town (« 59000 Orvane »)
    return _group(digits)


@functools.lru_cache(maxsize=16384)
def french(text: str) -> str:
    """``text`` with French typography (see the module's docstring), without the characters
    a document cannot hold (``printable.py``)."""
    if not text:
        return text
    text = printable(text)
    text = _APOSTROPHE.sub("\u2019", text)
    text = _ELLIPSIS.sub("…", text)
    text = _FIRST_FEMININE.sub("1re", text)
    text = _ORDINAL.sub(r"\1e", text)
    text = _NUMERO.sub(lambda m: f"{m.group(1)}°{NBSP}", text)
    text = _DATE.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}{NBSP}", text)
    text = _OPEN_QUOTE.sub(f"«{NBSP}", text)
    text = _CLOSE_QUOTE.sub(f"{NBSP}»", text)
    text = _HIGH_SIGN.sub(lambda m: NNBSP + m.group(1), text)
    text = _COLON.sub(NBSP + ":", text)
    text = _NUMBER.sub(_thousands, text)
    text = _UNIT.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", text)
    return text


# An ordinal as ``french`` writes it (« 1er », « 1re », « 2e »): its suffix is set in superscript.
ORDINAL_SUFFIX = re.compile(r"(?<![\w.,])(\d+)(er|re|e)(?!\w)")


def superscript_pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut where an ordinal's suffix is to be set in superscript: (piece, superscript)."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in ORDINAL_SUFFIX.finditer(text):
        pieces.append((text[position:match.start(2)], False))
        pieces.append((match.group(2), True))
        position = match.end()
    pieces.append((text[position:], False))
    return [p for p in pieces if p[0]]
