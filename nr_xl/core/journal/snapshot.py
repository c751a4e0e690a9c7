"""The roadmap as comparable values, and the diff between two versions (pure).

Values are compared as values, not as text: each cell is reduced to a
canonical string by its column's kind (« 12 500 € » and 12500 are both
"12500"; « 07/03/2027 » typed as text and the same date are both "07/03/2027").
Rows are matched by their business key, so reordering rows changes nothing and
a renamed ID is a removal plus an addition; rows sharing a key are matched by content
(identical, then most alike), then by position.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from collections.abc import Mapping

from nr_xl.core import parse, schema
from nr_xl.core.links import SUFFIX as LINK
from nr_xl.core.links import Links, shown, unshown
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


def table_snapshot(spec: TableSpec, rows: list[list[object]] | None,
                   links: Mapping[tuple[int, int], str] | None = None) -> dict[str, dict[str, str]]:
    """The table's rows as canonical records keyed by business key; a cell that reads another
    workbook (``links``: (row, col), 1-based -> link) keeps its link beside its value."""
    table = extract(spec, rows)
    if spec is schema.PARAMETER_TABLE:
        name_header, value_header = schema.PARAMETER_TABLE.name.header, schema.PARAMETER_TABLE.value.header
        records = []
        for row in table.rows:
            name = canonical(row.get(name_header), Kind.TEXT)  # an Excel error (#N/A) is kept as typed
            if not _journaled_parameter(name):
                continue  # a value of the follow-up (the day of the follow-up committee): no adjustment
            records.append({name_header: name,
                            value_header: canonical(row.get(value_header), _parameter_kind(name))})
    else:
        records = _records(spec, table)
    financing = spec.financing.header if spec in (schema.BUDGET, schema.ENVELOPES) else None
    result: dict[str, dict[str, str]] = {}
    linked = links or {}
    columns = {header: index + 1 for header, index in table.columns.items()} if linked else {}
    numbers = table.numbers if spec is not schema.PARAMETER_TABLE else [
        row.row for row in table.rows if _journaled_parameter(canonical(row.get(spec.name.header), Kind.TEXT))]
    for excel_row, record in zip(numbers, records):
        if financing is not None and record.get(financing) == "":
            record[financing] = schema.DEFAULT_FINANCING  # empty means Enveloppe NR (docs/classeur.md)
        for header in [h for h in record if (excel_row, columns.get(h)) in linked] if linked else ():
            record[header + LINK] = linked[(excel_row, columns[header])]
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
    headers = [c.header for c in spec.columns if c.kind is not Kind.COMPUTED and c.header in table.columns
               and c.journaled]
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


def keep_links(current: Snapshot, recorded: Snapshot) -> None:
    """Give ``current``'s records the links ``recorded`` has for the same field of the same
    row, where the field's value is still the one recorded (in place; see Workbook.snapshot_of)."""
    for sheet, rows in current.items():
        before = recorded.get(sheet) or {}
        for key, record in rows.items():
            old = before.get(key)
            if not old:
                continue
            for field, link in old.items():
                if field.endswith(LINK) and record.get(field[:-len(LINK)]) == old.get(field[:-len(LINK)]):
                    record.setdefault(field, link)


def snapshot(sheets: dict[str, list[list[object]]], links: Links | None = None) -> Snapshot:
    """Every input table of the workbook, keyed by sheet then business key (``links``: the
    cells that read another workbook, by sheet)."""
    return {spec.sheet: table_snapshot(spec, sheets.get(spec.sheet), (links or {}).get(spec.sheet))
            for spec in schema.INPUT_TABLES if spec.sheet in sheets and spec.journaled}


def _journaled_parameter(name: str) -> bool:
    spec = schema.PARAMETERS_BY_KEY.get(schema.normalize(name))
    return spec is None or spec.journaled


def describe(record: dict[str, str]) -> str:
    """A removed or added row in one cell: « Action : B2.3 ; Année : 2028 ; … »."""
    return " ; ".join(f"{field} : {value}" for field, value in record.items() if value)


def _base(key: str) -> str:
    head, sep, tail = key.rpartition(DUPLICATE)
    return head if sep and tail.isdigit() else key


def align_duplicates(old_rows: dict[str, dict[str, str]],
                     new_rows: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """``new_rows`` re-keyed so rows sharing a business key match by content, not by order:
    swapping two rows « B1.1 » changes nothing, as reordering any rows changes nothing, and
    two swapped rows each edited are two edits (not every field of both rows)."""
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
        renamed.update(_match_group(base, len(keys), olds, news, old_rows, new_rows))
    return {renamed.get(k, k): v for k, v in new_rows.items()}


# Above this many pairs to weigh in one group of rows sharing a key, the rows left after the
# identical ones match by position alone: a table pasted twice must not cost a square of its size.
MAX_WEIGHED_PAIRS = 10_000


def _match_group(base: str, size: int, olds: list[str], news: list[str], old_rows: dict[str, dict[str, str]],
                 new_rows: dict[str, dict[str, str]]) -> dict[str, str]:
    """New key -> old key within one group of rows sharing ``base``: identical rows first, then
    each row with the old row it has the most equal fields with (nearest position on a tie),
    then the rest in order, so an edited duplicate is a change; a row left over is new."""
    free = list(olds)
    matched: dict[str, str] = {}
    unmatched = []
    for key in news:
        twin = next((o for o in free if old_rows[o] == new_rows[key]), None)
        if twin is None:
            unmatched.append(key)
        else:
            matched[key] = twin
            free.remove(twin)
    if unmatched and free and len(unmatched) * len(free) <= MAX_WEIGHED_PAIRS:
        # The same key (« B1.1 #2 ») names a row on each side: each side has its own positions.
        was = {k: i for i, k in enumerate(olds)}
        now = {k: i for i, k in enumerate(news)}
        pairs = sorted((-_alike(old_rows[o], new_rows[n]), abs(now[n] - was[o]), now[n], n, o)
                       for n in unmatched for o in free)
        for negative_score, _, _, new, old in pairs:
            if negative_score < 0 and new not in matched and old in free:
                matched[new] = old
                free.remove(old)
        unmatched = [k for k in unmatched if k not in matched]
    extra = (f"{base}{DUPLICATE}{n}" for n in range(size + 2, 10 ** 6))
    for key in unmatched:
        matched[key] = free.pop(0) if free else next(k for k in extra if k not in old_rows)
    return matched


def _alike(old: dict[str, str], new: dict[str, str]) -> int:
    """How many fields two rows hold the same non-empty value in (the key's fields included)."""
    return sum(1 for field, value in new.items() if value and old.get(field) == value)


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
                if field.endswith(LINK):
                    continue  # compared with its cell's value, below
                was, now = old.get(field, ""), new.get(field, "")
                was_link, now_link = old.get(field + LINK, ""), new.get(field + LINK, "")
                if was_link or now_link:
                    if was_link != now_link:  # the link itself typed, changed or replaced: an adjustment
                        changes.append(Change(spec.sheet, key, field, shown(was, was_link), shown(now, now_link),
                                              CHANGED))
                    continue  # the same link: a value refreshed from the other workbook is no adjustment
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
            value, link = unshown(change.old)
            rows[change.key][change.field] = value
            if link:
                rows[change.key][change.field + LINK] = link
            else:
                rows[change.key].pop(change.field + LINK, None)
    return result


