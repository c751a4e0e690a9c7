"""Journal rows and their hash chain (pure).

Each row's Empreinte is SHA-256 over the previous row's Empreinte and this
row's content, so a row edited, removed or inserted by hand breaks the chain
from that row on. The reference sheet keeps the chain's head (count and last
Empreinte), so rows removed at the end are detected too.

What is hashed is exactly what a cell can hold (see ``cell_text``), so a row
written and read back always verifies. A row « journal modifié accepté »
re-anchors the chain on the rows as they stand: its Empreinte continues the
seal of every row before it (their contents chained again, whatever their
Empreinte cells say), so the rows it accepted are fixed from then on; the
break it accepted stays visible in the journal itself.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from nr_xl.core import parse
from nr_xl.core.layout import storable
from nr_xl.core.excel_typing import canonical_text

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


# The « Champ » of the row that records a hand-modified journal accepted as it stands.
ACCEPTED = "(journal modifié accepté)"


def cell_text(value: object) -> str:
    """The one text form of a cell used both when hashing and when writing.

    An Excel error value (« #N/A ») is kept as its text: the row then fails its
    Empreinte, which is what a hand edit is."""
    try:
        text = parse.text(value) or ""
    except parse.CellError:
        text = " ".join(str(value).split())
    return storable(text)


def fingerprint(previous: str, row: JournalRow) -> str:
    """Hashes each value as Excel may give it back (« 1.10 » typed as 1.1, a
    timestamp turned into a date), so a retyped cell does not break the chain."""
    payload = SEPARATOR.join((previous, *(canonical_text(v) for v in row.content())))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _matches(previous: str, row: JournalRow) -> bool:
    return row.fingerprint == fingerprint(previous, row) or row.fingerprint == _legacy_fingerprint(previous, row)


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


def seal(rows: list[JournalRow]) -> str:
    """The rows' contents chained again from the start, whatever their Empreinte cells say:
    what a row « journal modifié accepté » continues, so the rows it accepted stay as accepted."""
    previous = GENESIS
    for row in rows:
        previous = fingerprint(previous, row)
    return previous


@dataclass(frozen=True)
class Break:
    """Where and how the journal stopped matching its chain."""

    number: int  # N° of the first row that no longer matches
    kind: str  # "modified", "removed_at_end", "reordered", "accepted_altered"


def accepted_from(row: JournalRow) -> int | None:
    """The N° from which a row « journal modifié accepté » accepted the journal as it stood
    (its « Clé », « N° 12 »)."""
    m = re.fullmatch(r"N°\s*(\d+)", row.key.strip())
    return int(m.group(1)) if m else None


def diagnose(rows: list[JournalRow], head_count: int | None, head_hash: str | None) -> Break | None:
    """The first break of the chain after the last acceptance that still holds, or None if intact.

    Checks the numbering (1, 2, 3…; an acceptance may skip the numbers of rows removed
    before it), each Empreinte, each acceptance against the seal of the rows before it,
    and that the chain still reaches the head recorded at the last write.
    """
    previous = origin = sealed = GENESIS
    expected, start, highest = 1, 0, 0
    first: tuple[int, int] | None = None  # (index, N°) of the first break since the last acceptance
    altered: JournalRow | None = None  # an acceptance the rows before it no longer match
    for index, row in enumerate(rows):
        continued = fingerprint(previous, row) if first is None else ""
        # While the chain holds, the seal is the chain itself: one hash per row.
        resealed = continued if continued and sealed == previous else fingerprint(sealed, row)
        if row.field == ACCEPTED and row.number > highest and row.fingerprint == resealed:
            first, altered, origin, start = None, None, sealed, index
            previous, expected = row.fingerprint, row.number + 1
        elif first is None and (row.number != expected or (row.fingerprint != continued
                                                            and row.fingerprint != _legacy_fingerprint(previous, row))):
            first = (index, expected)
        elif first is None:
            previous, expected = row.fingerprint, expected + 1
        elif row.field == ACCEPTED and altered is None:
            altered = row
        highest = max(highest, row.number)
        sealed = resealed
    if first is not None:
        return _first_break(rows[start:], first[1], rows[start].number if start else 1, origin, altered)
    count = rows[-1].number if rows else 0
    if head_count is not None and count < head_count:
        return Break(count + 1, "removed_at_end")
    if head_count is not None and head_hash and count == head_count and previous != head_hash:
        return Break(count, "modified")
    return None


def _first_break(rows: list[JournalRow], number: int, first_number: int, origin: str,
                 altered: JournalRow | None) -> Break:
    # Sorted back by N°, do all the rows since the anchor chain from it? (Not from the
    # last row matched: a swap in the middle would then read as an edit.)
    if _is_reordering(rows, first_number, origin):
        return Break(number, "reordered")
    if altered is not None and number >= (accepted_from(altered) or number):
        # The break is one the acceptance had accepted: what changed since is somewhere
        # among the rows it accepted, which no longer match its seal.
        return Break(altered.number, "accepted_altered")
    return Break(number, "modified")


def _is_reordering(rows: list[JournalRow], first_number: int, previous: str) -> bool:
    """True when the rows are all there and intact, only sorted in another order."""
    ordered = sorted(rows, key=lambda r: r.number)
    if [r.number for r in ordered] != list(range(first_number, first_number + len(rows))):
        return False
    for row in ordered:
        if not _matches(previous, row):
            return False
        previous = row.fingerprint
    return True


def head_line(rows: list[JournalRow]) -> str:
    """« N° 1 à 11 — 3F2A 9C1B 77E0 »: the rows up to the last and its Empreinte, as the minutes
    print it and ``verify`` compares it ("" for an empty journal)."""
    return f"N° 1 à {rows[-1].number} — {short(rows[-1].fingerprint)}" if rows else ""


HEAD_LINE = re.compile(r"\s*N°\s*1\s*à\s*(\d+)\s*[—–-]\s*([0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4})\s*")


def parse_head_line(text: str) -> tuple[int, str] | None:
    """(last N°, short fingerprint) of a ``head_line``, or None for any other text."""
    m = HEAD_LINE.fullmatch(text)
    return (int(m.group(1)), m.group(2)) if m else None


def short(fingerprint_hex: str) -> str:
    """The form people compare by eye and print in the minutes: 12 hex digits in three groups."""
    head = fingerprint_hex[:12].upper()
    return " ".join(head[i:i + 4] for i in range(0, 12, 4))
