"""What the journal tells about a workbook, from sheet rows: its findings for the
check, its fingerprint, and the adjustments and presented version the minutes use.

Pure: nothing here reads or writes a file.
"""

from __future__ import annotations

import re

from nr_xl.core import ownership, schema
from nr_xl.core.findings import Finding, finding
from nr_xl.core.journal.chain import ACCEPTED, JournalRow, head_line
from nr_xl.core.journal.book import (
    DECISION_KEY, RESERVATIONS_KEY, ROW_ADDED, ROW_REMOVED, Workbook, describe, field_label,
)
from nr_xl.core.journal.snapshot import ADDED, CHANGED, REMOVED, Adjustment, Change, Snapshot, diff, revert
from nr_xl.core.tables import column_letter


def journal_findings(book: Workbook) -> list[Finding]:
    """journal.* findings: the reference sheet altered or gone, the Journal off its chain, a
    note the table will grow into."""
    out: list[Finding] = notes_in_the_way(book)
    if book.reference_altered:
        out.append(finding("journal.reference_altered", sheet=schema.REFERENCE_SHEET.name))
    elif book.state is None and book.journal:
        out.append(finding("journal.reference_missing", sheet=schema.REFERENCE_SHEET.name, rows=len(book.journal)))
    found = book.broken
    if found is not None:
        row = next((r.excel_row for r in book.journal if r.number == found.number), None)
        if row is None and found.number - 1 < len(book.journal):
            row = book.journal[found.number - 1].excel_row
        if found.kind == "modified" and found.number - 1 < len(book.journal) \
                and not book.journal[found.number - 1].fingerprint:
            out.append(_foreign_row(found.number, book.journal[found.number - 1].excel_row))
            return out
        if found.kind == "reordered":
            suggestion = (f"Triez le tableau « {schema.JOURNAL.sheet} » par N° croissant : aucune ligne n'a été modifiée, "
                          "la chaîne sera de nouveau intacte.")
        else:
            suggestion = ("Restaurez le journal depuis une sauvegarde .bak datée du classeur ; pour corriger un "
                          "ajustement, modifiez la feuille de route puis journalisez à nouveau.")
        out.append(finding(
            "journal.tampered", sheet=schema.JOURNAL.sheet, row=row, field="Empreinte",
            key=str(found.number), detail=describe(found), advice=suggestion,
        ))
    return out


def notes_in_the_way(book: Workbook) -> list[Finding]:
    """One finding per row holding a note under the Journal table, in its columns: the table
    grows a row per adjustment, and the write that would reach it is refused."""
    box = book.journal_box
    if box is None:
        return []
    rows = book.sheets.get(schema.JOURNAL.sheet) or []
    width = len(schema.JOURNAL.headers)
    below = {(r, c): value for r in range(box[2] + 1, len(rows) + 1)
             for c, value in enumerate(rows[r - 1][box[1] - 1:box[1] - 1 + width], start=box[1])
             if value is not None and value != ""}
    out = []
    by_row: dict[int, list[tuple[int, int]]] = {}
    for pos in ownership.in_the_way(below, box, width):
        by_row.setdefault(pos[0], []).append(pos)
    for row, cells in sorted(by_row.items()):
        first = cells[0]
        text = ownership.cell_text(below[first]).strip()
        out.append(finding(
            "journal.note_under_table", sheet=schema.JOURNAL.sheet, row=row,
            key=f"{schema.JOURNAL.sheet}!{column_letter(first[1] - 1)}{row}",
            excerpt=text if len(text) <= 40 else text[:39] + "…",
            more=f" (et {len(cells) - 1} autre(s) cellule(s) de la ligne)" if len(cells) > 1 else "",
            column=ownership.beside_column(box, width, schema.JOURNAL.sheet)))
    return out


def journal_fingerprint(book: Workbook) -> str | None:
    """« N° 1 à 11 — 3F2A 9C1B 77E0 »: what the minutes print and ``verify`` compares
    (None while the journal is empty or broken)."""
    if not book.journal or book.broken is not None:
        return None
    return head_line(book.journal)


def _foreign_row(number: int, row: int | None) -> Finding:
    """A row typed inside the Journal table (Excel extends a table over a row typed right under it)."""
    return finding("journal.tampered", sheet=schema.JOURNAL.sheet, row=row, field="Empreinte", key=str(number),
                   variant="foreign_row", number=number)


def net_adjustments(book: Workbook) -> list[Adjustment]:
    """Version presented to the committee -> now, one line per changed item,
    with the reasons the journal gives for it."""
    if book.state is None:
        return []
    reasons: dict[tuple[str, str, str], list[str]] = {}
    for row in book.journal[book.state.presented_count:]:
        if row.reason:
            reasons.setdefault((row.sheet, row.key, row.field), [])
            if row.reason not in reasons[(row.sheet, row.key, row.field)]:
                reasons[(row.sheet, row.key, row.field)].append(row.reason)
    out = []
    for change in diff(book.state.committee_base, book.current):
        if change.sheet == schema.PARAMETER_TABLE.sheet and change.key in (DECISION_KEY, RESERVATIONS_KEY):
            continue  # the committee's decision, not an adjustment of the roadmap
        label = field_label(change)
        out.append(Adjustment(change.sheet, change.key, label, change.old, change.new,
                              tuple(reasons.get((change.sheet, change.key, label), ()))))
    return out


def presented_sheets(book: Workbook) -> dict[str, list[list[object]]] | None:
    """The version presented to the committee as plain sheet rows (canonical
    values parse back), so it can be checked like a workbook."""
    if book.state is None:
        return None
    return sheets_of(book.state.committee_base)


def validated_sheets(book: Workbook, before_year: int) -> tuple[str, dict[str, list[list[object]]]] | None:
    """The version in force when ``before_year`` began (the last validated before it, else the
    first validated), rebuilt from the journal: today's roadmap with every row logged since
    undone. Its number and its sheet rows; None before any validation or with a broken journal."""
    if book.broken is not None:
        return None
    validations = [i for i, r in enumerate(book.journal)
                   if r.sheet == schema.PARAMETER_TABLE.sheet and r.key == schema.VERSION.key]
    if not validations:
        return None
    earlier = [i for i in validations if _year(book.journal[i].timestamp) < before_year]
    at = earlier[-1] if earlier else validations[0]
    changes = [_as_change(r) for r in book.journal[at + 1:] if r.field != ACCEPTED]
    return book.journal[at].new, sheets_of(revert(book.current, changes))


def _year(stamp: str) -> int:
    """The year of a journal row's « 05/12/2026 17:00:00 »."""
    found = re.search(r"\b(\d{4})\b", stamp)
    return int(found.group(1)) if found else 0


def _as_change(row: JournalRow) -> Change:
    kind = {ROW_ADDED: ADDED, ROW_REMOVED: REMOVED}.get(row.field, CHANGED)
    return Change(row.sheet, row.key, None if kind != CHANGED else row.field, row.old, row.new, kind)


def sheets_of(snap: Snapshot) -> dict[str, list[list[object]]]:
    """A snapshot as plain sheet rows a reader would hand the model builder."""
    sheets: dict[str, list[list[object]]] = {}
    for spec in schema.INPUT_TABLES:
        records = snap.get(spec.sheet)
        if records is None:
            continue
        headers = [h for h in (*spec.headers,) if any(h in r for r in records.values())] or list(spec.headers)
        sheets[spec.sheet] = [list[object](headers)] + [[r.get(h, "") for h in headers] for r in records.values()]
    return sheets
