"""Which cells of the sheets nr_xl owns are nr_xl's, and which a user typed there:
one pure plan that both writers apply, the file writer (``workbook/writer.py``) and
the ribbon's (``excel/write.py``).

On « Contrôles » and « Journal » nr_xl owns its table's own columns (by header) and
rows (those that look like its own: a severity, a journal number), and the cells its
layout puts beside the table (the status block, the reason and its label, the journal's
fingerprint under its label). Anything
else (a note under or beside the table, a column added to the table, a row typed
into it, a user's own table, a formula) belongs to the user: both writers keep it
where it is, or refuse to write when the new content would land on it, saying
which cells to move. A note under nr_xl's table, in its columns, is the user's too: the
table never grows into it (the write is refused, naming it and where to move it: beside
the table, which never widens), and ``in_the_way`` lets the check say so beforehand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nr_xl.core import schema
from nr_xl.core.findings import COMPLETENESS_LABEL, GRAVITY_LABELS, STATUS_LABEL
from nr_xl.core.layout import (
    BLOCK_COL, DIMENSIONS_ROW, FEASIBILITY_LABEL, FIGURE_TITLES, FIGURE_WIDTH, FINGERPRINT_LABEL, HEAD_CELL,
    HEAD_LABEL, LEGEND, LEGEND_LINK, REASON_CELL, REASON_LABEL, SheetContent,
)
from nr_xl.core.tables import column_letter

Box = tuple[int, int, int, int]  # first row, first col, last row, last col (1-based)
Position = tuple[int, int]  # row, col (1-based)

# Single cells nr_xl writes beside its table: the label of the reason cell.
LABELS: dict[str, tuple[Position, ...]] = {schema.JOURNAL.sheet: (REASON_LABEL,)}
# The first cells of the legend's rows, in this version's block and the one before.
_LEGEND_ROWS = frozenset(STATUS_LABEL.values()) | frozenset(COMPLETENESS_LABEL.values()) | {LEGEND_LINK}
# Sheets whose every cell is nr_xl's (the very hidden reference version).
WHOLE_SHEETS = frozenset({schema.REFERENCE_SHEET.name})
# Cells a user types for nr_xl to read: the reason of the next log, which the
# Journal plan keeps until a log records it, then clears.
ALWAYS_OURS: dict[str, tuple[Position, ...]] = {schema.JOURNAL.sheet: (REASON_CELL,)}


@dataclass(frozen=True)
class SheetCells:
    """What a writer reads of a sheet nr_xl owns before writing it."""

    sheet: str
    filled: Mapping[Position, object]  # every cell holding something: its value (a formula as its text)
    table_box: Box | None = None  # nr_xl's table as the workbook has it now (None: not found)
    headers: tuple[str, ...] = ()  # nr_xl's table's headers
    other_tables: tuple[tuple[str, Box], ...] = ()  # the user's own tables on the sheet, by name


@dataclass(frozen=True)
class Split:
    """The sheet's cells shared between nr_xl and the user."""

    owned: frozenset[Position]
    user: Mapping[Position, str]  # the user's cells, as text (for the refusal's message)
    table: Box | None  # nr_xl's table as found
    own_columns: frozenset[int]  # its columns whose header is nr_xl's
    foreign_rows: frozenset[int]  # its rows typed by a user (Excel pulls a row typed under a table into it)


def split(cells: SheetCells) -> Split:
    """Who owns each filled cell of the sheet."""
    if cells.sheet in WHOLE_SHEETS:
        return Split(frozenset(cells.filled), {}, None, frozenset(), frozenset())
    filled, width = cells.filled, len(cells.headers)
    box = cells.table_box
    if box is None and width:
        box = (1, 1, rows_like_ours(filled, cells.sheet), width)
    own_columns: set[int] = set()
    foreign_rows: set[int] = set()
    if box is not None:
        own_columns = table_columns(filled, box, cells.headers)
        table_rows = {r for (r, c) in filled if box[0] < r <= box[2] and c in own_columns}
        foreign_rows = {r for r in table_rows if not looks_like_ours(cells.sheet, filled.get((r, box[1])))}
    beside = set(LABELS.get(cells.sheet, ())) | set(ALWAYS_OURS.get(cells.sheet, ()))
    if cells.sheet == schema.FINDINGS.sheet:
        beside |= status_block(filled)
    if cells.sheet == schema.JOURNAL.sheet and filled.get(HEAD_LABEL) == FINGERPRINT_LABEL:
        beside |= {HEAD_LABEL, HEAD_CELL}  # under its label, the fingerprint is nr_xl's (a note there is not)

    def nr_xl_owns(pos: Position) -> bool:
        if box is not None and inside(pos, box):
            return pos[1] in own_columns and pos[0] not in foreign_rows
        if any(inside(pos, other) for _, other in cells.other_tables):
            return False
        return pos in beside

    owned = frozenset(pos for pos in filled if nr_xl_owns(pos))  # once per cell: tens of thousands on a région
    user = {pos: cell_text(value) for pos, value in filled.items() if pos not in owned}
    return Split(owned, user, box, frozenset(own_columns), frozenset(foreign_rows))


def refusal(cells: SheetCells, found: Split, content: SheetContent) -> str | None:
    """Why ``content`` cannot be written (French, with what to do), or None: it would
    cover a user's cell, or grow nr_xl's table into one or into a user's table."""
    width = len(cells.headers)
    new_box = None
    if width:
        left = found.table[1] if found.table else 1
        new_box = (1, left, content.table_rows + 1, left + width - 1)
        hit = [name for name, other in cells.other_tables if _overlap(new_box, other)]
        if hit:
            return (f"Le tableau de nr_xl dans « {cells.sheet} » doit s'agrandir jusqu'à la ligne {new_box[2]}, où "
                    f"se trouve votre tableau {', '.join(hit)}. Rien n'a été écrit. Déplacez votre tableau plus bas "
                    "ou à droite, puis relancez.")
    # Only the positions of the user's cells can clash: the texts of the (often tens of
    # thousands of) cells written elsewhere are never needed.
    written = {(c.row, c.col): cell_text(c.value) for c in content.cells
               if c.value is not None and (c.row, c.col) in found.user}
    clash = clashes(found.user, written, new_box, width)
    if not clash:
        return None
    if new_box is not None and found.table is not None and all(
            pos[0] > found.table[2] and inside(pos, new_box) for pos in clash):
        return describe_growth(cells.sheet, clash, found.user, new_box)
    return describe(cells.sheet, clash, found.user)


def in_the_way(filled: Cells, box: Box, width: int) -> list[Position]:
    """The filled cells under nr_xl's table ``box`` and in its ``width`` columns: the user's
    (nr_xl writes nothing there), and where the table will grow as rows are added."""
    return sorted(pos for pos in filled if pos[0] > box[2] and box[1] <= pos[1] < box[1] + width)


def beside_column(box: Box, width: int, sheet: str) -> str:
    """The first column a note can move to, right of the table and of what nr_xl writes beside it."""
    taken = [c for _, c in (*LABELS.get(sheet, ()), *ALWAYS_OURS.get(sheet, ()))]
    return column_letter(max([box[1] + width - 1, *taken]))  # 0-based index of the column after


def describe_growth(sheet: str, cells: list[Position], texts: Mapping[Position, str], box: Box) -> str:
    """The refusal when nr_xl's table must grow over a user's cells under it."""
    return (f"Le tableau de nr_xl dans « {sheet} » doit s'agrandir jusqu'à la ligne {box[2]}, où se trouvent des "
            f"cellules qu'il n'a pas écrites : {cells_text(cells, texts)}. Rien n'a été écrit. Déplacez-les à droite "
            f"du tableau (colonne {beside_column(box, box[3] - box[1] + 1, sheet)} ou au-delà) ou sur une autre "
            "feuille, puis relancez : plus bas, le tableau les rattraperait.")


def cell_text(value: object) -> str:
    """A cell as text, to tell whether a user's cell already holds what nr_xl writes."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _overlap(a: Box, b: Box) -> bool:
    return not (b[2] < a[0] or b[0] > a[2] or b[3] < a[1] or b[1] > a[3])


def inside(pos: Position, box: Box) -> bool:
    return box[0] <= pos[0] <= box[2] and box[1] <= pos[1] <= box[3]


def clashes(user: Mapping[Position, str], written: Mapping[Position, str], table_box: Box | None,
            own_width: int) -> list[Position]:
    """The user's cells (position -> text) that new content would cover: written over
    (``written``: position -> text), or swallowed by nr_xl's table growing to
    ``table_box``. A cell that already holds what nr_xl writes there loses nothing."""
    out = []
    for pos in sorted(user):
        if pos in written and written[pos] == user[pos]:
            continue
        in_table = table_box is not None and inside(pos, table_box) and pos[1] < table_box[1] + own_width
        if pos in written or in_table:
            out.append(pos)
    return out


def cells_text(cells: list[Position], texts: Mapping[Position, str]) -> str:
    """« A5 (« revoir B3.1 … »), B7 et 2 autre(s) »: the first cells, with what they hold."""
    shown = []
    for pos in cells[:5]:
        text = texts.get(pos, "").strip()
        text = text if len(text) <= 40 else text[:39] + "…"
        shown.append(f"{column_letter(pos[1] - 1)}{pos[0]}" + (f" (« {text} »)" if text else ""))
    more = f" et {len(cells) - 5} autre(s)" if len(cells) > 5 else ""
    return ", ".join(shown) + more


def describe(sheet: str, cells: list[Position], texts: Mapping[Position, str]) -> str:
    """The refusal, in French: which cells, what they hold, what to do."""
    return (f"nr_xl doit écrire dans « {sheet} » là où se trouvent des cellules qu'il n'a pas écrites : "
            f"{cells_text(cells, texts)}. Rien n'a été écrit. Déplacez ces cellules plus bas, à droite ou sur "
            "une autre feuille (ou supprimez-les), puis relancez.")


Cells = Mapping[Position, object]


def table_columns(cells: Cells, box: Box, headers: tuple[str, ...]) -> set[int]:
    """Columns of the table ``box`` whose header (row ``box[0]``) is one of nr_xl's:
    a column a user inserted or added to the table is the user's."""
    wanted = {schema.normalize(h) for h in headers}
    return {c for c in range(box[1], box[3] + 1)
            if isinstance(cells.get((box[0], c)), str) and schema.normalize(str(cells[(box[0], c)])) in wanted}


def rows_like_ours(cells: Cells, sheet: str) -> int:
    """Without the Excel table's range: the last row of nr_xl's table, i.e. the header
    and the rows under it that look like nr_xl's (a severity in column A of
    « Contrôles », a number in column A of « Journal »)."""
    last = 1
    while looks_like_ours(sheet, cells.get((last + 1, 1))):
        last += 1
    return last


def looks_like_ours(sheet: str, first: object) -> bool:
    if sheet == schema.FINDINGS.sheet:
        return isinstance(first, str) and first in GRAVITY_LABELS
    if sheet == schema.JOURNAL.sheet:
        return isinstance(first, (int, float)) and not isinstance(first, bool) or \
            (isinstance(first, str) and first.strip().isdigit())
    return first is not None


def status_block(cells: Cells) -> set[Position]:
    """The cells of « Contrôles »'s status block, found where layout._status_block puts
    them and only there: the verdicts, date and counts (K1:L3 and K5:L5), the
    dimensions under their header (K:M from row 7), the legend (its title in K, then
    K:L while a row names a status), the journal's fingerprint if any (K:L), then each
    table of figures (its title in K, then six columns per row, while a row has the
    table's shape). A block written before the two verdicts (« Statut global » in K1:
    K1:L3, the dimensions K:L from row 5) is recognised too, so it is replaced whole.
    Row 4 (xlwings Lite's message), separator rows, and any cell beside or under the
    block, are the user's."""
    k = BLOCK_COL
    owned: set[Position] = set()

    def at(row: int, col: int = k) -> object:
        return cells.get((row, col))

    def take(row: int, width: int) -> None:
        owned.update((row, c) for c in range(k, k + width))

    if at(1) is None:
        return owned  # no block (the sheet was emptied): nothing of nr_xl's there
    heads: tuple[int, ...]
    if at(1) == FEASIBILITY_LABEL:
        heads, header, width = (1, 2, 3, 5), DIMENSIONS_ROW, 3
    else:
        heads, header, width = (1, 2, 3), 5, 2
    for row in heads:
        take(row, 2)
    take(header, width)  # « Dimension | Statut (| Non lu) »
    dimensions = set(schema.DIMENSIONS) | set(schema.EXTRA_DIMENSIONS)
    row = header + 1
    while at(row) in dimensions:
        take(row, width)
        row += 1
    row += 1
    if at(row) == LEGEND:
        take(row, 1)
        row += 1
        while at(row) in _LEGEND_ROWS:  # one row per status, then the link to « Lisez-moi »
            take(row, 2)
            row += 1
        row += 1
    if at(row) == FINGERPRINT_LABEL:
        take(row, 2)
        row += 2
    for title in FIGURE_TITLES:
        if at(row) != title:
            break
        take(row, 1)
        row += 1
        # The header, then the lines: six cells, of which a table's row fills at least three.
        while sum(at(row, c) not in (None, "") for c in range(k, k + FIGURE_WIDTH)) >= 3:
            take(row, FIGURE_WIDTH)
            row += 1
        row += 1
    return owned
