"""Edit input cells by business meaning (sheet, row key, header) through the safe writer.

Used by the demo to play the committee's adjustments, and by scripts that
adjust a roadmap without Excel. Cells keep their style; added rows extend the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nr_xl.core import parse, schema
from nr_xl.core.errors import UsageError
from nr_xl.sources import read_rows
from nr_xl.core.tables import extract


@dataclass(frozen=True)
class CellEdit:
    sheet: str
    match: dict[str, object]  # header -> value identifying the row (compared as text)
    header: str
    value: object


@dataclass(frozen=True)
class RowAdd:
    sheet: str
    values: dict[str, object]  # header -> value


def apply_edits(path: Path, edits: list[CellEdit | RowAdd]) -> None:
    from nr_xl.workbook.lock import exclusive

    with exclusive(path) as guard:
        _apply(path, edits, guard)


def _apply(path: Path, edits: list[CellEdit | RowAdd], guard) -> None:
    from nr_xl.workbook.writer import write_owned_sheets

    sheets = sorted({e.sheet for e in edits})
    rows = read_rows(guard.path, sheets, data=guard.data).sheets
    tables = {name: extract(schema.TABLES_BY_SHEET[name], rows.get(name)) for name in sheets}
    patches: dict[str, dict[tuple[int, int], object]] = {}
    next_row = {name: max([r.row for r in t.rows] + [1]) + 1 for name, t in tables.items()}
    for edit in edits:
        table = tables[edit.sheet]
        cells = patches.setdefault(edit.sheet, {})
        if isinstance(edit, RowAdd):
            row = next_row[edit.sheet]
            next_row[edit.sheet] += 1
            for header, value in edit.values.items():
                cells[(row, _column(table, header))] = value
            continue
        wanted = {h: parse.text(v) for h, v in edit.match.items()}
        found = [r for r in table.rows if all(parse.text(r.get(h)) == v for h, v in wanted.items())]
        if len(found) != 1:
            raise UsageError(f"« {edit.sheet} » : {len(found)} ligne(s) correspondent à {wanted} "
                             "(il en faut exactement une).")
        cells[(found[0].row, _column(table, edit.header))] = edit.value
    write_owned_sheets(path, {}, patches=patches, guard=guard)


def _column(table, header: str) -> int:
    if header not in table.columns:
        raise UsageError(f"La colonne « {header} » est introuvable dans « {table.spec.sheet} ».")
    return table.columns[header] + 1
