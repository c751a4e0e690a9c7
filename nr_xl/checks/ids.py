"""Structure: an ID used twice in one table makes every reference to it ambiguous."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from nr_xl.findings import Finding, finding
from nr_xl.model import Roadmap


def check(roadmap: Roadmap) -> Iterator[Finding]:
    yield from _duplicates(roadmap.priorities, "ID", lambda p: p.id)
    yield from _duplicates(roadmap.actions, "ID", lambda a: a.id)
    yield from _duplicates(roadmap.indicators, "ID", lambda i: i.id)
    yield from _duplicates(roadmap.risks, "ID", lambda r: r.id)
    yield from _duplicates(roadmap.decisions, "N°", lambda d: d.number)


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
