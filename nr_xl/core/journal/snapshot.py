"""The roadmap as comparable values, and the diff between two versions (pure).

Values are compared as values, not as text: each cell is reduced to a
canonical string by its column's kind (« 12 500 € » and 12500 are both
"12500"; « 07/03/2027 » typed as text and the same date are both "07/03/2027").
Rows are matched by their business key, so reordering rows changes nothing and
a renamed ID is a removal plus an addition.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from nr_xl.core import parse, schema
from nr_xl.core.schema import Kind, TableSpec
from nr_xl.core.tables import Table, by_distinct_value, extract

# sheet -> key -> field -> canonical value ("" for an empty cell)
Snapshot = dict[str, dict[str, dict[str, str]]]

ADDED, CHANGED, REMOVED = "ajout", "modification", "suppression"
DUPLICATE = " #"  # « B1.1 #2 »: the second row sharing the business key B1.1


@dataclass(frozen=True)
class Change:
    sheet: str
    key: str
    field: str | None  # None for a whole row added or removed
    old: str
    new: str
    kind: str  # ADDED, CHANGED or REMOVED


@dataclass(frozen=True)
class Adjustment:
    """One net change between the version presented to the committee and now,
    with the reasons the journal gives for it (what the minutes print)."""

    sheet: str
    key: str
    field: str
    before: str
    after: str
    reasons: tuple[str, ...]


def canonical(value: object, kind: Kind, enum: tuple[str, ...] = ()) -> str:
    """The comparable form of a cell (its value, however it was typed); an unreadable cell
    keeps its text."""
    if value is None:
        return ""
    if kind in _TEXT_KINDS and type(value) is str and value[:1] != "#":
        return parse.text(value) or ""
    if type(value) is float and kind in _NUMBER_KINDS and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # the common case of a number cell, kept fast
    if parse.is_blank(value):
        return ""
    try:
        if kind in _NUMBER_KINDS:
            number = parse.plain(parse.reader_for(kind)(value))
            return _number(number) if isinstance(number, (Decimal, int)) or number is None else \
                " ".join(str(value).split())  # « 0,5 ETP »: its days depend on a parameter
        if kind is Kind.DATE:
            d = parse.date(value)
            return d.strftime("%d/%m/%Y") if d else ""
        if kind is Kind.QUARTER:
            return str(parse.quarter(value) or "")
        if kind in (Kind.ID_LIST, Kind.REF_LIST):
            return "; ".join(parse.plain(parse.reader_for(kind)(value)))  # type: ignore[arg-type]
        if kind is Kind.ENUM and enum:
            return parse.enum(value, enum) or ""
    except parse.CellError:
        pass
    return " ".join(str(value).split())  # unreadable or plain text: compared as typed


_TEXT_KINDS = frozenset({Kind.TEXT, Kind.ID})
_NUMBER_KINDS = frozenset({Kind.AMOUNT, Kind.DAYS, Kind.MEASURE, Kind.YEAR, Kind.SCORE})


def _number(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    normalized = value.normalize()
    return f"{normalized:f}"


def _parameter_kind(name: str) -> Kind:
    spec = schema.PARAMETERS_BY_KEY.get(schema.normalize(name))
    return spec.kind if spec else Kind.TEXT


def table_snapshot(spec: TableSpec, rows: list[list[object]] | None) -> dict[str, dict[str, str]]:
    """The table's rows as canonical records keyed by business key."""
    table = extract(spec, rows)
    if spec is schema.PARAMETER_TABLE:
        name_header, value_header = schema.PARAMETER_TABLE.name.header, schema.PARAMETER_TABLE.value.header
        records = []
        for row in table.rows:
            name = canonical(row.get(name_header), Kind.TEXT)  # an Excel error (#N/A) is kept as typed
            records.append({name_header: name,
                            value_header: canonical(row.get(value_header), _parameter_kind(name))})
    else:
        records = _records(spec, table)
    financing = spec.financing.header if spec in (schema.BUDGET, schema.ENVELOPES) else None
    result: dict[str, dict[str, str]] = {}
    for excel_row, record in zip(table.numbers, records):
        if financing is not None and record.get(financing) == "":
            record[financing] = schema.DEFAULT_FINANCING  # empty means Enveloppe NR (docs/classeur.md)
        key = business_key(spec, record, excel_row)
        unique, n = key, 2
        while unique in result:  # a duplicated key stays distinguishable
            unique, n = f"{key}{DUPLICATE}{n}", n + 1
        result[unique] = record
    return result


def _records(spec: TableSpec, table: Table) -> list[dict[str, str]]:
    """Each row's canonical texts, computed a column at a time: each distinct value
    of a column is made canonical once (roadmaps repeat their years, services,
    statuses and amounts down the rows), then each row's record is zipped at once."""
    headers = [c.header for c in spec.columns if c.kind is not Kind.COMPUTED and c.header in table.columns]
    kinds = {c.header: (c.kind, c.enum) for c in spec.columns}
    columns = []
    for header in headers:
        kind, enum = kinds[header]
        columns.append(by_distinct_value(table.column(header), functools.partial(canonical, kind=kind, enum=enum)))
    return [dict(zip(headers, texts)) for texts in zip(*columns)] if columns else [{} for _ in table.numbers]


def business_key(spec: TableSpec, record: dict[str, str], excel_row: int) -> str:
    parts = []
    for header in spec.key:
        parts.append(record.get(header, ""))
    if not any(parts):
        return f"ligne {excel_row}"
    return "/".join(parts)


def snapshot(sheets: dict[str, list[list[object]]]) -> Snapshot:
    """Every input table of the workbook, keyed by sheet then business key."""
    return {spec.sheet: table_snapshot(spec, sheets.get(spec.sheet))
            for spec in schema.INPUT_TABLES if spec.sheet in sheets}


def describe(record: dict[str, str]) -> str:
    """A removed or added row in one cell: « Action : B2.3 ; Année : 2028 ; … »."""
    return " ; ".join(f"{field} : {value}" for field, value in record.items() if value)


def _base(key: str) -> str:
    head, sep, tail = key.rpartition(DUPLICATE)
    return head if sep and tail.isdigit() else key


def align_duplicates(old_rows: dict[str, dict[str, str]],
                     new_rows: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """``new_rows`` re-keyed so rows sharing a business key match by content, not by order:
    swapping two rows « B1.1 » changes nothing, as reordering any rows changes nothing."""
    if not any(DUPLICATE in key for key in old_rows) and not any(DUPLICATE in key for key in new_rows):
        return new_rows  # the common case: every business key is unique on both sides
    groups: dict[str, list[str]] = {}
    for key in (*old_rows, *new_rows):
        groups.setdefault(_base(key), [])
        if key not in groups[_base(key)]:
            groups[_base(key)].append(key)
    if all(len(keys) == 1 for keys in groups.values()):
        return new_rows
    renamed: dict[str, str] = {}
    for base, keys in groups.items():
        if len(keys) == 1:
            continue
        olds = [k for k in keys if k in old_rows]
        news = [k for k in keys if k in new_rows]
        free = list(olds)
        unmatched = []
        for key in news:  # identical rows first
            twin = next((o for o in free if old_rows[o] == new_rows[key]), None)
            if twin is None:
                unmatched.append(key)
            else:
                renamed[key] = twin
                free.remove(twin)
        extra = (f"{base}{DUPLICATE}{n}" for n in range(len(keys) + 2, 10 ** 6))
        for key in unmatched:  # then the rest in order, so an edited duplicate is a change
            renamed[key] = free.pop(0) if free else next(k for k in extra if k not in old_rows)
    return {renamed.get(k, k): v for k, v in new_rows.items()}


def diff(before: Snapshot, after: Snapshot) -> list[Change]:
    """One change per modified cell, added row and removed row, in sheet order."""
    changes: list[Change] = []
    for spec in schema.INPUT_TABLES:
        old_rows = before.get(spec.sheet, {})
        new_rows = after.get(spec.sheet, {})
        if spec.sheet not in after:
            continue  # a sheet that could not be read is not "everything removed"
        new_rows = align_duplicates(old_rows, new_rows)
        for key, old in old_rows.items():
            new = new_rows.get(key)
            if new is None:
                changes.append(Change(spec.sheet, key, None, describe(old), "", REMOVED))
                continue
            if new == old:
                continue  # most rows: compared in C before any field is looked at
            for field in dict.fromkeys([*old, *new]):
                was, now = old.get(field, ""), new.get(field, "")
                if was != now and not _same_value(spec, field, was, now):
                    changes.append(Change(spec.sheet, key, field, was, now, CHANGED))
        for key, new in new_rows.items():
            if key not in old_rows:
                changes.append(Change(spec.sheet, key, None, "", describe(new), ADDED))
    return changes


def _same_value(spec: TableSpec, field: str, before: str, now: str) -> bool:
    """A version stored by an earlier nr_xl keeps a cell it could not read as its text
    (« 150 000 € TTC »); read today, the same cell is its value: no change."""
    if spec is schema.PARAMETER_TABLE or not before:
        return False
    try:
        col = spec.column(field)
    except KeyError:
        return False
    return canonical(before, col.kind, col.enum) == now


def parse_description(text: str) -> dict[str, str]:
    """The record of a removed row back from its Journal cell (« Action : B2.3 ; Année : 2028 »)."""
    record = {}
    for part in text.split(" ; "):
        field, sep, value = part.partition(" : ")
        if sep:
            record[field] = value
    return record


def revert(after: Snapshot, changes: list[Change]) -> Snapshot:
    """``after`` with ``changes`` undone, last first: the version before them."""
    result: Snapshot = {sheet: {k: dict(v) for k, v in rows.items()} for sheet, rows in after.items()}
    for change in reversed(changes):
        rows = result.setdefault(change.sheet, {})
        if change.kind == ADDED:
            rows.pop(change.key, None)
        elif change.kind == REMOVED:
            rows[change.key] = parse_description(change.old)
        elif change.key in rows and change.field:
            rows[change.key][change.field] = change.old
    return result


