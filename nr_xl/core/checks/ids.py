"""Structure: an ID used twice in one table makes every reference to it ambiguous."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from nr_xl.core import schema
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import Roadmap


def check(roadmap: Roadmap) -> Iterator[Finding]:
    yield from _duplicates(roadmap.priorities, schema.PRIORITIES.id.header, lambda p: p.id)
    yield from _duplicates(roadmap.actions, schema.ACTIONS.id.header, lambda a: a.id)
    yield from _duplicates(roadmap.indicators, schema.INDICATORS.id.header, lambda i: i.id)
    yield from _duplicates(roadmap.risks, schema.RISKS.id.header, lambda r: r.id)
    yield from _duplicates(roadmap.decisions, schema.DECISIONS.number.header, lambda d: d.number)


def _duplicates(rows: Sequence, field: str, key_of) -> Iterable[Finding]:
    first_row: dict[str, int] = {}
    for row in rows:
        key = key_of(row)
        if key in first_row:
            yield finding(
                "ids.duplicate", sheet=row.SHEET, row=row.row, field=field, key=key,
                first_row=first_row[key],
            )
        else:
            first_row[key] = row.row
