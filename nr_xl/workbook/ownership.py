"""Which cells of the sheets nr_xl owns are nr_xl's, and which a user typed there
(pure, light: the ribbon's writer imports it on every click).

On « Contrôles » and « Journal » nr_xl owns its table's own columns and the
zones where it writes beside the table (the status block, the reason's label).
Anything else (a note under the table, a column added to the table, a formula)
belongs to the user: both writers keep it where it is, or refuse to write when
the new content would land on it, saying which cells to move.
"""

from __future__ import annotations

from collections.abc import Mapping

from nr_xl import schema
from nr_xl.tables import column_letter
from nr_xl.workbook.layout import BLOCK_COL, REASON_CELL, REASON_LABEL

Box = tuple[int, int, int, int]  # first row, first col, last row, last col (1-based)
Position = tuple[int, int]  # row, col (1-based)

# Where nr_xl writes outside its table, by sheet.
ZONES: dict[str, tuple[Box, ...]] = {
    schema.FINDINGS.sheet: ((1, BLOCK_COL, 1_048_576, BLOCK_COL + 5),),
    schema.JOURNAL.sheet: ((REASON_LABEL[0], REASON_LABEL[1], REASON_LABEL[0], REASON_LABEL[1]),),
}
# Sheets whose every cell is nr_xl's (the very hidden reference version).
WHOLE_SHEETS = frozenset({schema.REFERENCE_SHEET.name})
# Cells a user types for nr_xl to read: the reason of the next log, which the
# Journal plan keeps until a log records it, then clears.
ALWAYS_OURS: dict[str, tuple[Position, ...]] = {schema.JOURNAL.sheet: (REASON_CELL,)}


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


def describe(sheet: str, cells: list[Position], texts: Mapping[Position, str]) -> str:
    """The refusal, in French: which cells, what they hold, what to do."""
    shown = []
    for pos in cells[:5]:
        text = texts.get(pos, "").strip()
        text = text if len(text) <= 40 else text[:39] + "…"
        shown.append(f"{column_letter(pos[1] - 1)}{pos[0]}" + (f" (« {text} »)" if text else ""))
    more = f" et {len(cells) - 5} autre(s)" if len(cells) > 5 else ""
    return (f"nr_xl doit écrire dans « {sheet} » là où se trouvent des cellules qu'il n'a pas écrites : "
            f"{', '.join(shown)}{more}. Rien n'a été écrit. Déplacez ces cellules plus bas, à droite ou sur "
            "une autre feuille (ou supprimez-les), puis relancez.")


# --- The live book (the ribbon): no cell styles to go by, so the layout tells ---------
#
# The file writer knows nr_xl's cells by their named styles. Through xlwings a style is
# one call per cell, so the ribbon recognises nr_xl's cells by where its layout puts
# them: its table's columns (by header), its table's rows, and the status block's cells.

Cells = Mapping[Position, object]


def table_columns(cells: Cells, box: Box, headers: tuple[str, ...]) -> set[int]:
    """Columns of the table ``box`` whose header (row ``box[0]``) is one of nr_xl's:
    a column a user inserted or added to the table is the user's."""
    wanted = {schema.normalize(h) for h in headers}
    return {c for c in range(box[1], box[3] + 1)
            if isinstance(cells.get((box[0], c)), str) and schema.normalize(str(cells[(box[0], c)])) in wanted}


def rows_like_ours(cells: Cells, sheet: str, width: int) -> int:
    """Without the Excel table's range: the last row of nr_xl's table, i.e. the header
    and the rows under it that look like nr_xl's (a severity in column A of
    « Contrôles », a number in column A of « Journal »)."""
    last = 1
    while _looks_like_ours(sheet, cells.get((last + 1, 1))):
        last += 1
    return last if width else 0


def _looks_like_ours(sheet: str, first: object) -> bool:
    from nr_xl.findings import SEVERITY_LABEL

    if sheet == schema.FINDINGS.sheet:
        return first in set(SEVERITY_LABEL.values())
    if sheet == schema.JOURNAL.sheet:
        return isinstance(first, (int, float)) and not isinstance(first, bool) or \
            (isinstance(first, str) and first.strip().isdigit())
    return first is not None


def status_block(cells: Cells) -> set[Position]:
    """The cells of « Contrôles »'s status block (layout._status_block): from K1 down,
    rows whose K cell is filled, separated by at most one empty row; each row is two
    columns wide (K:L), six in the figure tables (a title, then rows up to the next
    empty K). A cell beside or under the block is the user's."""
    from nr_xl.workbook.layout import BLOCK_COL, FIGURE_TITLES, FIGURE_WIDTH

    k = BLOCK_COL
    owned: set[Position] = set()
    row, empty_run, in_table = 1, 0, False
    while empty_run < 2:
        first = cells.get((row, k))
        if first is None or first == "":
            empty_run += 1
            in_table = False
        else:
            empty_run = 0
            width = FIGURE_WIDTH if in_table else 2
            owned.update((row, c) for c in range(k, k + width))
            if first in FIGURE_TITLES:
                in_table = True
        row += 1
    return owned
