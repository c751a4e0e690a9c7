"""Excel's « quote prefix » for text that Excel would otherwise turn into a formula.

Text nr_xl writes is an inline string, text for Excel whatever it starts with;
but a user who presses F2 then Enter on « =SOMME(A1) » or « -20 % » re-types
it, and Excel then makes it a formula or a number. A cell format with
quotePrefix="1" is Excel's own guard (the hidden apostrophe), so text starting
with one of these characters gets a copy of its cell format with that flag.
"""

from __future__ import annotations

import copy

from lxml import etree

from nr_xl.sources.ooxml import NS, PARSER

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def needs_quote(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


class QuoteStyles:
    """Adds (once) a quote-prefixed twin of each cell format that needs one."""

    def __init__(self, styles_xml: bytes) -> None:
        self._xml = styles_xml
        self._root: etree._Element | None = None
        self._twins: dict[int, int] = {}
        self.changed = False

    def _cell_xfs(self) -> etree._Element | None:
        if self._root is None:
            if not self._xml:
                return None
            self._root = etree.fromstring(self._xml, PARSER)
        return self._root.find(f"{{{NS}}}cellXfs")

    def twin(self, style: int) -> int:
        """Index of the format ``style`` with quotePrefix="1" (the same if it has it already)."""
        if style in self._twins:
            return self._twins[style]
        cell_xfs = self._cell_xfs()
        if cell_xfs is None:
            return style
        xfs = list(cell_xfs.iter(f"{{{NS}}}xf"))
        if style >= len(xfs) or xfs[style].get("quotePrefix") == "1":
            self._twins[style] = style
            return style
        wanted = copy.deepcopy(xfs[style])
        wanted.set("quotePrefix", "1")
        key = etree.tostring(wanted, method="c14n")
        # Reuse a twin added by an earlier write: the styles part must not grow at every write.
        index = next((i for i, xf in enumerate(xfs) if etree.tostring(xf, method="c14n") == key), None)
        if index is None:
            cell_xfs.append(wanted)
            cell_xfs.set("count", str(len(xfs) + 1))
            index = len(xfs)
            self.changed = True
        self._twins[style] = index
        return index

    def xml(self) -> bytes:
        assert self._root is not None
        return etree.tostring(self._root, xml_declaration=True, encoding="UTF-8", standalone=True)
