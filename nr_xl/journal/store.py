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

import hashlib
import json
from dataclasses import dataclass

from nr_xl import parse, schema
from nr_xl.journal.chain import GENESIS, JournalRow
from nr_xl.journal.snapshot import Snapshot
from nr_xl.tables import extract
from nr_xl.workbook.layout import Cell, SheetContent

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


def digest(snap: Snapshot) -> str:
    return hashlib.sha256(_dump(snap).encode("utf-8")).hexdigest()


def _dump(snap: Snapshot) -> str:
    return json.dumps(snap, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _chunks(text: str) -> list[str]:
    return [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]


def to_content(state: JournalState) -> SheetContent:
    meta = {
        "format": FORMAT,
        "reference_date": state.reference_date,
        "reference_version": state.reference_version,
        "reference_hash": digest(state.reference),
        "logged_hash": digest(state.logged),
        "journal_count": str(state.journal_count),
        "journal_head": state.journal_head,
        "validated_on": state.validated_on,
        "validated_by": state.validated_by,
        "presented_count": str(state.presented_count),
        "presented_hash": digest(state.committee_base),
    }
    cells = [Cell(1, 1, "nr_xl — version de référence de la feuille de route. "
                        "Feuille gérée par nr_xl : ne pas modifier.")]
    cells += [c for r, name in enumerate(META, start=2)
              for c in (Cell(r, 1, name), Cell(r, 2, meta[name] or None))]
    columns = [_chunks(_dump(s)) for s in (state.reference, state.logged, state.committee_base)]
    for col, chunks in enumerate(columns, start=1):
        cells += [Cell(FIRST_CHUNK_ROW + i, col, chunk) for i, chunk in enumerate(chunks)]
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
        for col in (0, 1, 2):
            if len(row) > col and isinstance(row[col], str):
                columns[col].append(row[col])
    try:
        reference, logged, presented = (json.loads("".join(c)) for c in columns)
    except json.JSONDecodeError as exc:
        raise ReferenceAltered("contenu illisible") from exc
    if (digest(reference) != meta["reference_hash"] or digest(logged) != meta.get("logged_hash")
            or digest(presented) != meta.get("presented_hash")):
        raise ReferenceAltered("empreinte différente")
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


def journal_rows(rows: list[list[object]] | None) -> list[JournalRow]:
    """The Journal table as written (a hand-edited number stays as typed, for the chain check)."""
    table = extract(schema.JOURNAL, rows)
    out = []
    for row in table.rows:
        text = {h: parse.text(row.get(h)) or "" for h in schema.JOURNAL.headers}
        try:
            number = int(parse.amount(row.get("N°")) or 0)
        except (parse.CellError, ValueError):
            number = -1
        out.append(JournalRow(
            number=number, timestamp=text["Horodatage"], instance=text["Instance"],
            author=text["Auteur"], sheet=text["Feuille"], key=text["Clé"], field=text["Champ"],
            old=text["Ancienne valeur"], new=text["Nouvelle valeur"], reason=text["Motif"],
            fingerprint=text["Empreinte"], excel_row=row.row,
        ))
    return out
