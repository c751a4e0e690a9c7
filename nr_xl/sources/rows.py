"""The plain rows every source returns, and the helpers the sources share to build them."""

from __future__ import annotations

from dataclasses import dataclass, field


# One shared object for every empty row: a stray value at row 1,048,576 then
# costs a million references, not a million lists.
EMPTY_ROW: list[object] = []


def clean_row(values) -> list[object]:
    # Scans in C first (« in », count): most cells of a filled row are not empty,
    # and this runs once per row of every sheet read.
    row = list(values)
    if "" in row:
        row = [None if v == "" else v for v in row]
    return EMPTY_ROW if row.count(None) == len(row) else row


@dataclass
class WorkbookRows:
    path: str
    sheet_names: list[str]
    sheets: dict[str, list[list[object]]] = field(default_factory=dict)
    # Excel table name -> range ("A1:K12"): where a table ends, which the rows alone cannot tell.
    tables: dict[str, str] = field(default_factory=dict)
    # Contract sheet -> its tab's name, for the sheets a user renamed (``sheets`` keeps the contract's).
    renamed: dict[str, str] = field(default_factory=dict)
    # sheet -> (row, col), 1-based -> the other workbook a cell's formula reads (core/links.py):
    # the journal follows the link, not the value Excel last read there.
    links: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
