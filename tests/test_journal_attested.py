"""The journal proves exactly what it claims: a modification accepted with
--accepter-journal-modifie seals the rows it accepted, and the circulated minutes attest
the whole range N° 1 à N across it."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from nr_xl import api
from nr_xl.core import schema
from nr_xl.core.journal import chain as chain_module
from nr_xl.documents.produce import MINUTES
from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
from nr_xl.jobs.documents import generate
from nr_xl.workbook.edit import apply_edits

from test_journal_integrity import codes, committee, delete_last_journal_rows
from test_journal_workbook import edit_with_openpyxl, journal_values

NOW = dt.datetime(2026, 12, 3, 15, 0)


def accept_a_deletion(path):
    """Two adjustments logged, the last row deleted by hand, the deletion accepted with the
    next adjustment: the journal then reads N° 1 … k, the acceptance, the adjustment."""
    committee(path)
    delete_last_journal_rows(path, 1)
    apply_edits(path, COMMITTEE_ADJUSTMENTS[2][1])
    api.log(path, reason="Suite", author="Léa Fontaine", now=NOW, accept_broken=True)
    rows = journal_values(path)
    (accepted,) = [i for i, r in enumerate(rows) if r[6] == chain_module.ACCEPTED]
    return rows, accepted


def test_a_row_rewritten_before_an_accepted_modification_is_caught_by_check_and_verify(example_path, tmp_path):
    rows, accepted = accept_a_deletion(example_path)
    assert codes(example_path) == []
    minutes = generate(MINUTES, example_path, tmp_path / "cr.docx", today=NOW.date())[0]
    assert api.verify(example_path, str(minutes))[0]
    edit_with_openpyxl(example_path, schema.JOURNAL.sheet, "I3", "999 999")  # N° 2, before the acceptance
    assert codes(example_path) == ["journal.tampered"]
    ok, message = api.verify(example_path, str(minutes))
    assert not ok and "NON CONFORME" in message



def test_an_acceptance_records_what_it_replaced_and_never_reuses_a_number(example_path, tmp_path):
    committee(example_path)
    minutes = minutes_for(example_path, tmp_path)  # attests N° 1 à k, the last row included
    attested = api.check(example_path).figures.journal_fingerprint
    last = journal_values(example_path)[-1][0]
    delete_last_journal_rows(example_path, 1)
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[2][1])
    api.log(example_path, reason="Suite", author="Léa Fontaine", now=NOW, accept_broken=True)
    rows = journal_values(example_path)
    accepted = next(r for r in rows if r[6] == chain_module.ACCEPTED)
    assert accepted[0] == last + 1  # the N° removed stays that row's: the minutes attest it
    assert f"empreinte remplacée : {attested}" in accepted[7]
    assert f"N° 1 à {last - 1} — " in accepted[8]  # the rows it accepts, by their own fingerprint
    assert codes(example_path) == []
    ok, message = api.verify(example_path, str(minutes))
    assert not ok and f"La ligne N° {last + 1} du journal enregistre" in message and "Léa Fontaine" in message


# --- the fingerprint is read from its own labelled line of the minutes' body, and only there ------

def minutes_for(path, tmp_path, name="cr.docx"):
    return generate(MINUTES, path, tmp_path / name, today=NOW.date())[0]


def set_collectivite(path, text):
    wb = load_workbook(path, keep_vba=True)
    ws = wb[schema.PARAMETER_TABLE.sheet]
    (row,) = [r for r in ws.iter_rows(min_row=2) if r[0].value == "Collectivité"]
    row[1].value = text
    wb.save(path)


def test_a_fingerprint_typed_in_the_collectivite_is_not_the_one_verify_reads(example_path, tmp_path):
    committee(example_path)
    set_collectivite(example_path, "Orvane (N° 1 à 3 — AAAA BBBB CCCC)")  # printed in the header too
    minutes = minutes_for(example_path, tmp_path)
    ok, message = api.verify(example_path, str(minutes))
    assert ok and "CONFORME" in message and "AAAA" not in message


def test_minutes_with_two_labelled_fingerprints_are_refused_as_ambiguous(example_path, tmp_path):
    from nr_xl.core.errors import UsageError

    committee(example_path)
    set_collectivite(example_path, "Empreinte du journal : N° 1 à 3 — AAAA BBBB CCCC")  # a body line starts so
    minutes = minutes_for(example_path, tmp_path)
    try:
        api.verify(example_path, str(minutes))
    except UsageError as refused:
        assert "ambigu" in refused.message and "2 lignes" in refused.message
    else:
        raise AssertionError("an ambiguous document must be refused")


# --- verify reads a bounded part of the document ------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def with_huge_parts(minutes, out, part_names, megabytes):
    """``minutes`` with ``part_names`` replaced by ``megabytes`` MB of tiny paragraphs each
    (a few hundred kB compressed): what made the old reader allocate gigabytes."""
    import zipfile

    unit = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    chunk = unit * (1_000_000 // len(unit))
    with zipfile.ZipFile(minutes) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in part_names:
                dst.writestr(info, src.read(info))
                continue
            root = b"w:hdr" if "header" in info.filename else b"w:ftr" if "footer" in info.filename else b"w:document"
            with dst.open(info.filename, "w", force_zip64=True) as part:
                part.write(b'<?xml version="1.0"?><' + root + b' xmlns:w="' + W.encode() + b'">'
                           + (b"<w:body>" if root == b"w:document" else b""))
                for _ in range(megabytes):
                    part.write(chunk)
                part.write((b"</w:body>" if root == b"w:document" else b"") + b"</" + root + b">")
    return out


VERIFY_PEAK = """
import re, sys
from nr_xl import api
from nr_xl.core.errors import NrXlError
try:
    print(api.verify(sys.argv[1], sys.argv[2])[0])
except NrXlError as refused:
    print("refusé", refused.message)
# VmHWM, not ru_maxrss: the latter keeps the parent's size from before exec (a test session
# that built a large file shows as this process's peak).
print(int(re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read()).group(1)) // 1024)
"""


def verify_peak(workbook, document):
    """verify in its own process: its answer and its peak memory (MB)."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", VERIFY_PEAK, str(workbook), str(document)], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    *answer, peak = run.stdout.strip().splitlines()
    return "\n".join(answer), int(peak)


@pytest.mark.slow
def test_verify_reads_neither_huge_headers_nor_a_huge_body(example_path, tmp_path):
    committee(example_path)
    minutes = minutes_for(example_path, tmp_path)
    headers = with_huge_parts(minutes, tmp_path / "entetes.docx", {"word/header1.xml", "word/footer1.xml"}, 240)
    assert headers.stat().st_size < 5_000_000
    answer, peak = verify_peak(example_path, headers)
    assert answer == "True" and peak < 400, (answer, peak)
    body = with_huge_parts(minutes, tmp_path / "corps.docx", {"word/document.xml"}, 240)
    answer, peak = verify_peak(example_path, body)
    assert answer.startswith("refusé") and "volumineux" in answer and peak < 400, (answer, peak)


# --- a journal whose reference is gone is never re-anchored silently ---------------------------------

def delete_reference(path):
    wb = load_workbook(path, keep_vba=True)
    del wb[schema.REFERENCE_SHEET.name]
    wb.save(path)


def test_a_truncated_journal_without_its_reference_is_not_re_anchored_by_snapshot(example_path):
    from nr_xl.jobs.journal import JournalBroken, NoReference

    committee(example_path)
    last = journal_values(example_path)[-1][0]
    delete_last_journal_rows(example_path, 1)
    delete_reference(example_path)
    before = example_path.read_bytes()
    with pytest.raises(NoReference) as refused:
        api.snapshot(example_path, now=NOW)
    assert "--reconstruire" in refused.value.message
    assert example_path.read_bytes() == before
    # The rebuild does not match what nr_xl recorded beside the journal: refused, saying why.
    with pytest.raises(JournalBroken) as broken:
        api.snapshot(example_path, now=NOW, rebuild=True)
    assert f"N° {last}" in broken.value.message and "--accepter-journal-modifie" in broken.value.message
    assert example_path.read_bytes() == before
    assert "journal.tampered" in codes(example_path)
    # Accepted knowingly: rebuilt, and no number a circulated minutes may attest is given again.
    api.snapshot(example_path, now=NOW, rebuild=True, accept_broken=True)
    assert codes(example_path) == []
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[2][1])
    numbers = [r.number for r in api.log(example_path, now=NOW)]
    assert min(numbers) > last + 1


def test_the_journal_sheet_shows_the_fingerprint_the_minutes_print(example_path):
    from nr_xl.core.layout import FINGERPRINT_LABEL, HEAD_CELL, HEAD_LABEL, cell_ref

    committee(example_path)
    ws = load_workbook(example_path)[schema.JOURNAL.sheet]
    assert ws[cell_ref(HEAD_LABEL)].value == FINGERPRINT_LABEL
    assert ws[cell_ref(HEAD_CELL)].value == api.check(example_path).figures.journal_fingerprint
    # Only the reference sheet gone: the record beside the table agrees, the rebuild goes through.
    delete_reference(example_path)
    plan = api.snapshot(example_path, now=NOW, rebuild=True)
    assert plan.new_rows == [] and codes(example_path) == []


def test_the_command_line_refuses_to_re_anchor_a_truncated_journal_and_says_what_to_do(example_path):
    """The reproducer as a user runs it: the last rows and « _nr_reference » deleted, then a
    plain « nr-xl snapshot »: refused in French, nothing written, and check is not clean."""
    from click.testing import CliRunner

    from nr_xl.cli.commands import main

    committee(example_path)
    delete_last_journal_rows(example_path, 1)
    delete_reference(example_path)
    before = example_path.read_bytes()
    run = CliRunner().invoke(main, ["snapshot", str(example_path)])
    assert run.exit_code != 0 and isinstance(run.exception, SystemExit)  # a refusal, not a crash
    assert "--reconstruire" in run.stderr and "Erreur inattendue" not in run.stderr
    assert example_path.read_bytes() == before
    rebuilt = CliRunner().invoke(main, ["snapshot", "--reconstruire", str(example_path)])
    assert rebuilt.exit_code != 0 and "--accepter-journal-modifie" in rebuilt.stderr
    assert example_path.read_bytes() == before
    assert "journal.tampered" in codes(example_path)
