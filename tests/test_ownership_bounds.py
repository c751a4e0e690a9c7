"""The edges of who owns which cell (core/ownership.py), pure: a cell one row or one
column beyond nr_xl's is the user's, and a cell on the edge is nr_xl's. These bounds
decide whether a write is refused to keep what a user typed."""

from __future__ import annotations

from nr_xl.core import ownership
from nr_xl.core.layout import BLOCK_COL, FEASIBILITY_LABEL, FIGURE_TITLES, FIGURE_WIDTH

K = BLOCK_COL


def test_boxes_sharing_an_edge_overlap_and_boxes_side_by_side_do_not():
    table = (1, 1, 10, 5)  # A1:E10
    assert ownership._overlap(table, (10, 5, 12, 7))  # shares E10
    assert ownership._overlap(table, (0, 0, 1, 1))
    assert not ownership._overlap(table, (11, 1, 12, 5))  # the row under it
    assert not ownership._overlap(table, (1, 6, 10, 8))  # the column right of it
    assert not ownership._overlap(table, (1, -3, 10, 0))  # left of it
    assert not ownership._overlap(table, (-5, 1, 0, 5))  # above it


def test_inside_a_box_includes_its_corners_only():
    box = (2, 3, 4, 5)
    assert all(ownership.inside(p, box) for p in ((2, 3), (4, 5), (2, 5), (4, 3)))
    assert not any(ownership.inside(p, box) for p in ((1, 3), (5, 5), (2, 2), (4, 6)))


def test_a_growing_table_swallows_the_user_s_cells_in_its_own_columns_only():
    user = {(5, 3): "note", (5, 4): "à droite", (6, 3): "dessous"}
    # nr_xl's table A1:C5 of width 3 (columns 1 to 3) grows to row 5: the note in C5 is
    # covered, D5 (beside the own columns) and C6 (under the new box) are not.
    assert ownership.clashes(user, {}, (1, 1, 5, 4), own_width=3) == [(5, 3)]
    assert ownership.clashes(user, {}, None, own_width=3) == []


def test_writing_what_a_cell_already_holds_is_no_clash_writing_anything_else_is():
    user = {(2, 2): "42", (3, 2): "texte"}
    assert ownership.clashes(user, {(2, 2): "42", (3, 2): "autre"}, None, own_width=1) == [(3, 2)]


def test_the_refusal_names_five_cells_counts_the_others_and_cuts_long_texts():
    cells = [(r, 2) for r in range(1, 7)]
    texts = {(1, 2): "x" * 40, (2, 2): "y" * 41}
    six = ownership.describe("Contrôles", cells, texts)
    assert "B5" in six and "B6" not in six and "et 1 autre(s)" in six
    assert f"« {'x' * 40} »" in six and f"« {'y' * 39}… »" in six
    five = ownership.describe("Contrôles", cells[:5], texts)
    assert "autre(s)" not in five and "B5" in five


def test_a_figure_table_row_needs_three_filled_cells_of_six():
    # the verdicts, the dimensions' header in row 7 (no dimension), a separator, then the title
    cells = {(1, K): FEASIBILITY_LABEL, (9, K): FIGURE_TITLES[0]}
    # rows 10 (header) and 11 hold three cells: the table's; row 12 holds two: the user's
    for col in range(K, K + 3):
        cells[(10, col)] = "h"
        cells[(11, col)] = 1
    cells[(12, K)], cells[(12, K + 1)] = "note", "à garder"
    owned = ownership.status_block(cells)
    assert {(11, c) for c in range(K, K + FIGURE_WIDTH)} <= owned
    assert not {(12, K), (12, K + 1)} & owned
