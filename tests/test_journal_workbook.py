"""snapshot / log / validate on real .xlsm files, as a committee would use them."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import load_workbook

from nr_xl import api

from nr_xl.core import schema
from nr_xl.core.journal.plans import bump
from nr_xl.jobs.journal import NoReference

NOW = dt.datetime(2026, 12, 3, 10, 30)


def edit_with_openpyxl(path, sheet, cell, value):
    """As another program would: load, change one cell, save (keeps the VBA, drops the ribbon)."""
    wb = load_workbook(path, keep_vba=True)
    wb[sheet][cell] = value
    if isinstance(value, str) and value.startswith("="):
        wb[sheet][cell].data_type = "s"  # text typed with a leading quote, not a formula
    wb.save(path)


def journal_values(path):
    ws = load_workbook(path)[schema.JOURNAL.sheet]
    return [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] is not None]


def test_reference_survives_an_openpyxl_save_and_the_diff_is_right(example_path):
    api.snapshot(example_path, now=NOW)
    edit_with_openpyxl(example_path, "Budget", "C18", 120000)  # B3.1 / 2028
    wb = load_workbook(example_path)
    assert wb[schema.REFERENCE_SHEET.name].sheet_state == "veryHidden"
    rows = api.log(example_path, instance="COPIL", author="Léa", reason="Étaler B3.1", now=NOW)
    assert [(r.sheet, r.key, r.field, r.old, r.new) for r in rows] == [
        ("Budget", "B3.1/2028/Enveloppe NR", "Investissement (€)", "150000", "120000")]
    assert journal_values(example_path)[0][:10] == (
        1, "03/12/2026 10:30:00", "COPIL", "Léa", "Budget", "B3.1/2028/Enveloppe NR",
        "Investissement (€)", "150000", "120000", "Étaler B3.1")


def test_log_twice_without_edits_adds_nothing(example_path):
    api.snapshot(example_path)
    edit_with_openpyxl(example_path, "Risques", "G5", "Allotir les marchés")
    assert len(api.log(example_path)) == 1
    assert api.log(example_path) == []
    assert len(journal_values(example_path)) == 1


def test_log_without_reference_says_what_to_do(example_path):
    with pytest.raises(NoReference) as err:
        api.log(example_path)
    assert "nr-xl snapshot" in err.value.message


def test_defaults_instance_from_committee_date_and_author_from_os(example_path, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "lfontaine")
    api.snapshot(example_path)
    edit_with_openpyxl(example_path, "Indicateurs", "J10", "NumEcoDiag")
    (row,) = api.log(example_path)
    assert (row.instance, row.author) == ("COPIL du 3 décembre 2026", "lfontaine")


def test_journal_rows_keep_the_ribbon_and_vba(example_master, tmp_path):
    from rich_workbook import make_rich

    path = make_rich(example_master, tmp_path / "rich.xlsm")
    with zipfile.ZipFile(path) as zf:
        before = {n: zf.read(n) for n in zf.namelist()}
    api.snapshot(path)
    with zipfile.ZipFile(path) as zf:
        after = {n: zf.read(n) for n in zf.namelist()}
    changed = {n for n in before if before[n] != after[n]}
    assert changed and all(n.startswith("xl/worksheets/") or n.startswith("xl/tables/") for n in changed)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert after["customUI/customUI14.xml"] == before["customUI/customUI14.xml"]


@pytest.mark.parametrize("reason", ["=HYPERLINK(\"http://x\",\"clic\")", "+1+1", "-2", "@SUM(A1:A2)",
                                    "{{ secret }}"])
def test_reasons_are_written_as_text_never_as_formulas(example_path, reason):
    api.snapshot(example_path)
    edit_with_openpyxl(example_path, "Risques", "G5", "=1+1" if reason.startswith("=") else "Mesure")
    api.log(example_path, reason=reason)
    ws = load_workbook(example_path)[schema.JOURNAL.sheet]
    assert ws["J2"].value == reason and ws["J2"].data_type == "s"
    if reason.startswith("="):
        assert ws["I2"].value == "=1+1" and ws["I2"].data_type == "s"
    assert api.check(example_path).dimensions.get("Journal", "faisable") == "faisable"


def test_hand_edits_of_the_journal_are_reported_by_check(example_path):
    api.snapshot(example_path)
    edit_with_openpyxl(example_path, "Budget", "C18", 120000)
    api.log(example_path, reason="a")
    edit_with_openpyxl(example_path, "Budget", "C18", 100000)
    api.log(example_path, reason="b")
    assert "journal.tampered" not in {f.code for f in api.check(example_path).findings}
    edit_with_openpyxl(example_path, schema.JOURNAL.sheet, "J2", "motif réécrit")
    tampered = [f for f in api.check(example_path).findings if f.code == "journal.tampered"]
    assert [(f.key, f.row, f.sheet) for f in tampered] == [("1", 2, "Journal")]


def test_removing_the_last_journal_row_is_reported(example_path):
    api.snapshot(example_path)
    edit_with_openpyxl(example_path, "Budget", "C18", 120000)
    edit_with_openpyxl(example_path, "Budget", "D3", 0)
    assert len(api.log(example_path)) == 2
    wb = load_workbook(example_path)
    wb[schema.JOURNAL.sheet].delete_rows(3)
    wb.save(example_path)
    keys = [f.key for f in api.check(example_path).findings if f.code == "journal.tampered"]
    assert keys == ["2"]


def test_altered_reference_is_reported_and_blocks_log(example_path):
    api.snapshot(example_path)
    wb = load_workbook(example_path)
    ws = wb[schema.REFERENCE_SHEET.name]
    ws["A20"] = ws["A20"].value.replace("B3.1", "B3.9", 1)
    wb.save(example_path)
    assert "journal.reference_altered" in {f.code for f in api.check(example_path).findings}
    with pytest.raises(NoReference):
        api.log(example_path)


def test_validate_logs_bumps_version_and_takes_a_new_reference(example_path):
    api.snapshot(example_path)
    edit_with_openpyxl(example_path, "Gouvernance", "F3", dt.datetime(2026, 12, 4))
    result = api.validate(example_path, instance="COPIL du 3 décembre 2026", now=NOW,
                          reservations="Renfort de la DSI chiffré avant mars")
    assert (result.old_version, result.new_version) == ("1.0", "1.1")
    assert [(r.sheet, r.key, r.field) for r in result.logged] == [
        ("Gouvernance", "Comité technique", "Date d'installation")]
    wb = load_workbook(example_path)
    version_row = [r for r in wb["Paramètres"].iter_rows(min_row=2) if r[0].value == "Version"][0]
    assert version_row[1].value == "1.1"
    rows = journal_values(example_path)
    assert rows[-3][4:9] == ("Paramètres", "Version", "Valeur", "1.0", "1.1")
    assert api.log(example_path) == []  # the new reference is the validated roadmap
    adjustments = api.adjustments(example_path)
    assert ("Gouvernance", "Comité technique", "04/12/2026") in {(a.sheet, a.key, a.after) for a in adjustments}
    assert api.check(example_path).dimensions.get("Journal", "faisable") == "faisable"


def test_a_snapshot_after_a_decision_opens_the_next_committee_in_the_same_journal(example_path):
    """A follow-up committee: its minutes list its own adjustments, not the validation's, and
    the journal goes on numbering from where the validation left it."""
    api.snapshot(example_path)
    edit_with_openpyxl(example_path, "Gouvernance", "F3", dt.datetime(2026, 12, 4))
    api.validate(example_path, instance="COPIL du 3 décembre 2026", now=NOW,
                 reservations="Renfort de la DSI chiffré avant mars")
    validated = len(journal_values(example_path))
    plan = api.snapshot(example_path)  # the follow-up committee is presented today's roadmap
    assert plan.notices == ()
    edit_with_openpyxl(example_path, "Capacités", "C2", 250)
    api.log(example_path, instance="COPIL de suivi", reason="Renfort", now=NOW)
    assert [(a.sheet, a.key) for a in api.adjustments(example_path)] == [("Capacités", "DSI/2027")]
    rows = journal_values(example_path)
    assert [r[0] for r in rows] == list(range(1, validated + 2)) and rows[-1][2] == "COPIL de suivi"


@pytest.mark.parametrize("before, after", [("1.0", "1.1"), ("2.9", "2.10"), ("3", "3.1"), ("v1.4", "v1.5"),
                                           ("", "1.1")])
def test_version_bump(before, after):
    assert bump(before) == after


def test_net_adjustments_carry_the_reasons(example_path):
    api.snapshot(example_path)
    edit_with_openpyxl(example_path, "Budget", "C18", 140000)
    api.log(example_path, reason="premier arbitrage")
    edit_with_openpyxl(example_path, "Budget", "C18", 120000)
    api.log(example_path, reason="second arbitrage")
    (adj,) = api.adjustments(example_path)
    assert (adj.key, adj.before, adj.after) == ("B3.1/2028/Enveloppe NR", "150000", "120000")
    assert adj.reasons == ("premier arbitrage", "second arbitrage")


@pytest.mark.slow
@pytest.mark.libreoffice
def test_reference_survives_a_libreoffice_save(example_path, tmp_path):
    from lo import convert

    api.snapshot(example_path)
    saved = convert(example_path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    assert api.log(saved) == []
    edit_with_openpyxl(saved, "Budget", "C18", 120000)
    assert [r.key for r in api.log(saved)] == ["B3.1/2028/Enveloppe NR"]


def test_validate_finds_version_by_header_when_columns_are_reordered(example_path):
    wb = load_workbook(example_path, keep_vba=True)
    ws = wb["Paramètres"]
    for row in ws.iter_rows(max_col=2):
        row[0].value, row[1].value = row[1].value, row[0].value  # « Valeur » first, « Paramètre » second
    wb.save(example_path)
    api.snapshot(example_path)
    result = api.validate(example_path, adjourned=True)  # a row « Décision du comité » is added
    assert result.new_version == "1.0"
    result = api.validate(example_path, reservations="Sous réserve du vote du budget 2029")
    assert (result.old_version, result.new_version) == ("1.0", "1.1")
    values = {r[1]: r[0] for r in load_workbook(example_path)["Paramètres"].iter_rows(min_row=2, values_only=True)}
    assert values["Version"] == "1.1" and values["Décision du comité"] == "Validée sous réserve"
    assert sum(1 for r in load_workbook(example_path)["Paramètres"].iter_rows(values_only=True)
               if r[1] == "Version") == 1


def test_two_roadmap_rows_sharing_an_id_swapped_and_edited_log_only_the_edits(example_path):
    wb = load_workbook(example_path, keep_vba=True)
    ws = wb[schema.ACTIONS.sheet]
    ws["A3"] = ws["A2"].value  # B1.2 typed B1.1 by mistake: two rows share the ID
    wb.save(example_path)
    api.snapshot(example_path, now=NOW)
    wb = load_workbook(example_path, keep_vba=True)
    ws = wb[schema.ACTIONS.sheet]
    first, second = [c.value for c in ws[2]], [c.value for c in ws[3]]
    for col, (a, b) in enumerate(zip(first, second), start=1):
        ws.cell(row=2, column=col).value, ws.cell(row=3, column=col).value = b, a  # sorted otherwise
    ws["C2"], ws["G3"] = "Mesurer l'empreinte carbone", "2027-T2"  # then one edit in each
    wb.save(example_path)
    rows = api.log(example_path, now=NOW)
    assert sorted((r.field, r.new) for r in rows) == [("Action", "Mesurer l'empreinte carbone"), ("Fin", "2027-T2")]
