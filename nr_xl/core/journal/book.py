"""A workbook as the journal sees it: its sheet rows, the reference state stored in it
and its Journal rows, read once (pure). What the plans, the review and the check share.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from nr_xl.core import schema
from nr_xl.core.build import read_parameters
from nr_xl.core.journal import store
from nr_xl.core.journal.chain import GENESIS, Break, JournalRow, cell_text, diagnose, parse_head_line, short
from nr_xl.core.journal.snapshot import ADDED, REMOVED, Change, Snapshot, keep_links, snapshot
from nr_xl.core.layout import HEAD_CELL, REASON_CELL
from nr_xl.core.links import Links
from nr_xl.core.model import Parameters
from nr_xl.core.tables import column_index

ROW_ADDED, ROW_REMOVED = "(ligne ajoutée)", "(ligne supprimée)"
DECISION_KEY, RESERVATIONS_KEY = schema.COMMITTEE_DECISION.key, schema.RESERVATIONS.key


@dataclass(frozen=True)
class Workbook:
    """What the journal needs from a workbook, read in one pass."""

    sheets: dict[str, list[list[object]]]
    state: store.JournalState | None
    journal: list[JournalRow]
    reference_altered: bool = False
    # tbl_Journal as the workbook has it (first row, first col, last row, last col), when known.
    journal_box: tuple[int, int, int, int] | None = None
    # The cells that read another workbook (core/links.py): the journal follows their link.
    # None: unknown (an engine that reads no formulas, xlwings Lite; rows given as values).
    links: Links | None = None

    @functools.cached_property
    def current(self) -> Snapshot:
        return self.snapshot_of(self.sheets)

    def snapshot_of(self, sheets: dict[str, list[list[object]]]) -> Snapshot:
        """``sheets`` as the journal compares them. Links unknown: a link the journal last
        recorded is kept where its cell still holds the value recorded with it (nothing
        changed there), and dropped where it holds another, so that the change is journalled,
        as a value: an engine blind to formulas never hides a change nor invents one."""
        current = snapshot(sheets, self.links)
        if self.links is None and self.state is not None:
            keep_links(current, self.state.logged)
        return current

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


def from_sheets(sheets: dict[str, list[list[object]]], tables: dict[str, str] | None = None,
                links: Links | None = None) -> Workbook:
    """``tables`` (name -> range): the journal is the rows of tbl_Journal, not the
    whole sheet, so a note typed under the table is not taken for a journal row.
    ``links``: the cells that read another workbook, by sheet (their link is journalled,
    not the value Excel last read); None where they could not be read."""
    altered = False
    try:
        state = store.from_rows(sheets.get(schema.REFERENCE_SHEET.name))
    except store.ReferenceAltered:
        state, altered = None, True
    table = (tables or {}).get(schema.JOURNAL.table)
    journal = store.journal_rows(sheets.get(schema.JOURNAL.sheet), table)
    return Workbook(sheets, state, journal, altered, box_of(table) if table else None, links)


def box_of(area: str) -> tuple[int, int, int, int] | None:
    """« A1:K12 » -> (1, 1, 12, 11); None for anything else."""
    m = re.fullmatch(r"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)", area.replace("$", "").strip().upper())
    if m is None:
        return None
    return int(m.group(2)), column_index(m.group(1)) + 1, int(m.group(4)), column_index(m.group(3)) + 1


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
