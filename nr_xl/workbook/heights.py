"""Row heights for wrapped text, on every sheet the template builder writes.

Neither Excel nor LibreOffice grows a row for wrapped text written by another
program: without a height, a long text is cut, or spills over the next row
when LibreOffice renders the sheet.
"""

from __future__ import annotations

import textwrap

from openpyxl.worksheet.worksheet import Worksheet

from nr_xl.core.layout import LINE_HEIGHT

DEFAULT_WIDTH = 8.43  # Excel's column width when none is set
DEFAULT_SIZE = 11.0
# Calibri 11 fits about 1.1 average French characters per unit of column width;
# a little less here so a line never runs out of room (word wrap wastes some).
CHARS_PER_UNIT = 1.05


def wrapped_lines(text: str, width: float, size: float = DEFAULT_SIZE) -> int:
    chars = max(1, int(width * CHARS_PER_UNIT * DEFAULT_SIZE / size))
    return sum(max(1, len(textwrap.wrap(paragraph, chars))) for paragraph in text.split("\n"))


def fit_wrapped_rows(ws: Worksheet) -> None:
    """Give each row the height its tallest text needs (wrapped lines, or a title
    font larger than the default); a height the builder set only ever grows.
    Merged cells are left to the builder, which knows their width."""
    merged = {cell for rng in ws.merged_cells.ranges for cell in _cells_of(rng.coord)}
    widths: dict[str, float] = {}
    for row in ws.iter_rows():
        needed = LINE_HEIGHT
        for cell in row:
            if not isinstance(cell.value, str) or cell.value.startswith("=") or cell.coordinate in merged:
                continue
            size = float(cell.font.sz or DEFAULT_SIZE)
            lines = 1
            if cell.alignment.wrap_text:
                letter = cell.column_letter
                if letter not in widths:
                    widths[letter] = ws.column_dimensions[letter].width or DEFAULT_WIDTH
                lines = wrapped_lines(cell.value, widths[letter], size)
            needed = max(needed, round(lines * LINE_HEIGHT * size / DEFAULT_SIZE, 1))
        dimension = ws.row_dimensions[row[0].row]
        if needed > max(LINE_HEIGHT, dimension.height or 0):
            dimension.height = needed


def _cells_of(coord: str) -> list[str]:
    from openpyxl.utils.cell import range_boundaries, get_column_letter

    min_col, min_row, max_col, max_row = range_boundaries(coord)
    return [f"{get_column_letter(c)}{r}" for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)]
