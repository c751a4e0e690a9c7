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

from nr_xl.core import schema
from nr_xl.core.tables import column_letter
from nr_xl.core.layout import BLOCK_COL, REASON_CELL, REASON_LABEL

Box = tuple[int, int, int, int]  # first row, first col, last row, last col (1-based)
Position = tuple[int, int]  # row, col (1-based)

# Single cells nr_xl writes beside its table: the label of the reason cell.
LABELS: dict[str, tuple[Position, ...]] = {schema.JOURNAL.sheet: (REASON_LABEL,)}
# Where nr_xl writes outside its table, by sheet (the file writer's fallback when a
# program has cut the link between cells and nr_xl's named styles).
ZONES: dict[str, tuple[Box, ...]] = {
    schema.FINDINGS.sheet: ((1, BLOCK_COL, 1_048_576, BLOCK_COL + 5),),
    **{sheet: tuple((r, c, r, c) for r, c in cells) for sheet, cells in LABELS.items()},
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


def rows_like_ours(cells: Cells, sheet: str) -> int:
    """Without the Excel table's range: the last row of nr_xl's table, i.e. the header
    and the rows under it that look like nr_xl's (a severity in column A of
    « Contrôles », a number in column A of « Journal »)."""
    last = 1
    while looks_like_ours(sheet, cells.get((last + 1, 1))):
        last += 1
    return last


def looks_like_ours(sheet: str, first: object) -> bool:
    from nr_xl.core.findings import SEVERITY_LABEL

    if sheet == schema.FINDINGS.sheet:
        return isinstance(first, str) and first in SEVERITY_LABEL.values()
    if sheet == schema.JOURNAL.sheet:
        return isinstance(first, (int, float)) and not isinstance(first, bool) or \
            (isinstance(first, str) and first.strip().isdigit())
    return first is not None


def status_block(cells: Cells) -> set[Position]:
    """The cells of « Contrôles »'s status block, found where layout._status_block puts
    them and only there: the status (K1:L3), the dimensions under their header
    (K:L from row 5), the legend (its title in K, then K:L), the journal's
    fingerprint if any (K:L), then each table of figures (its title in K, then six
    columns per row, while a row has the table's shape). Separator rows, and any
    cell beside or under the block, are the user's."""
    from nr_xl.core.findings import STATUSES
    from nr_xl.core.layout import BLOCK_COL, FIGURE_TITLES, FIGURE_WIDTH, FINGERPRINT_LABEL, LEGEND

    k = BLOCK_COL
    owned: set[Position] = set()

    def at(row: int, col: int = k) -> object:
        return cells.get((row, col))

    def take(row: int, width: int) -> None:
        owned.update((row, c) for c in range(k, k + width))

    if at(1) is None:
        return owned  # no block (the sheet was emptied): nothing of nr_xl's there
    for row in (1, 2, 3):
        take(row, 2)
    take(5, 2)  # « Dimension | Statut »
    dimensions = set(schema.DIMENSIONS) | set(schema.EXTRA_DIMENSIONS)
    row = 6
    while at(row) in dimensions:
        take(row, 2)
        row += 1
    row += 1
    if at(row) == LEGEND:
        take(row, 1)
        for offset in range(1, len(STATUSES) + 2):  # one row per status, then the link to « Lisez-moi »
            take(row + offset, 2)
        row += len(STATUSES) + 3
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
