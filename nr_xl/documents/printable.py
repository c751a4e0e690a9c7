"""What a Word or PowerPoint file can hold of a cell's text (pure).

A cell can hold what an XML document cannot: a control character (an Excel or SharePoint
export writes « _x0007_ », which the readers decode), a lone surrogate. python-docx and
python-pptx refuse such text with an English error; the document drops the character
instead, as Word does when it opens such a file. Core properties (title, subject,
author) hold at most 255 characters.
"""

from __future__ import annotations

import re
from typing import Any

# XML 1.0 allows tab, line feed and carriage return among the C0 controls, no surrogate,
# and neither U+FFFE nor U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
PROPERTY_LIMIT = 255


def printable(text: str) -> str:
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def printable_tree(value: Any) -> Any:
    """``value`` with ``printable`` applied to every text of its dicts, lists and tuples
    (a document's context); other objects (pictures, numbers, dates) are kept as they are."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: printable_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [printable_tree(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(printable_tree(v) for v in value)
    return value


def property_text(text: str) -> str:
    """A core property's value: printable, cut to 255 characters (an ellipsis shows the cut)."""
    text = printable(text or "")
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1] + "…"
