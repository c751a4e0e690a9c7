"""The journal proves what it claims: no command hides a break, a forger is caught by the
circulated minutes, and what a legitimate command writes always verifies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from nr_xl import api

from nr_xl.core import schema
from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
from nr_xl.documents.produce import MINUTES
from nr_xl.jobs.documents import generate
from nr_xl.core.journal import chain as chain_module
from nr_xl.core.journal import store
from nr_xl.jobs.journal import JournalBroken, read
from nr_xl.workbook.edit import apply_edits

from test_journal_workbook import edit_with_openpyxl, journal_values

NOW = dt.datetime(2026, 12, 3, 15, 0)


def codes(path):
    return [f.code for f in api.check(path).findings if f.code.startswith("journal.")]


def committee(path, rounds=2):
    """Presented, then ``rounds`` adjustments logged, as the demo does."""
    api.snapshot(path, now=NOW)
    for reason, edits in COMMITTEE_ADJUSTMENTS[:rounds]:
        apply_edits(path, edits)
        api.log(path, reason=reason, author="Léa Fontaine", now=NOW)


def delete_last_journal_rows(path, count):
    wb = load_workbook(path, keep_vba=True)
    ws = wb[schema.JOURNAL.sheet]
    last = 1 + len(journal_values(path))
    for row in range(last - count + 1, last + 1):
        for cell in ws[row][:len(schema.JOURNAL.headers)]:
            cell.value = None
    wb.save(path)


def nr_xl(*args):
    return subprocess.run([sys.executable, "-m", "nr_xl", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"})


# --- a break is never hidden by the next command --------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("command", ["log", "snapshot", "validate"])
def test_no_command_extends_or_reanchors_a_truncated_journal(example_path, command):
    committee(example_path)
    delete_last_journal_rows(example_path, 2)
    assert codes(example_path) == ["journal.tampered"]
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[2][1])
    before = example_path.read_bytes()
    run = nr_xl(command, example_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "chaîne d'empreintes" in run.stderr and "--accepter-journal-modifie" in run.stderr
    assert "sauvegarde" in run.stderr and "Traceback" not in run.stderr
    assert example_path.read_bytes() == before  # nothing written
    assert codes(example_path) == ["journal.tampered"]  # and the break still shows


@pytest.mark.slow
def test_accepting_a_modified_journal_is_itself_journalised(example_path):
    committee(example_path)
    delete_last_journal_rows(example_path, 2)
    kept = len(journal_values(example_path))
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[2][1])
    run = nr_xl("log", example_path, "--accepter-journal-modifie", "--author", "Léa Fontaine")
    assert run.returncode == 0, run.stderr
    rows = journal_values(example_path)
    accepted = rows[kept]
    assert accepted[6] == chain_module.ACCEPTED and "supprimées" in accepted[7] and "Léa Fontaine" in accepted[9]
    assert len(rows) == kept + 2  # the acceptance, then the adjustment itself
    assert codes(example_path) == []  # verification restarts from the accepted row
    # …and a later hand edit after it is caught again.
    edit_with_openpyxl(example_path, schema.JOURNAL.sheet, f"I{len(rows) + 1}", "999")
    assert codes(example_path) == ["journal.tampered"]


@pytest.mark.slow
def test_sorted_journal_is_reported_as_reordered_with_the_fix(example_path):
    committee(example_path)
    wb = load_workbook(example_path, keep_vba=True)
    ws = wb[schema.JOURNAL.sheet]
    values = [[c.value for c in ws[r][:len(schema.JOURNAL.headers)]] for r in range(2, 2 + len(journal_values(example_path)))]
    for offset, row in enumerate(reversed(values)):
        for col, value in enumerate(row, start=1):
            ws.cell(row=2 + offset, column=col).value = value  # None too: cell(value=None) would keep the old
    wb.save(example_path)
    (tampered,) = [f for f in api.check(example_path).findings if f.code == "journal.tampered"]
    assert "triées" in tampered.message and "N° croissant" in tampered.suggestion
    run = nr_xl("log", example_path)
    assert run.returncode == 1 and "triez le tableau par N° croissant" in run.stderr


# --- forgery: caught by the minutes that were circulated -------------------------

def forge(path, number, new_value):
    """Rewrite Journal row N° ``number`` and recompute every fingerprint and the stored head,
    as a determined forger would (about twenty lines)."""
    wb = load_workbook(path, keep_vba=True)
    ws = wb[schema.JOURNAL.sheet]
    rows = store.journal_rows([[c.value for c in r] for r in ws.iter_rows()])
    rows = [dataclasses.replace(r, new=new_value) if r.number == number else r for r in rows]
    rows = chain_module.chain(chain_module.GENESIS, rows)
    for row in rows:
        ws.cell(row=row.excel_row, column=9, value=row.new)
        ws.cell(row=row.excel_row, column=11, value=row.fingerprint)
    ref = wb[schema.REFERENCE_SHEET.name]
    ref.cell(row=2 + store.META.index("journal_head"), column=2, value=rows[-1].fingerprint)
    wb.save(path)


@pytest.mark.slow
def test_a_forged_journal_passes_check_but_not_the_circulated_minutes(example_path, tmp_path):
    committee(example_path)
    minutes = generate(MINUTES, example_path, tmp_path / "cr.docx", today=NOW.date())[0]
    assert nr_xl("verify", example_path, "--contre", minutes).returncode == 0
    forge(example_path, 1, "10")
    assert codes(example_path) == []  # nothing inside one file can tell
    run = nr_xl("verify", example_path, "--contre", minutes)
    assert run.returncode == 1 and "NON CONFORME" in run.stdout and "réécrites" in run.stdout


@pytest.mark.slow
def test_fingerprint_is_printed_in_the_minutes_and_on_controles_and_verifiable_by_hand(example_path, tmp_path):
    from docs_text import docx_text

    committee(example_path)
    report = api.check(example_path)
    fingerprint = report.figures.journal_fingerprint
    assert report.to_dict()["figures"]["empreinte_journal"] == fingerprint
    assert fingerprint.startswith("N° 1 à ") and len(fingerprint.split("—")[1].split()) == 3
    api.write_findings(example_path, report)
    shown = [c.value for row in load_workbook(example_path)[schema.FINDINGS.sheet].iter_rows() for c in row]
    assert fingerprint in shown
    minutes = generate(MINUTES, example_path, tmp_path / "cr.docx", today=NOW.date())[0]
    assert fingerprint in docx_text(minutes)
    # Later rows do not break the anchor; a fingerprint typed by hand works too.
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[2][1])
    api.log(example_path, reason="Suite", now=NOW)
    run = nr_xl("verify", example_path, "--contre", fingerprint)
    assert run.returncode == 0 and "CONFORME" in run.stdout and "de plus" in run.stdout
    bad = nr_xl("verify", example_path, "--contre", "N° 1 à 3 — 0000 0000 0000")
    assert bad.returncode == 1 and "NON CONFORME" in bad.stdout
    garbage = nr_xl("verify", example_path, "--contre", "n'importe quoi")
    assert garbage.returncode == 2 and "Empreinte illisible" in garbage.stderr


@pytest.mark.slow
def test_verify_refuses_a_damaged_document_in_french(example_path, tmp_path):
    committee(example_path)
    fake = tmp_path / "cr.docx"
    fake.write_bytes(b"PK\x03\x04 pas un document")
    run = nr_xl("verify", example_path, "--contre", fake)
    assert run.returncode == 2 and "n'est pas un document Word lisible" in run.stderr


# --- what a legitimate command writes always verifies -----------------------------

@pytest.mark.parametrize("reason", ["x" * 40_000, "Motif\x07avec\x01contrôle", "  espaces   multiples  "])
def test_a_logged_row_verifies_whatever_the_reason(example_path, reason):
    committee(example_path, rounds=0)
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[1][1])
    (row,) = api.log(example_path, reason=reason, now=NOW)
    assert len(row.reason) <= 32767 and "\x07" not in row.reason
    assert codes(example_path) == []
    assert journal_values(example_path)[0][9] == row.reason  # stored exactly as hashed


def test_a_cell_with_a_tab_and_a_huge_text_logs_cleanly(example_path):
    from nr_xl.workbook.edit import CellEdit

    committee(example_path, rounds=0)
    apply_edits(example_path, [CellEdit(schema.ACTIONS.sheet, {"ID": "B3.1"}, "Action",
                                        "Titre\tavec tabulation " + "y" * 33_000)])
    (row,) = api.log(example_path, now=NOW)
    assert len(row.new) == 32767 and row.new.endswith("…")
    assert codes(example_path) == []


@pytest.mark.slow
@pytest.mark.parametrize("error", ["#N/A", "#REF!", "#VALUE!"])
def test_an_excel_error_in_a_journal_cell_is_a_finding_not_a_crash(example_path, tmp_path, error):
    committee(example_path)
    edit_with_openpyxl(example_path, schema.JOURNAL.sheet, "I3", error)
    (tampered,) = [f for f in api.check(example_path).findings if f.code == "journal.tampered"]
    assert tampered.row == 3 and tampered.key == "2"
    for args in (("check", example_path), ("minutes", example_path, "-o", tmp_path / "cr.docx"),
                 ("snapshot", example_path)):
        run = nr_xl(*args)
        assert run.returncode in (0, 1) and "Erreur inattendue" not in run.stderr, (args, run.stderr)


# --- journal semantics -----------------------------------------------------------------

def test_reason_typed_in_m2_is_used_by_the_command_line_and_kept_until_then(example_path):
    committee(example_path, rounds=0)
    edit_with_openpyxl(example_path, schema.JOURNAL.sheet, "M2", "Renfort DSI décidé en séance")
    api.write_findings(example_path, api.check(example_path))
    assert load_workbook(example_path)[schema.JOURNAL.sheet]["M2"].value == "Renfort DSI décidé en séance"
    assert api.log(example_path, now=NOW) == []  # nothing changed: the reason waits
    assert load_workbook(example_path)[schema.JOURNAL.sheet]["M2"].value == "Renfort DSI décidé en séance"
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[1][1])
    (row,) = api.log(example_path, now=NOW)
    assert row.reason == "Renfort DSI décidé en séance"
    assert load_workbook(example_path)[schema.JOURNAL.sheet]["M2"].value is None  # used up


def test_snapshot_after_the_committee_keeps_the_presented_version(example_path):
    committee(example_path)
    before = [a.key for a in api.adjustments(example_path)]
    assert before
    plan = api.snapshot(example_path, now=NOW)
    assert plan.notices and "conservée" in plan.notices[0]
    assert [a.key for a in api.adjustments(example_path)] == before
    assert read(example_path).state.presented_count == 0


def test_reference_sheet_deleted_is_reported(example_path):
    committee(example_path)
    wb = load_workbook(example_path, keep_vba=True)
    del wb[schema.REFERENCE_SHEET.name]
    wb.save(example_path)
    (finding,) = [f for f in api.check(example_path).findings if f.code == "journal.reference_missing"]
    assert finding.severity.value == "error" and finding.sheet == schema.REFERENCE_SHEET.name
    assert finding.row is None and finding.key is None


def test_log_refusal_in_python_names_the_break(example_path):
    committee(example_path)
    delete_last_journal_rows(example_path, 1)
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[2][1])
    with pytest.raises(JournalBroken) as err:
        api.log(example_path, now=NOW)
    assert "supprimées" in err.value.message


# --- the reference sheet deleted or damaged: rebuilt from the journal -------------------

@pytest.mark.slow
def test_a_deleted_reference_is_rebuilt_from_the_journal(example_path):
    committee(example_path)
    api.validate(example_path, author="Léa Fontaine", now=NOW, reservations="Renfort de la DSI à confirmer")
    adjustments = [(a.key, a.field, a.before, a.after) for a in api.adjustments(example_path)]
    assert adjustments
    wb = load_workbook(example_path, keep_vba=True)
    del wb[schema.REFERENCE_SHEET.name]
    wb.save(example_path)
    assert "journal.reference_missing" in codes(example_path)
    log_run = nr_xl("log", example_path)
    assert log_run.returncode == 1 and "--reconstruire" in log_run.stderr
    run = nr_xl("snapshot", example_path, "--reconstruire")
    assert run.returncode == 0, run.stderr
    assert "reconstruite" in run.stdout
    assert codes(example_path) == []
    assert load_workbook(example_path)[schema.REFERENCE_SHEET.name].sheet_state == "veryHidden"
    # The minutes still list what the committee changed, and the next log only what is new.
    assert [(a.key, a.field, a.before, a.after) for a in api.adjustments(example_path)] == adjustments
    assert api.log(example_path, now=NOW) == []
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[2][1])
    assert len(api.log(example_path, now=NOW)) == len(COMMITTEE_ADJUSTMENTS[2][1])
    assert read(example_path).state.reference_version == "1.1"


@pytest.mark.slow
def test_a_damaged_reference_is_rebuilt_and_an_intact_one_is_left_alone(example_path):
    committee(example_path)
    run = nr_xl("snapshot", example_path, "--reconstruire")
    assert run.returncode == 2 and "intacte" in run.stderr
    edit_with_openpyxl(example_path, schema.REFERENCE_SHEET.name, "A20", '{"abîmé": true}')
    assert "journal.reference_altered" in codes(example_path)
    assert nr_xl("snapshot", example_path, "--reconstruire").returncode == 0
    assert codes(example_path) == []


@pytest.mark.slow
@pytest.mark.parametrize("command", ["log", "validate"])
def test_an_excel_error_typed_in_a_changed_input_cell_is_logged_not_a_crash(example_path, command):
    committee(example_path, rounds=0)
    edit_with_openpyxl(example_path, "Budget", "C2", "#N/A")
    run = nr_xl(command, example_path, *(["--reserves", "Points à lever"] if command == "validate" else []))
    assert run.returncode == 0, run.stderr
    assert any("#N/A" in (row[8] or "") for row in journal_values(example_path))
    assert codes(example_path) == []
