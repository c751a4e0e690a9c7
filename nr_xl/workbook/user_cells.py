"""The XML side of ``core/ownership.py``: a sheet's cells read from its XML, shared
between nr_xl and the user by that one plan, and the user's cells kept as elements so
the writer puts them back cell for cell."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from nr_xl.core import ownership
from nr_xl.core.tables import column_index
from nr_xl.sources.ooxml import NS, PARSER
from nr_xl.workbook.xstring import unescape

_REF = re.compile(r"([A-Z]+)(\d+)")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def cell_position(ref: str) -> tuple[int, int]:
    """"B7" -> (7, 2), 1-based."""
    m = _REF.fullmatch(ref or "")
    if m is None:
        return (0, 0)
    return int(m.group(2)), column_index(m.group(1)) + 1


def area(ref: str) -> tuple[int, int, int, int]:
    """"A1:K12" -> (first row, first col, last row, last col), 1-based."""
    start, _, end = ref.partition(":")
    r1, c1 = cell_position(start)
    r2, c2 = cell_position(end or start)
    return r1, c1, r2, c2


@dataclass(frozen=True)
class TableInfo:
    part: str
    name: str
    box: tuple[int, int, int, int]
    columns: tuple[str, ...]


def table_info(part: str, xml: bytes) -> TableInfo:
    root = etree.fromstring(xml, PARSER)
    columns = root.find(_q("tableColumns"))
    names = tuple(c.get("name", "") for c in columns) if columns is not None else ()
    return TableInfo(part, root.get("displayName") or root.get("name") or "",
                     area(root.get("ref", "A1:A2")), names)


def shared_strings(xml: bytes) -> list[str]:
    """The workbook's shared strings, in order (Excel stores a sheet's texts there once it saves it)."""
    if not xml:
        return []
    root = etree.fromstring(xml, PARSER)
    return [unescape("".join(t.text or "" for t in si.iter(_q("t")))) for si in root.iter(_q("si"))]


@dataclass
class SheetSplit:
    """The old sheet's cells, split between the user's (kept) and nr_xl's (replaced)."""

    cells: ownership.SheetCells
    found: ownership.Split
    user: dict[tuple[int, int], etree._Element] = field(default_factory=dict)
    rows: dict[int, dict[str, str]] = field(default_factory=dict)  # row attributes of user rows
    cleared_formulas: list[str] = field(default_factory=list)  # refs of nr_xl's formula cells


def split(root: etree._Element, sheet: str, owned: TableInfo | None, headers: tuple[str, ...] | None,
          others: list[TableInfo], shared: list[str]) -> SheetSplit:
    """The sheet's cells shared between nr_xl and the user, by ``ownership.split``."""
    filled: dict[tuple[int, int], object] = {}
    elements: dict[tuple[int, int], etree._Element] = {}
    row_of: dict[tuple[int, int], etree._Element] = {}
    data = root.find(_q("sheetData"))
    for row in data.iter(_q("row")) if data is not None else ():
        for cell in row.iter(_q("c")):
            if not _has_content(cell):
                continue  # an empty formatted cell: nothing a user could lose
            pos = cell_position(cell.get("r", ""))
            filled[pos], elements[pos], row_of[pos] = _value(cell, shared), cell, row
    cells = ownership.SheetCells(sheet, filled, owned.box if owned else None, headers or (),
                                 tuple((t.name, t.box) for t in others))
    found = ownership.split(cells)
    result = SheetSplit(cells, found)
    for pos, cell in elements.items():
        if pos in found.owned:
            if cell.find(_q("f")) is not None:
                result.cleared_formulas.append(cell.get("r", ""))
            continue
        result.user[pos] = cell
        result.rows[pos[0]] = {k: v for k, v in row_of[pos].attrib.items() if k not in ("r", "spans")}
    return result


def _value(cell: etree._Element, shared: list[str]) -> object:
    """A cell's value as Excel shows it: its text, its number, or its formula's text when
    it holds no value (a formula showing nothing)."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(_q("is"))
        return unescape("".join(inline.itertext())) if inline is not None else ""
    value = cell.find(_q("v"))
    text = value.text or "" if value is not None else ""
    if value is None:
        formula = cell.find(_q("f"))
        return "=" + (formula.text or "") if formula is not None else ""
    if kind == "s":
        try:
            return shared[int(text)]
        except (ValueError, IndexError):
            return text
    if kind == "n":
        try:
            return float(text)
        except ValueError:
            return text
    return text


def _has_content(cell: etree._Element) -> bool:
    return cell.find(_q("v")) is not None or cell.find(_q("f")) is not None or cell.find(_q("is")) is not None
