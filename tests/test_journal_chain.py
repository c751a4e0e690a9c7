"""Tamper evidence: editing, removing or inserting any row breaks the chain at that row."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nr_xl.core.journal.chain import GENESIS, JournalRow, chain, diagnose


def journal(n: int) -> list[JournalRow]:
    rows = [JournalRow(i, "03/12/2026 10:00:00", "COPIL", "Léa", "Budget", f"B{i}/2027", "Investissement (€)",
                       str(i * 100), str(i * 110), "=cmd|' /C calc'!A0" if i == 2 else "motif")
            for i in range(1, n + 1)]
    return chain(GENESIS, rows)


def first_broken(rows, head_count, head_hash):
    """N° of the first row that no longer matches the chain, or None if intact."""
    found = diagnose(rows, head_count, head_hash)
    return found.number if found else None


def renumber(rows):
    return [replace(r, number=i) for i, r in enumerate(rows, start=1)]


def test_untouched_journal_is_intact():
    rows = journal(6)
    assert first_broken(rows, 6, rows[-1].fingerprint) is None
    assert first_broken([], 0, GENESIS) is None


def test_chain_continues_across_writes():
    first = journal(3)
    more = chain(first[-1].fingerprint, [replace(r, number=r.number + 3, fingerprint="") for r in journal(2)])
    assert first_broken(first + more, 5, more[-1].fingerprint) is None


@settings(max_examples=60)
@given(st.integers(1, 8), st.data())
def test_editing_any_field_of_any_row_is_detected(n, data):
    rows = journal(n)
    index = data.draw(st.integers(0, n - 1))
    field = data.draw(st.sampled_from(["timestamp", "instance", "author", "sheet", "key", "field", "old", "new",
                                       "reason"]))
    rows[index] = replace(rows[index], **{field: getattr(rows[index], field) + "!"})
    assert first_broken(rows, n, journal(n)[-1].fingerprint) == index + 1


@settings(max_examples=60)
@given(st.integers(1, 8), st.data())
def test_removing_any_row_is_detected(n, data):
    rows = journal(n)
    index = data.draw(st.integers(0, n - 1))
    del rows[index]
    head = journal(n)[-1].fingerprint
    assert first_broken(rows, n, head) == index + 1
    # Even if the rows below are renumbered by hand to hide the gap.
    assert first_broken(renumber(rows), n, head) == min(index + 1, n)


@settings(max_examples=60)
@given(st.integers(0, 8), st.data())
def test_inserting_a_row_anywhere_is_detected(n, data):
    rows = journal(n)
    index = data.draw(st.integers(0, n))
    forged = JournalRow(index + 1, "03/12/2026 11:00:00", "COPIL", "X", "Budget", "B9/2027", "Investissement (€)",
                        "1", "2", "ajout", fingerprint="0" * 64)
    rows.insert(index, forged)
    assert first_broken(renumber(rows), n, journal(n)[-1].fingerprint if n else GENESIS) == index + 1


@pytest.mark.parametrize("number", [0, 2, 5])
def test_renumbered_row_is_detected(number):
    rows = journal(3)
    rows[0] = replace(rows[0], number=number)
    assert first_broken(rows, 3, rows[-1].fingerprint) == 1


def excel_read_back(row: JournalRow) -> JournalRow:
    """The row as read back after Excel re-typed every cell (numbers, dates, date-times)."""
    from nr_xl.core.excel_typing import stored_value
    from nr_xl.core.journal.store import journal_text

    retyped = {f: journal_text(stored_value(getattr(row, f))) for f in
               ("timestamp", "instance", "author", "sheet", "key", "field", "old", "new", "reason")}
    return replace(row, **retyped)


def test_values_excel_retyped_still_match_their_chain():
    rows = chain(GENESIS, [
        JournalRow(1, "03/12/2026 10:00:00", "COPIL", "Léa", "Paramètres", "Version", "Valeur", "2.9", "2.10", ""),
        JournalRow(2, "03/12/2026 10:00:00", "COPIL", "Léa", "Budget", "B1/2027", "Investissement (€)",
                   "0150", "12,5", "50 %"),
        JournalRow(3, "03/12/2026 10:05:00", "COPIL", "Léa", "Feuille de route", "B2", "Début", "07/03/2027",
                   "2027-T3", "1e3"),
    ])
    read_back = [excel_read_back(r) for r in rows]
    assert read_back[0].new == "2.1" and read_back[1].old == "150"  # really re-typed
    assert first_broken(read_back, 3, rows[-1].fingerprint) is None
    edited = [read_back[0], replace(read_back[1], new="13"), read_back[2]]
    assert first_broken(edited, 3, rows[-1].fingerprint) == 2


def test_journals_hashed_before_canonical_values_stay_intact():
    import hashlib

    from nr_xl.core.journal.chain import SEPARATOR, cell_text

    rows, previous = [], GENESIS
    for row in (JournalRow(1, "03/12/2026 10:00:00", "COPIL", "Léa", "Paramètres", "Version", "Valeur", "2.9",
                           "2.10", ""),):
        payload = SEPARATOR.join((previous, *(cell_text(v) for v in row.content())))
        previous = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        rows.append(replace(row, fingerprint=previous))
    assert first_broken(rows, 1, previous) is None
    assert first_broken([replace(rows[0], new="2.11")], 1, previous) == 1


def test_a_chain_that_no_longer_reaches_the_recorded_head_is_modified_at_its_last_row():
    # Every row re-chained after an edit verifies on its own: only the head recorded at the
    # last write tells that the journal was rewritten.
    from nr_xl.core.journal.chain import diagnose

    rows = journal(4)
    forged = chain(GENESIS, [replace(r, new="999", fingerprint="") if r.number == 2 else replace(r, fingerprint="")
                             for r in rows])
    found = diagnose(forged, 4, rows[-1].fingerprint)
    assert found is not None and (found.number, found.kind) == (4, "modified")
    assert diagnose(rows, 4, rows[-1].fingerprint) is None
    assert diagnose(rows, 4, None) is None  # no head recorded: the rows alone decide
    found = diagnose(rows[:3], 4, rows[-1].fingerprint)
    assert found is not None and (found.number, found.kind) == (4, "removed_at_end")


def test_sorted_rows_are_told_apart_from_edited_ones():
    from nr_xl.core.journal.chain import diagnose

    rows = journal(5)
    shuffled = [rows[0], rows[2], rows[1], rows[3], rows[4]]
    found = diagnose(shuffled, 5, rows[-1].fingerprint)
    assert found is not None and (found.number, found.kind) == (2, "reordered")
    edited = [rows[0], replace(rows[2], new="1"), rows[1], rows[3], rows[4]]
    found = diagnose(edited, 5, rows[-1].fingerprint)
    assert found is not None and (found.number, found.kind) == (2, "modified")
    missing = [rows[0], rows[2], rows[3], rows[4]]  # N° 2 gone: not a mere sort
    found = diagnose(missing, 5, rows[-1].fingerprint)
    assert found is not None and found.kind == "modified"


@pytest.mark.parametrize("table_range, read", [("A1:K3", 2), ("A1:K4", 3), ("A1:K2", 1), (None, 3)])
def test_the_journal_is_the_rows_of_its_table_not_a_note_typed_under_it(table_range, read):
    from nr_xl.core import schema
    from nr_xl.core.journal.store import journal_rows

    rows = [list(schema.JOURNAL.headers)] + [list(r.values()) for r in journal(2)] + [["une note sous le tableau"]]
    found = journal_rows(rows, table_range)
    assert len(found) == read
    assert [r.number for r in found][:2] == [1, 2][:read]


# --- an acceptance seals the rows it accepted ------------------------------------------------------

def accepted_after_an_edit(n: int, edited: int) -> list[JournalRow]:
    """Row N° ``edited`` of ``n`` edited by hand, then accepted as it stands (as _guard writes it)."""
    from nr_xl.core.journal.chain import ACCEPTED, seal

    rows = journal(n)
    rows[edited - 1] = replace(rows[edited - 1], new="999")
    acceptance = JournalRow(n + 1, "04/12/2026 09:00:00", "COPIL", "Léa", "Journal", f"N° {edited}", ACCEPTED,
                            "la ligne a été modifiée", "journal accepté tel qu'il est", "accepté")
    return rows + chain(seal(rows), [acceptance])


def test_an_acceptance_restarts_the_chain_and_the_chain_goes_on_after_it():
    rows = accepted_after_an_edit(5, 3)
    assert first_broken(rows, 6, rows[-1].fingerprint) is None
    more = chain(rows[-1].fingerprint, [replace(r, number=7, fingerprint="") for r in journal(1)])
    assert first_broken(rows + more, 7, more[-1].fingerprint) is None


@settings(max_examples=80)
@given(st.integers(2, 8), st.data())
def test_any_row_rewritten_before_an_acceptance_is_caught(n, data):
    edited = data.draw(st.integers(1, n))
    rows = accepted_after_an_edit(n, edited)
    target = data.draw(st.integers(0, n))  # any row the acceptance covers, or the acceptance itself
    field = data.draw(st.sampled_from(["author", "old", "new", "reason"]))
    rows[target] = replace(rows[target], **{field: getattr(rows[target], field) + "!"})
    found = diagnose(rows, n + 1, rows[-1].fingerprint)
    assert found is not None
    if target + 1 < edited:  # before the break it accepted: that very row
        assert (found.number, found.kind) == (target + 1, "modified")
    else:  # among the rows it accepted as they stood: the acceptance that no longer holds
        assert (found.number, found.kind) == (n + 1, "accepted_altered")


def test_an_acceptance_may_skip_the_numbers_of_rows_removed_before_it():
    from nr_xl.core.journal.chain import ACCEPTED, seal

    rows = journal(6)[:4]  # N° 5 and 6 removed
    acceptance = JournalRow(7, "04/12/2026 09:00:00", "COPIL", "Léa", "Journal", "N° 5", ACCEPTED,
                            "les lignes à partir du N° 5 ont été supprimées", "journal accepté tel qu'il est", "ok")
    rows += chain(seal(rows), [acceptance])
    assert first_broken(rows, 7, rows[-1].fingerprint) is None
    hand = replace(acceptance, number=3)  # an « acceptance » typed with a number already used
    assert first_broken(journal(6)[:4] + chain(seal(journal(6)[:4]), [hand]), None, None) == 5
