"""Where the journal's state lives inside the workbook (pure conversions).

The reference version is kept in the very hidden sheet ``_nr_reference`` as
JSON split over cells (a cell holds at most 32,767 characters): a very hidden
sheet survives Excel, LibreOffice and openpyxl saves; custom XML parts do not.
Column A holds the reference version (taken by snapshot/validate), column B the
state at the last log, so ``log`` records only what changed since, and column C
the version presented to the committee (taken by snapshot, kept by validate),
against which the minutes list the adjustments decided.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import json
from dataclasses import dataclass
from typing import Any

from nr_xl.core import parse, schema
from nr_xl.core.journal.chain import GENESIS, JournalRow, cell_text
from nr_xl.core.journal.snapshot import Snapshot
from nr_xl.core.tables import extract
from nr_xl.core.layout import Cell, SheetContent

FORMAT = "1"
CHUNK = 30000
FIRST_CHUNK_ROW = 20
META = ("format", "reference_date", "reference_version", "reference_hash", "logged_hash",
        "journal_count", "journal_head", "validated_on", "validated_by", "presented_count", "presented_hash")


class ReferenceAltered(ValueError):
    """The hidden reference sheet no longer matches its own hash."""


@dataclass(frozen=True)
class JournalState:
    reference: Snapshot
    logged: Snapshot
    reference_date: str
    reference_version: str
    journal_count: int = 0
    journal_head: str = GENESIS
    validated_on: str = ""
    validated_by: str = ""
    # The version presented to the committee, and the Journal rows that existed
    # then: the minutes' adjustments are presented -> now, with the reasons of later rows.
    presented: Snapshot | None = None
    presented_count: int = 0

    @property
    def committee_base(self) -> Snapshot:
        return self.presented if self.presented is not None else self.reference


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReadBack(dict):
    """A version read back from the reference sheet, with the very text it was read from:
    a log rewrites the sheet, and re-serialising versions it did not change (megabytes
    on a région's roadmap) would give that same text back. Snapshots are never modified
    in place (revert and apply_changes copy), so the text stays theirs."""

    def __init__(self, text: str) -> None:
        super().__init__(json.loads(text))
        self.text = text


def _dump(snap: Snapshot) -> str:
    if isinstance(snap, ReadBack):
        return snap.text
    return json.dumps(snap, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _chunks(text: str) -> list[str]:
    return [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]


# Right after a snapshot the three versions are the same: stored once, the other
# columns then say which column they repeat.
SAME_AS = "même version que la colonne "


def to_content(state: JournalState) -> SheetContent:
    dumped: dict[int, str] = {}  # the same snapshot object is serialised once
    texts = []
    for snap in (state.reference, state.logged, state.committee_base):
        if id(snap) not in dumped:
            dumped[id(snap)] = _dump(snap)
        texts.append(dumped[id(snap)])
    hashes = [_text_digest(t) for t in texts]
    meta = {
        "format": FORMAT,
        "reference_date": state.reference_date,
        "reference_version": state.reference_version,
        "reference_hash": hashes[0],
        "logged_hash": hashes[1],
        "journal_count": str(state.journal_count),
        "journal_head": state.journal_head,
        "validated_on": state.validated_on,
        "validated_by": state.validated_by,
        "presented_count": str(state.presented_count),
        "presented_hash": hashes[2],
    }
    cells = [Cell(1, 1, "nr_xl — version de référence de la feuille de route. "
                        "Feuille gérée par nr_xl : ne pas modifier.")]
    cells += [c for r, name in enumerate(META, start=2)
              for c in (Cell(r, 1, name), Cell(r, 2, meta[name] or None))]
    for col, text in enumerate(texts, start=1):
        earlier = texts.index(text)
        if earlier < col - 1:
            cells.append(Cell(FIRST_CHUNK_ROW, col, SAME_AS + "ABC"[earlier]))
            continue
        cells += [Cell(FIRST_CHUNK_ROW + i, col, chunk) for i, chunk in enumerate(_chunks(text))]
    return SheetContent(tuple(cells), 1)


def from_rows(rows: list[list[object]] | None) -> JournalState | None:
    """The state read back from the reference sheet; None when no reference was taken."""
    if not rows:
        return None
    meta = {}
    for row in rows[1:FIRST_CHUNK_ROW - 1]:
        if row and isinstance(row[0], str) and row[0] in META:
            meta[row[0]] = parse.text(row[1] if len(row) > 1 else None) or ""
    if not meta.get("reference_hash"):
        return None
    columns: list[list[str]] = [[], [], []]
    for row in rows[FIRST_CHUNK_ROW - 1:]:
        for col, chunk in enumerate(row[:3]):
            if isinstance(chunk, str):
                columns[col].append(chunk)
    texts = ["".join(c) for c in columns]
    for col, text in enumerate(texts):
        if text.startswith(SAME_AS):
            texts[col] = texts["ABC".index(text[len(SAME_AS):len(SAME_AS) + 1])]
    expected = (meta["reference_hash"], meta.get("logged_hash"), meta.get("presented_hash"))
    # Hash of the stored text itself: checking it costs no re-serialisation. The three
    # versions are often the same text (« same as A »): each distinct one is hashed
    # and decoded once, and the versions then share it, as they do when a snapshot
    # is taken (snapshots are never modified in place).
    digests: dict[str, str] = {}
    for text, want in zip(texts, expected):
        if text not in digests:
            digests[text] = _text_digest(text)
        if digests[text] != want:
            raise ReferenceAltered("empreinte différente")
    decoded: dict[str, Snapshot] = {}
    try:
        for text in texts:
            if text not in decoded:
                decoded[text] = ReadBack(text)
    except json.JSONDecodeError as exc:
        raise ReferenceAltered("contenu illisible") from exc
    reference, logged, presented = (decoded[t] for t in texts)
    return JournalState(
        reference=reference, logged=logged,
        reference_date=meta.get("reference_date", ""),
        reference_version=meta.get("reference_version", ""),
        journal_count=int(meta.get("journal_count") or 0),
        journal_head=meta.get("journal_head") or GENESIS,
        validated_on=meta.get("validated_on", ""),
        validated_by=meta.get("validated_by", ""),
        presented=presented,
        presented_count=int(meta.get("presented_count") or 0),
    )


def journal_text(value: object) -> str:
    """A Journal cell as text; a timestamp Excel turned into a date-time keeps its time."""
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return value.strftime("%d/%m/%Y %H:%M:%S")
    return cell_text(value)


def journal_rows(rows: list[list[object]] | None, table_range: str | None = None) -> list[JournalRow]:
    """The Journal table as written (a hand-edited number stays as typed, for the chain check);
    with ``table_range`` only the rows inside tbl_Journal: text typed under it is not the journal's."""
    if rows is not None and table_range:
        last = re.search(r"(\d+)$", table_range)
        if last:
            rows = rows[:int(last.group(1))]
    table = extract(schema.JOURNAL, rows)
    out = []
    number_header = schema.JOURNAL.columns[0].header
    columns = schema.JOURNAL.columns[1:]
    for row in table.rows:
        try:
            number = int(parse.amount(row.get(number_header)) or 0)
        except (parse.CellError, ValueError):
            number = -1
        text: dict[str, Any] = {str(c.field): journal_text(row.get(c.header)) for c in columns}
        out.append(JournalRow(number=number, **text, excel_row=row.row))
    return out
