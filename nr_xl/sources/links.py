"""Which cells of a workbook file read another workbook (external links), for the journal.

Only a package that has externalLink parts is looked at; then the formulas of the sheets
asked for are read from their XML (python-calamine gives values only). A shared formula's
cells take their first cell's formula: a link there is a link in each of them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

import re

from lxml import etree

from nr_xl.core.links import base_name, external_link, external_names
from nr_xl.core.tables import column_index
from nr_xl.sources.ooxml import NS, PARSER, REL_NS, relationships, rels_of, resolve

LINK_PARTS = "xl/externalLinks/"
LINK_PATH = REL_NS + "/externalLinkPath"
_CELL, _FORMULA = f"{{{NS}}}c", f"{{{NS}}}f"
_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def external_links(zf: zipfile.ZipFile, parts: dict[str, str],
                   sheets: Iterable[str]) -> dict[str, dict[tuple[int, int], str]]:
    """sheet -> (row, col), 1-based -> its link (``core.links.external_link``), for the cells of
    ``sheets`` whose formula reads another workbook; {} for a package with no external link."""
    names = set(zf.namelist())
    if not any(n.startswith(LINK_PARTS) for n in names):
        return {}
    try:
        books = _books(zf, names)
    except (KeyError, etree.XMLSyntaxError):
        books = {}
    try:
        defined = _defined_names(zf, books)
    except (KeyError, etree.XMLSyntaxError):
        defined = {}
    out = {}
    for sheet in sheets:
        part = parts.get(sheet)
        if part is None or part not in names:
            continue
        xml = zf.read(part)
        if b"<f" not in xml or (b"[" not in xml and not defined):
            continue
        try:
            found = _linked_cells(xml, books, defined)
        except etree.XMLSyntaxError:  # what calamine read of it stays; a link is then read as a value
            continue
        if found:
            out[sheet] = found
    return out


def _books(zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """« 1 » -> « Budget DSI.xlsx »: the workbooks the formulas' « [n] » name, in the order of
    the workbook's externalReferences."""
    workbook = etree.fromstring(zf.read("xl/workbook.xml"), PARSER)
    targets = {rid: resolve("xl/workbook.xml", target)
               for rid, _, target in relationships(zf.read(rels_of("xl/workbook.xml")))}
    books = {}
    for number, reference in enumerate(workbook.iter(f"{{{NS}}}externalReference"), start=1):
        part = targets.get(reference.get(f"{{{REL_NS}}}id") or "")
        if part is None or rels_of(part) not in names:
            continue
        paths = [target for _, kind, target in relationships(zf.read(rels_of(part))) if kind == LINK_PATH]
        if paths and paths[0]:
            books[str(number)] = base_name(paths[0])
    return books


def _defined_names(zf: zipfile.ZipFile, books: dict[str, str]) -> dict[str, str]:
    """The workbook's defined names that read another workbook (core.links.external_names)."""
    workbook = etree.fromstring(zf.read("xl/workbook.xml"), PARSER)
    definitions = {node.get("name", ""): node.text or "" for node in workbook.iter(f"{{{NS}}}definedName")}
    return external_names(definitions, books)


def _linked_cells(xml: bytes, books: dict[str, str], defined: dict[str, str]) -> dict[tuple[int, int], str]:
    shared: dict[str, str] = {}
    found = {}
    for _, cell in etree.iterparse(io.BytesIO(xml), tag=_CELL, resolve_entities=False, no_network=True):
        formula = cell.find(_FORMULA)
        if formula is not None:
            text = formula.text or ""
            if formula.get("t") == "shared" and formula.get("si") is not None:
                if text:
                    shared[formula.get("si", "")] = text
                else:
                    text = shared.get(formula.get("si", ""), "")
            link = external_link(text, books, defined) if "[" in text or defined else None
            if link is not None:
                position = _position(cell.get("r", ""))
                if position is not None:
                    found[position] = link
        cell.clear()
    return found


def _position(ref: str) -> tuple[int, int] | None:
    """« C18 » -> (18, 3)."""
    m = _REF.fullmatch(ref)
    return (int(m.group(2)), column_index(m.group(1)) + 1) if m else None
