"""What a user typed on the sheets nr_xl owns, so a write keeps it where it is.

On « Contrôles » and « Journal » nr_xl owns its table's own columns and the
cells it styles with its named styles (the status block, the labels). Anything
else (a note under the table, a column added to the table, a user's own
table, a formula) belongs to the user: the writer keeps it cell for cell, or
refuses to write when its new content would land on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from nr_xl.sources.ooxml import NS, PARSER
from nr_xl.core.schema import normalize
from nr_xl.core.tables import column_index
from nr_xl.core.ownership import clashes, inside
from nr_xl.core.ownership import describe as describe_texts

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


def nr_styles(styles_xml: bytes) -> set[int]:
    """Indices of the cell formats built on nr_xl's named styles (nr_…)."""
    if not styles_xml:
        return set()
    root = etree.fromstring(styles_xml, PARSER)
    ids = {s.get("xfId") for s in root.iter(_q("cellStyle")) if (s.get("name") or "").startswith("nr_")}
    cell_xfs = root.find(_q("cellXfs"))
    if cell_xfs is None:
        return set()
    return {i for i, xf in enumerate(cell_xfs.iter(_q("xf"))) if xf.get("xfId") in ids}


@dataclass
class SheetSplit:
    """The old sheet's cells, split between the user's (kept) and nr_xl's (replaced)."""

    user: dict[tuple[int, int], etree._Element] = field(default_factory=dict)
    rows: dict[int, dict[str, str]] = field(default_factory=dict)  # row attributes of user rows
    cleared_formulas: list[str] = field(default_factory=list)  # refs of nr_xl's formula cells


def split(root: etree._Element, owned: TableInfo | None, headers: tuple[str, ...] | None,
          others: list[TableInfo], styles: set[int],
          zones: tuple[tuple[int, int, int, int], ...] = ()) -> SheetSplit:
    """``zones`` are where nr_xl writes outside its table, used only when another
    program has cut the link between cells and nr_xl's named styles."""
    own_columns: set[int] = set()
    if owned is not None:
        wanted = {normalize(h) for h in headers or ()}
        own_columns = {owned.box[1] + i for i, name in enumerate(owned.columns)
                       if not wanted or normalize(name) in wanted}
    result = SheetSplit()
    data = root.find(_q("sheetData"))
    if data is None:
        return result
    for row in data.iter(_q("row")):
        for cell in row.iter(_q("c")):
            pos = cell_position(cell.get("r", ""))
            if _is_nr_xl(cell, pos, owned, own_columns, others, styles) or \
                    (not styles and any(inside(pos, z) for z in zones)):
                if cell.find(_q("f")) is not None:
                    result.cleared_formulas.append(cell.get("r", ""))
                continue
            if not _has_content(cell):
                continue  # an empty formatted cell: nothing a user could lose
            result.user[pos] = cell
            result.rows[pos[0]] = {k: v for k, v in row.attrib.items() if k not in ("r", "spans")}
    return result


def _is_nr_xl(cell: etree._Element, pos: tuple[int, int], owned: TableInfo | None, own_columns: set[int],
              others: list[TableInfo], styles: set[int]) -> bool:
    if owned is not None and inside(pos, owned.box):
        return pos[1] in own_columns
    if any(inside(pos, t.box) for t in others):
        return False
    return int(cell.get("s", "0") or 0) in styles


def _has_content(cell: etree._Element) -> bool:
    return cell.find(_q("v")) is not None or cell.find(_q("f")) is not None or cell.find(_q("is")) is not None


def text_of(cell: etree._Element) -> str:
    inline = cell.find(_q("is"))
    if inline is not None:
        return "".join(inline.itertext())
    value = cell.find(_q("v"))
    return value.text or "" if value is not None else ""


def conflicts(user: dict[tuple[int, int], etree._Element], written: dict[tuple[int, int], str],
              table_box: tuple[int, int, int, int] | None, own_width: int) -> list[tuple[int, int]]:
    """User cells (XML elements) that the new content would cover (ownership.clashes)."""
    return clashes({pos: text_of(cell) for pos, cell in user.items()}, written, table_box, own_width)


def describe(sheet: str, cells: list[tuple[int, int]], user: dict[tuple[int, int], etree._Element]) -> str:
    return describe_texts(sheet, cells, {pos: text_of(user[pos]) for pos in cells[:5]})


def overlapping_tables(sheet: str, box: tuple[int, int, int, int], others: list[TableInfo]) -> str | None:
    hit = [t for t in others if not (t.box[2] < box[0] or t.box[0] > box[2]
                                     or t.box[3] < box[1] or t.box[1] > box[3])]
    if not hit:
        return None
    names = ", ".join(t.name for t in hit)
    return (f"Le tableau de nr_xl dans « {sheet} » doit s'agrandir jusqu'à la ligne {box[2]}, où se trouve "
            f"votre tableau {names}. Rien n'a été écrit. Déplacez votre tableau plus bas ou à droite, puis relancez.")
