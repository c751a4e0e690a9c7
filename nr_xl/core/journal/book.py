"""A workbook as the journal sees it: its sheet rows, the reference state stored in it
and its Journal rows, read once (pure). What the plans, the review and the check share.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from nr_xl.core import schema
from nr_xl.core.build import read_parameters
from nr_xl.core.journal import store
from nr_xl.core.journal.chain import GENESIS, Break, JournalRow, cell_text, diagnose, parse_head_line, short
from nr_xl.core.journal.snapshot import ADDED, REMOVED, Change, Snapshot, snapshot
from nr_xl.core.layout import HEAD_CELL, REASON_CELL
from nr_xl.core.model import Parameters

ROW_ADDED, ROW_REMOVED = "(ligne ajoutée)", "(ligne supprimée)"
DECISION_KEY, RESERVATIONS_KEY = schema.COMMITTEE_DECISION.key, schema.RESERVATIONS.key


@dataclass(frozen=True)
class Workbook:
    """What the journal needs from a workbook, read in one pass."""

    sheets: dict[str, list[list[object]]]
    state: store.JournalState | None
    journal: list[JournalRow]
    reference_altered: bool = False

    @functools.cached_property
    def current(self) -> Snapshot:
        return snapshot(self.sheets)

    @functools.cached_property
    def parameters(self) -> Parameters:
        return read_parameters(self.sheets)

    @property
    def head(self) -> str:
        """Empreinte of the last Journal row: where the next rows chain from."""
        return self.journal[-1].fingerprint if self.journal else GENESIS

    @functools.cached_property
    def broken(self) -> Break | None:
        """The first break of the chain, against the head the reference sheet keeps, or, with
        that sheet gone or damaged, the one nr_xl wrote beside the Journal table (M5)."""
        state = self.state
        if state is not None:
            return diagnose(self.journal, state.journal_count, state.journal_head)
        recorded = self.recorded_head
        found = diagnose(self.journal, recorded[0] if recorded else None, None)
        if found is None and recorded and self.journal and self.journal[-1].number == recorded[0] \
                and short(self.head) != recorded[1]:
            return Break(recorded[0], "modified")
        return found

    @functools.cached_property
    def recorded_head(self) -> tuple[int, str] | None:
        """(last N°, short fingerprint) nr_xl wrote beside the Journal table at its last write."""
        return parse_head_line(self._beside(HEAD_CELL))

    @property
    def last_written(self) -> str:
        """« N° 1 à 11 — 3F2A 9C1B 77E0 »: the journal as nr_xl last wrote it, from the reference
        sheet, else from beside the table ("" when neither says)."""
        if self.state is not None and self.state.journal_count:
            return f"N° 1 à {self.state.journal_count} — {short(self.state.journal_head)}"
        recorded = self.recorded_head
        return f"N° 1 à {recorded[0]} — {recorded[1]}" if recorded else ""

    @property
    def next_number(self) -> int:
        """N° of the next Journal row: after the highest, and after the last one nr_xl recorded
        writing, so the N° of a row removed at the end (which circulated minutes may attest)
        is never given to another."""
        recorded = [self.state.journal_count] if self.state is not None else []
        recorded += [self.recorded_head[0]] if self.recorded_head else []
        return max([r.number for r in self.journal] + [len(self.journal), *recorded]) + 1

    @property
    def typed_reason(self) -> str:
        """The reason a user typed beside the Journal table (M2) before logging."""
        return self._beside(REASON_CELL)

    def _beside(self, cell: tuple[int, int]) -> str:
        rows = self.sheets.get(schema.JOURNAL.sheet) or []
        r, c = cell
        value = rows[r - 1][c - 1] if len(rows) >= r and len(rows[r - 1]) >= c else None
        return cell_text(value)


def from_sheets(sheets: dict[str, list[list[object]]], tables: dict[str, str] | None = None) -> Workbook:
    """``tables`` (name -> range): the journal is the rows of tbl_Journal, not the
    whole sheet, so a note typed under the table is not taken for a journal row."""
    altered = False
    try:
        state = store.from_rows(sheets.get(schema.REFERENCE_SHEET.name))
    except store.ReferenceAltered:
        state, altered = None, True
    journal = store.journal_rows(sheets.get(schema.JOURNAL.sheet), (tables or {}).get(schema.JOURNAL.table))
    return Workbook(sheets, state, journal, altered)


BREAK_WORDS = {
    "modified": "la ligne N° {n} a été modifiée, insérée ou supprimée à la main",
    "removed_at_end": "les lignes à partir du N° {n} ont été supprimées",
    "reordered": "les lignes ont été triées ou déplacées (à partir du N° {n})",
    "accepted_altered": "une ligne antérieure à la ligne N° {n} (journal modifié accepté) a été modifiée, insérée "
                        "ou supprimée depuis cette acceptation",
}


def describe(found: Break) -> str:
    return BREAK_WORDS[found.kind].format(n=found.number)


def field_label(change: Change) -> str:
    """The « Champ » of a Journal row: the column, or what happened to a whole row."""
    return {ADDED: ROW_ADDED, REMOVED: ROW_REMOVED}.get(change.kind, change.field or "")
