"""Text as a cell stores it in OOXML (ST_Xstring, ECMA-376 Part 1 §22.4.2.4).

« _xHHHH_ » in a cell's text is an escaped character (« _x000D_ » is a carriage return),
so a literal one, which Excel or SharePoint exports leave in pasted text, is stored with its
« _ » escaped (« _x005F_x000D_ »), as Excel stores it. Unescaped, it would come back as a
control character, and a journal row holding it would no longer match its Empreinte.
Only a lower-case « x » opens an escape (Excel and calamine read « _X0041_ » as it is).
"""

from __future__ import annotations

import re

# Every « _ » that opens something shaped like an escape, overlapping ones included
# (« _x0001_x0002_ »: the « _ » closing the first opens the second once the first is literal).
_OPENS_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def escape(text: str) -> str:
    """``text`` as a cell stores it: read back (``unescape``), it is ``text`` again."""
    return _OPENS_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def unescape(text: str) -> str:
    """The text a cell shows, from what it stores (left to right, as Excel reads it)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text
