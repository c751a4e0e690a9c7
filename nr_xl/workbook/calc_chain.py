"""Keep xl/calcChain.xml true when nr_xl clears formula cells.

Excel's calculation chain lists every formula cell; an entry for a cell that
no longer holds a formula makes Excel report the file as corrupt and repair it.
"""

from __future__ import annotations

from lxml import etree

from nr_xl.sources.ooxml import NS, PARSER

PART = "xl/calcChain.xml"
CONTENT_TYPES = "[Content_Types].xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def without(parts: dict[str, bytes], cleared: set[tuple[str, str]]) -> dict[str, bytes | None]:
    """Parts to replace (None: remove) so the chain drops ``cleared`` (sheetId, cell ref)."""
    if not cleared or PART not in parts:
        return {}
    root = etree.fromstring(parts[PART], PARSER)
    sheet = ""
    kept = 0
    for entry in list(root):
        # An entry without i belongs to the sheet of the entry before it.
        sheet = entry.get("i", sheet)
        entry.set("i", sheet)
        if (sheet, entry.get("r", "")) in cleared:
            root.remove(entry)
        else:
            kept += 1
    if kept:
        return {PART: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)}
    # An empty chain is invalid: Excel rebuilds a missing one, so the part goes.
    out: dict[str, bytes | None] = {PART: None}
    types = etree.fromstring(parts[CONTENT_TYPES], PARSER)
    for override in types.iter(f"{{{_TYPES_NS}}}Override"):
        if override.get("PartName") == "/" + PART:
            types.remove(override)
    out[CONTENT_TYPES] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    if WORKBOOK_RELS in parts:
        rels = etree.fromstring(parts[WORKBOOK_RELS], PARSER)
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Target", "").lstrip("/").removeprefix("xl/") == "calcChain.xml":
                rels.remove(rel)
        out[WORKBOOK_RELS] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def sheet_ids(workbook_xml: bytes) -> dict[str, str]:
    root = etree.fromstring(workbook_xml, PARSER)
    return {s.get("name"): s.get("sheetId", "") for s in root.iter(f"{{{NS}}}sheet")}
