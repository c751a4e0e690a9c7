"""Small, safe helpers over the parts of an .xlsx/.xlsm package."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable

from lxml import etree

from nr_xl.core.tables import column_index

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Never resolves entities nor reaches the network: hostile XML stays inert.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def rels_of(part: str) -> str:
    folder, file = posixpath.split(part)
    return posixpath.join(folder, "_rels", file + ".rels")


def resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def relationships(xml: bytes) -> list[tuple[str, str, str]]:
    """(Id, Type, Target) of a .rels part."""
    root = etree.fromstring(xml, PARSER)
    return [(r.get("Id"), r.get("Type"), r.get("Target"))
            for r in root.iter(f"{{{PKG_REL_NS}}}Relationship")]


def sheet_parts(read: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name -> part path, from xl/workbook.xml and its relationships."""
    workbook = etree.fromstring(read("xl/workbook.xml"), PARSER)
    targets = {rid: target for rid, _, target in relationships(read(rels_of("xl/workbook.xml")))}
    result = {}
    for sheet in workbook.iter(f"{{{NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL_NS}}}id"))
        if target:
            result[sheet.get("name")] = resolve("xl/workbook.xml", target)
    return result


def table_ranges(read: Callable[[str], bytes], names: list[str]) -> dict[str, str]:
    """Excel table name -> its range ("A1:K12"), for every table of the package."""
    ranges = {}
    for name in names:
        if name.startswith("xl/tables/") and name.endswith(".xml"):
            root = etree.fromstring(read(name), PARSER)
            ranges[root.get("displayName") or root.get("name") or ""] = root.get("ref", "")
    return ranges


_ERROR_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bt="e"[^>]*>(.*?)</c>', re.S)
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def error_cells(zf: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(row, col) 0-based -> Excel error text, for cells of type error.

    python-calamine reads these cells as empty; a #REF! must not pass as a blank.
    """
    xml = zf.read(part)
    if b't="e"' not in xml:
        return {}
    found = {}
    for letters, row, inner in _ERROR_CELL.findall(xml):
        value = _VALUE.search(inner)
        found[(int(row) - 1, column_index(letters.decode()))] = value.group(1).decode() if value else "#N/A"
    return found
