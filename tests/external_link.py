"""A real external link in a workbook, as Excel stores it: an externalLink part (the other
workbook's path and the values Excel last read from it), the workbook's reference to it, and
a cell whose formula reads the other workbook and keeps the last value read (« [1]Budget!C18 »)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from nr_xl.sources.ooxml import NS, PKG_REL_NS, REL_NS, rels_of, sheet_parts

LINK_REL = REL_NS + "/externalLink"
LINK_PATH_REL = REL_NS + "/externalLinkPath"
LINK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _save(path: Path, parts: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _link_part(book: str, sheet: str, ref: str, value: float) -> bytes:
    row = re.sub(r"[A-Z]+", "", ref)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<externalLink xmlns="{NS}" xmlns:r="{REL_NS}"><externalBook r:id="rId1">'
            f'<sheetNames><sheetName val="{sheet}"/></sheetNames><sheetDataSet><sheetData sheetId="0">'
            f'<row r="{row}"><cell r="{ref}"><v>{value:g}</v></cell></row></sheetData></sheetDataSet>'
            f"</externalBook></externalLink>").encode()


def _add_link(parts: dict[str, bytes], book: str, sheet: str, ref: str, value: float) -> int:
    """Add an externalLink part for ``book``; returns its index ([n] in formulas)."""
    number = 1 + sum(1 for n in parts if re.fullmatch(r"xl/externalLinks/externalLink\d+\.xml", n))
    part = f"xl/externalLinks/externalLink{number}.xml"
    parts[part] = _link_part(book, sheet, ref, value)
    parts[rels_of(part)] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                            f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{LINK_PATH_REL}" '
                            f'Target="{quote(book)}" TargetMode="External"/></Relationships>').encode()
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    rid = f"rIdLink{number}"
    etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=LINK_REL,
                     Target=f"externalLinks/externalLink{number}.xml")
    parts["xl/_rels/workbook.xml.rels"] = _xml(rels)
    workbook = etree.fromstring(parts["xl/workbook.xml"])
    refs = workbook.find(f"{{{NS}}}externalReferences")
    if refs is None:
        refs = etree.Element(f"{{{NS}}}externalReferences")
        workbook.find(f"{{{NS}}}sheets").addnext(refs)  # CT_Workbook: sheets, (functionGroups), externalReferences
    etree.SubElement(refs, f"{{{NS}}}externalReference", {f"{{{REL_NS}}}id": rid})
    parts["xl/workbook.xml"] = _xml(workbook)
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + part, ContentType=LINK_TYPE)
    parts["[Content_Types].xml"] = _xml(types)
    return number


def _set_cell(parts: dict[str, bytes], sheet: str, ref: str, formula: str | None, value: float) -> None:
    part = sheet_parts(parts.__getitem__)[sheet]
    root = etree.fromstring(parts[part])
    (cell,) = [c for c in root.iter(f"{{{NS}}}c") if c.get("r") == ref]
    style = cell.get("s")
    cell.clear()
    cell.set("r", ref)
    if style:
        cell.set("s", style)
    if formula is not None:
        etree.SubElement(cell, f"{{{NS}}}f").text = formula
    etree.SubElement(cell, f"{{{NS}}}v").text = f"{value:g}"
    parts[part] = _xml(root)


def link_cell(path: Path, sheet: str, ref: str, book: str, other_sheet: str, other_ref: str, value: float) -> None:
    """Make ``sheet``!``ref`` read ``other_ref`` of ``other_sheet`` in the workbook ``book``, Excel
    having last read ``value`` there."""
    parts = _parts(path)
    number = _add_link(parts, book, other_sheet, other_ref, value)
    _set_cell(parts, sheet, ref, f"[{number}]{other_sheet}!{other_ref}", value)
    _save(path, parts)


def refresh_links(path: Path, sheet: str, ref: str, value: float) -> None:
    """What Excel does when it updates the links on opening: the linked cell and the values
    kept from the other workbook take the new value; the formula is the same."""
    parts = _parts(path)
    part = sheet_parts(parts.__getitem__)[sheet]
    root = etree.fromstring(parts[part])
    (cell,) = [c for c in root.iter(f"{{{NS}}}c") if c.get("r") == ref]
    cell.find(f"{{{NS}}}v").text = f"{value:g}"
    parts[part] = _xml(root)
    for name in [n for n in parts if re.fullmatch(r"xl/externalLinks/externalLink\d+\.xml", n)]:
        parts[name] = re.sub(rb"<v>[^<]*</v>", f"<v>{value:g}</v>".encode(), parts[name])
    _save(path, parts)


def type_value(path: Path, sheet: str, ref: str, value: float) -> None:
    """The user replaces the link by a typed value."""
    parts = _parts(path)
    _set_cell(parts, sheet, ref, None, value)
    _save(path, parts)


def clear_value(path: Path, sheet: str, ref: str) -> None:
    """A linked cell with no value kept (a file written by a tool that never read the other workbook)."""
    parts = _parts(path)
    part = sheet_parts(parts.__getitem__)[sheet]
    root = etree.fromstring(parts[part])
    (cell,) = [c for c in root.iter(f"{{{NS}}}c") if c.get("r") == ref]
    cell.remove(cell.find(f"{{{NS}}}v"))
    parts[part] = _xml(root)
    _save(path, parts)


def link_cell_through_a_name(path: Path, sheet: str, ref: str, name: str, book: str, other_sheet: str,
                             other_ref: str, value: float) -> None:
    """Make ``sheet``!``ref`` read the defined name ``name``, which reads ``other_ref`` of
    ``other_sheet`` in the workbook ``book`` (« =BudgetDSI », the name « [1]Budget!$C$18 »)."""
    parts = _parts(path)
    number = _add_link(parts, book, other_sheet, other_ref.replace("$", ""), value)
    workbook = etree.fromstring(parts["xl/workbook.xml"])
    names = workbook.find(f"{{{NS}}}definedNames")
    if names is None:
        names = etree.Element(f"{{{NS}}}definedNames")
        workbook.find(f"{{{NS}}}externalReferences").addnext(names)
    etree.SubElement(names, f"{{{NS}}}definedName", name=name).text = f"[{number}]{other_sheet}!{other_ref}"
    parts["xl/workbook.xml"] = _xml(workbook)
    _set_cell(parts, sheet, ref, name, value)
    _save(path, parts)
