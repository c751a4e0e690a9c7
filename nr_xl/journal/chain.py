"""Journal rows and their hash chain (pure).

Each row's Empreinte is SHA-256 over the previous row's Empreinte and this
row's content, so a row edited, removed or inserted by hand breaks the chain
from that row on. The reference sheet keeps the chain's head (count and last
Empreinte), so rows removed at the end are detected too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from nr_xl import parse
from nr_xl.excel_typing import canonical_text

GENESIS = "0" * 64
SEPARATOR = "\x1f"  # never typed in a cell, so fields cannot be shifted into one another


@dataclass(frozen=True)
class JournalRow:
    number: int
    timestamp: str
    instance: str
    author: str
    sheet: str
    key: str
    field: str
    old: str
    new: str
    reason: str
    fingerprint: str = ""
    excel_row: int | None = None

    def content(self) -> tuple[str, ...]:
        return (str(self.number), self.timestamp, self.instance, self.author, self.sheet,
                self.key, self.field, self.old, self.new, self.reason)

    def values(self) -> tuple[object, ...]:
        """What the Journal sheet shows, in its column order."""
        return (self.number, *self.content()[1:], self.fingerprint)


def cell_text(value: object) -> str:
    """The one text form of a value written in the Journal."""
    return parse.text(value) or ""


def fingerprint(previous: str, row: JournalRow) -> str:
    """Hashes each value as Excel may give it back (« 1.10 » typed as 1.1, a
    timestamp turned into a date), so a retyped cell does not break the chain."""
    payload = SEPARATOR.join((previous, *(canonical_text(v) for v in row.content())))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _legacy_fingerprint(previous: str, row: JournalRow) -> str:
    """The hash of journals written before values were canonicalised: they stay valid."""
    payload = SEPARATOR.join((previous, *(cell_text(v) for v in row.content())))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chain(previous: str, rows: list[JournalRow]) -> list[JournalRow]:
    """``rows`` with their Empreinte, continuing the chain after ``previous``."""
    out = []
    for row in rows:
        row = replace(row, timestamp=cell_text(row.timestamp), instance=cell_text(row.instance),
                      author=cell_text(row.author), sheet=cell_text(row.sheet), key=cell_text(row.key),
                      field=cell_text(row.field), old=cell_text(row.old), new=cell_text(row.new),
                      reason=cell_text(row.reason))
        previous = fingerprint(previous, row)
        out.append(replace(row, fingerprint=previous))
    return out


def first_broken(rows: list[JournalRow], head_count: int | None, head_hash: str | None) -> int | None:
    """N° of the first row that no longer matches the chain, or None if intact.

    Checks the numbering (1, 2, 3…), each Empreinte, and that the chain still
    reaches the head recorded at the last write.
    """
    previous = GENESIS
    for expected_number, row in enumerate(rows, start=1):
        if row.number != expected_number or (row.fingerprint != fingerprint(previous, row)
                                             and row.fingerprint != _legacy_fingerprint(previous, row)):
            return expected_number
        previous = row.fingerprint
    if head_count is not None and len(rows) < head_count:
        return len(rows) + 1  # rows removed at the end
    if head_count is not None and head_hash and len(rows) == head_count and previous != head_hash:
        return len(rows)
    return None
