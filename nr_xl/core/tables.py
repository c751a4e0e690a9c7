"""Plain sheet rows -> table rows keyed by the contract's headers (pure).

The header is row 1. Columns are found by header text (trimmed, case- and
accent-insensitive), in any order; extra columns are ignored; empty rows are
skipped but keep their Excel row number.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from typing import Literal, NamedTuple, TypeVar, overload

from dataclasses import dataclass, field

from nr_xl.core.findings import Finding, finding
from nr_xl.core.parse import is_blank
from nr_xl.core import schema
from nr_xl.core.schema import Kind, TableSpec, normalize

# Far beyond a région's consolidated roadmap (5,000 actions); past this a
# sheet is almost certainly not a roadmap table (a stray value at row 1,048,576
# is caught here instead of making every check walk a million rows).
MAX_TABLE_ROWS = 100_000
# The tables agents fill row by row (not Paramètres' key-value list, not nr_xl's own tables).
_DATA_TABLES = frozenset(t.table for t in schema.INPUT_TABLES if t is not schema.PARAMETER_TABLE)


class TableRow(NamedTuple):
    """One filled row of a table. A named tuple: tens of thousands are built per
    read, and a frozen dataclass costs four times as much to build."""

    row: int  # Excel row
    values: dict[str, object]  # contract header -> raw cell value (missing column: absent)

    def get(self, header: str) -> object:
        return self.values.get(header)


@dataclass
class Table:
    """A table's filled rows, kept as read: ``cells[i]`` is the sheet row of Excel row
    ``numbers[i]``, at least as wide as the table. ``column()`` reads one column in C;
    ``rows`` (one dict per row) is built only for the readers that want it."""

    spec: TableSpec
    columns: dict[str, int] = field(default_factory=dict)  # header -> 0-based column index
    findings: list[Finding] = field(default_factory=list)
    present: bool = True
    numbers: list[int] = field(default_factory=list)
    cells: list[list[object]] = field(default_factory=list)
    _rows: list[TableRow] | None = field(default=None, repr=False, compare=False)

    @property
    def rows(self) -> list[TableRow]:
        if self._rows is None:
            headers = list(self.columns)
            get = _getter(list(self.columns.values()))
            self._rows = [TableRow(n, dict(zip(headers, get(c)))) for n, c in zip(self.numbers, self.cells)]
        return self._rows

    def column(self, header: str) -> list[object]:
        """The raw value of ``header`` in each row (all None for a missing column)."""
        index = self.columns.get(header)
        if index is None:
            return [None] * len(self.numbers)
        return list(map(operator.itemgetter(index), self.cells))

    def column_letter(self, header: str) -> str | None:
        index = self.columns.get(header)
        return None if index is None else column_letter(index)


@functools.lru_cache(maxsize=1024)  # every cell written asks for its column's letters
def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 0, Z -> 25, AA -> 26 (the inverse of column_letter)."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch.upper()) - 64
    return index - 1


def _getter(indexes: list[int]) -> Callable[[list[object]], tuple[object, ...]]:
    """The cells at ``indexes`` of a row, always as a tuple (itemgetter returns a
    bare value for one index)."""
    if len(indexes) == 1:
        index = indexes[0]
        return lambda row: (row[index],)
    if not indexes:
        return lambda row: ()
    return operator.itemgetter(*indexes)


T = TypeVar("T")

# 1, 1.0 and True are one key in a dict: a column mixing them is keyed by type as well.
_NUMERIC_TYPES = frozenset({bool, int, float})


@overload
def by_distinct_value(raw: list[object], convert: Callable[[object], T]) -> list[T]: ...


@overload
def by_distinct_value(raw: list[object], convert: Callable[[object], T],
                      with_results: Literal[True]) -> tuple[list[T], list[T]]: ...


def by_distinct_value(raw: list[object], convert: Callable[[object], T],
                      with_results: bool = False) -> list[T] | tuple[list[T], list[T]]:
    """``convert`` of each cell of a column, called once per distinct value (roadmaps
    repeat their years, services, statuses and amounts down the rows), then mapped
    over the column in C. ``with_results``: also the distinct results, one per distinct value."""
    if len(_NUMERIC_TYPES.intersection(map(type, raw))) > 1:
        typed: dict[tuple[type, object], T] = {}
        out = []
        for value in raw:
            key = (type(value), value)
            if key not in typed:
                typed[key] = convert(value)
            out.append(typed[key])
        return (out, list(typed.values())) if with_results else out
    known = {value: convert(value) for value in dict.fromkeys(raw)}
    mapped = list(map(known.__getitem__, raw))
    return (mapped, list(known.values())) if with_results else mapped


def cell_ref(sheet: str, header: str | None, row: int | None, table: Table | None) -> str:
    """The input-finding key, e.g. ``Budget!C7``."""
    letter = table.column_letter(header) if (table is not None and header) else None
    if letter and row:
        return f"{sheet}!{letter}{row}"
    return f"{sheet}!{row}" if row else sheet


def extract(spec: TableSpec, rows: list[list[object]] | None) -> Table:
    """Find the contract's columns in ``rows`` (row 0 = Excel row 1)."""
    table = Table(spec)
    if rows is None:
        table.present = False
        if spec.announce_missing:  # a follow-up sheet a workbook does not have yet is no finding
            table.findings.append(finding(
                "input.missing_sheet", sheet=spec.sheet,
            ))
        return table
    header = rows[0] if rows else []
    wanted = {normalize(c.header): c.header for c in spec.columns}
    for index, cell in enumerate(header):
        if is_blank(cell):
            continue
        canonical = wanted.get(normalize(cell))
        if canonical is None:
            continue  # an extra column: kept in the workbook, ignored here
        if canonical in table.columns:
            table.findings.append(finding(
                "input.duplicate_column", sheet=spec.sheet, row=1, field=canonical,
                key=f"{spec.sheet}!{column_letter(index)}1",
                first=column_letter(table.columns[canonical]), second=column_letter(index),
            ))
            continue
        table.columns[canonical] = index
    for col in spec.columns:
        if col.header in table.columns or col.kind is Kind.COMPUTED or not col.announce_missing:
            continue
        code = "input.missing_column" if col.required else "input.missing_optional_column"
        table.findings.append(finding(
            code, sheet=spec.sheet, row=1, field=col.header, key=f"{spec.sheet}!1", table=spec.table,
        ))
    inputs = [i for h, i in table.columns.items() if spec.column(h).kind is not Kind.COMPUTED]
    wide = max(table.columns.values(), default=-1) + 1
    input_cells = _getter(inputs)
    numbers, kept = table.numbers, table.cells
    gaps = spec.table in _DATA_TABLES  # empty rows inside a table agents fill are said
    for offset, raw in enumerate(rows[1:], start=2):
        if not raw:
            continue  # the readers' shared empty row: the common case, kept cheap
        if len(raw) < wide:
            raw = list(raw) + [None] * (wide - len(raw))
        # A row is kept at its first filled input cell (parse.is_blank, inlined: most
        # rows stop at their first cell, and this runs on every row of every table).
        for v in input_cells(raw):
            if v is not None and (v == v if type(v) is float else
                                  type(v) is not str or (v and not v.isspace())):
                break
        else:
            continue
        if len(numbers) >= MAX_TABLE_ROWS:
            table.findings.append(finding(
                "input.too_many_rows", sheet=spec.sheet, row=offset, key=f"{spec.sheet}!{offset}",
                limit=MAX_TABLE_ROWS, last=numbers[-1],
            ))
            break
        if gaps and numbers and offset > numbers[-1] + 1:
            first = numbers[-1] + 1  # empty rows between two rows of the table: said, then skipped
            table.findings.append(finding(
                "input.blank_row", sheet=spec.sheet, row=first, key=f"{spec.sheet}!{first}",
                rows=f"ligne {first}" if first == offset - 1 else f"lignes {first} à {offset - 1}",
            ))
        numbers.append(offset)
        kept.append(raw)
    _not_data(table, inputs)
    return table


# A row a user added to a table for its reader, not as data: a total, or the header again.
_LABEL_COLUMNS = 3
_TOTAL_HINT = re.compile(r"tota|cumul|somme|σ")
_NUMBERS = frozenset({Kind.AMOUNT, Kind.DAYS, Kind.MEASURE, Kind.SCORE, Kind.DATE, Kind.QUARTER})
_TOTAL = re.compile(r"^(?:sous[- ]?)?(?:total|totaux)\b|^cumul\b|^somme\b|^σ")


def _not_data(table: Table, inputs: list[int]) -> None:
    """Leave out the rows that are not data (a hand-typed « TOTAL » or « Sous-total »
    row, the header row typed again), each with an information finding. Found a column at
    a time: each distinct value of a column is looked at once."""
    spec, cells = table.spec, table.cells
    if not cells or spec.table not in _DATA_TABLES:
        return
    names = {index: header for header, index in table.columns.items()}
    headers = {index: normalize(header) for index, header in names.items()}
    totals: dict[int, str] = {}
    repeated: dict[int, int] = {}
    # A repeated header shows in a table's first columns (where the labels are), a total's word
    # in any column. Looked for in one text of a column's values first (in C): most hold neither.
    first = sorted(inputs)[:_LABEL_COLUMNS]
    for index in inputs:
        if spec.column(names[index]).kind in _NUMBERS and index not in first:
            continue  # an amount or a date column holds no total's word
        header, words, is_header = headers[index], set(), set()
        distinct = set(map(operator.itemgetter(index), cells))
        text = "\n".join(map(str, distinct)).lower()
        maybe_header = index in first and names[index].lower() in text
        if not (_TOTAL_HINT.search(text) or maybe_header):
            continue
        for v in distinct:
            if type(v) is not str or len(v) > 80:
                continue
            if _TOTAL.match(normalize(v)):
                words.add(v)
            elif maybe_header and normalize(v) == header:
                is_header.add(v)
        if not (words or is_header):
            continue
        for i, v in enumerate(map(operator.itemgetter(index), cells)):
            if v in words:
                totals.setdefault(i, v)
            elif v in is_header:
                repeated[i] = repeated.get(i, 0) + 1
    key = table.columns.get(spec.key[0]) if spec.key else None
    # The header typed again: each of the first columns holds its own header.
    headers_again = {i for i, n in repeated.items() if n == len(first) >= 2}
    dropped = []
    for i in sorted(set(totals) | headers_again):
        row = table.numbers[i]
        if i in totals:
            label = cells[i][key] if key is not None else None
            if not (is_blank(label) or label == totals[i]):
                continue  # « Total » in a row that names its own item: data
            table.findings.append(finding("input.total_row", sheet=spec.sheet, row=row, key=f"{spec.sheet}!{row}",
                                          word=" ".join(str(totals[i]).split())))
        else:
            table.findings.append(finding("input.header_row", sheet=spec.sheet, row=row, key=f"{spec.sheet}!{row}"))
        dropped.append(i)
    for i in reversed(dropped):
        del table.numbers[i], table.cells[i]
