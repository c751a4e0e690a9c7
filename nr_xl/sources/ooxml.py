"""Small, safe helpers over the parts of an .xlsx/.xlsm package."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from nr_xl.core.locate import SheetFound
from nr_xl.core.tables import column_index

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

# « Strict Open XML » (Excel's other .xlsx format) spells the same elements in other namespaces.
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"

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


def is_strict(workbook_xml: bytes) -> bool:
    """True for a workbook saved as « Strict Open XML »."""
    return etree.QName(etree.fromstring(workbook_xml, PARSER)).namespace == STRICT_NS


def sheet_parts(read: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name -> part path, from xl/workbook.xml and its relationships (either dialect)."""
    workbook = etree.fromstring(read("xl/workbook.xml"), PARSER)
    targets = {rid: target for rid, _, target in relationships(read(rels_of("xl/workbook.xml")))}
    result = {}
    for ns, rel_ns in ((NS, REL_NS), (STRICT_NS, STRICT_REL_NS)):
        for sheet in workbook.iter(f"{{{ns}}}sheet"):
            target = targets.get(sheet.get(f"{{{rel_ns}}}id"))
            if target and sheet.get("name") is not None:
                result[sheet.get("name")] = resolve("xl/workbook.xml", target)
    return result


TABLE_REL = REL_NS + "/table"
TABLE_RELS = frozenset({TABLE_REL, STRICT_REL_NS + "/table"})


@dataclass(frozen=True)
class TablePart:
    name: str
    part: str
    ref: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class PackageSheet:
    """A sheet of the package: its tab name, its part, its VBA code name and its tables."""

    name: str
    part: str
    code_name: str | None
    tables: tuple[TablePart, ...]

    @property
    def found(self) -> SheetFound:
        return SheetFound(self.name, self.code_name, tuple(t.name for t in self.tables))


# The code name sits on <sheetPr>, the first child of <worksheet>: the head of the part holds it.
_CODE_NAME = re.compile(rb"<(?:[\w.-]+:)?sheetPr\b[^>]*?\bcodeName=\"([^\"]*)\"")
HEAD_BYTES = 8192


def table_part(part: str, xml: bytes) -> TablePart:
    root = etree.fromstring(xml, PARSER)
    columns = root.find(f"{{{etree.QName(root).namespace}}}tableColumns")
    names = tuple(c.get("name", "") for c in columns) if columns is not None else ()
    return TablePart(root.get("displayName") or root.get("name") or "", part, root.get("ref", ""), names)


def package_sheets(read: Callable[[str], bytes], exists: Callable[[str], bool],
                   head: Callable[[str], bytes] | None = None) -> list[PackageSheet]:
    """Every sheet of the package, in tab order. ``head`` reads the first bytes of a part
    (the code name is there), so that a large sheet is not inflated to be named."""
    head = head or read
    sheets = []
    for name, part in sheet_parts(read).items():
        if not exists(part):
            continue
        match = _CODE_NAME.search(head(part)[:HEAD_BYTES])
        tables: list[TablePart] = []
        if exists(rels_of(part)):
            for _, kind, target in relationships(read(rels_of(part))):
                table = resolve(part, target or "")
                if kind in TABLE_RELS and exists(table):
                    try:
                        tables.append(table_part(table, read(table)))
                    except etree.XMLSyntaxError:  # a broken table part: the sheet's rows are still read
                        continue
        sheets.append(PackageSheet(name, part, match.group(1).decode("utf-8", "replace") if match else None,
                                   tuple(tables)))
    return sheets


def zip_sheets(zf: zipfile.ZipFile) -> list[PackageSheet]:
    """``package_sheets`` of an open zip, reading only the head of each sheet part."""
    names = set(zf.namelist())

    def head(part: str) -> bytes:
        with zf.open(part) as fh:
            return fh.read(HEAD_BYTES)

    return package_sheets(zf.read, names.__contains__, head)


_ERROR_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bt="e"[^>]*>(.*?)</c>', re.S)
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """(row, col) 0-based -> Excel error text, for cells of type error of a sheet's XML.

    python-calamine reads these cells as empty; a #REF! must not pass as a blank.
    """
    if b't="e"' not in xml:
        return {}
    found = {}
    for letters, row, inner in _ERROR_CELL.findall(xml):
        value = _VALUE.search(inner)
        found[(int(row) - 1, column_index(letters.decode()))] = value.group(1).decode() if value else "#N/A"
    return found
