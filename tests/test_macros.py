"""The ribbon's Python side, run on an xlwings remote-engine Book built from a real
workbook: each button's exact RunPython command, its effect, its number of Excel calls."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from nr_xl import api, schema
from nr_xl.example.scale import scaled_example
from nr_xl.journal.chain import first_broken
from nr_xl.journal.store import journal_rows
from nr_xl.workbook import layout

from remote_book import run_button
from test_vba import click_every_button

COMMANDS = click_every_button()


def setvalues(actions, sheet_name, path):
    position = load_workbook(path, read_only=True).sheetnames.index(sheet_name)
    return [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == position]


def alerts(actions):
    return [a["args"] for a in actions if a["func"] == "alert"]


def test_check_button_writes_the_same_findings_as_the_cli(example_path):
    actions = run_button(example_path, COMMANDS["NR_Verifier"])
    table = [a for a in setvalues(actions, "Contrôles", example_path) if a["start_column"] == 0][0]
    header, *rows = table["values"]
    assert header == list(schema.CONTROLES.headers)
    report = api.check(example_path)
    expected = [[f.severity.label, f.code, f.dimension, f.sheet, f.row, f.field, f.key, f.message, f.suggestion]
                for f in report.findings]
    got = [[re.sub(r'^=HYPERLINK\("#[^"]+","(.*)"\)$', r"\1", str(v)) if i == 3 else v
            for i, v in enumerate(r)] for r in rows]
    assert [[v if v != "" else None for v in r] for r in got] == [
        [float(v) if isinstance(v, int) else v for v in r] for r in expected]
    assert rows[0][3] == "=HYPERLINK(\"#'Capacités'!C2\",\"Capacités\")"
    assert any(a["func"] == "activateSheet" for a in actions)
    (message,) = alerts(actions)
    assert "Bloquant" in message[0] and message[3] == "info"


def test_number_of_excel_calls_does_not_grow_with_the_roadmap(example_path, tmp_path):
    big = api.build_template(tmp_path / "x10.xlsm", scaled_example(10))
    small_actions = run_button(example_path, COMMANDS["NR_Verifier"])
    big_actions = run_button(big, COMMANDS["NR_Verifier"])
    assert [a["func"] for a in small_actions] == [a["func"] for a in big_actions]
    assert len(big_actions) <= 6
    table = setvalues(big_actions, "Contrôles", big)[0]
    assert table["row_count"] > 10 * (setvalues(small_actions, "Contrôles", example_path)[0]["row_count"] - 1) / 2


def test_snapshot_then_log_then_validate_buttons(example_path):
    actions = run_button(example_path, COMMANDS["NR_FigerReference"])
    reference = setvalues(actions, schema.REFERENCE_SHEET.name, example_path)
    assert reference and "reference_hash" in str(reference[0]["values"])
    # The committee edits a cell and types the reason, as a user would in Excel.
    api.snapshot(example_path)
    wb = load_workbook(example_path, keep_vba=True)
    wb["Budget"]["C18"] = 120000
    r, c = layout.REASON_CELL
    wb[schema.JOURNAL.sheet].cell(row=r, column=c, value="=Étaler B3.1")
    wb[schema.JOURNAL.sheet].cell(row=r, column=c).data_type = "s"
    wb.save(example_path)
    actions = run_button(example_path, COMMANDS["NR_Journaliser"])
    (journal,) = [a for a in setvalues(actions, schema.JOURNAL.sheet, example_path) if a["start_column"] == 0]
    rows = journal_rows([[v if v != "" else None for v in row] for row in journal["values"]])
    assert [(j.key, j.old, j.new) for j in rows] == [("B3.1/2028/Enveloppe NR", "150000", "120000")]
    assert journal["values"][1][9] == "'=Étaler B3.1"  # a reason typed like a formula stays text
    # Excel stores that cell as the text "=Étaler B3.1": read back so, the chain holds.
    as_read = [dataclasses.replace(j, reason=j.reason.removeprefix("'")) for j in rows]
    assert first_broken(as_read, None, None) is None
    # Five points still block: « Valider » without reservations refuses and writes nothing.
    actions = run_button(example_path, COMMANDS["NR_Valider"])
    assert [a["func"] for a in actions] == ["alert"]
    assert "5 point(s) bloquant(s)" in alerts(actions)[0][0]
    # Reservations typed in the input box: validated with reservations.
    actions = run_button(example_path, click_every_button("Renfort DSI avant mars")["NR_Valider"])
    cells = [a["values"] for a in setvalues(actions, "Paramètres", example_path)]
    assert [["1.1"]] in cells and [["Validée sous réserve"]] in cells and [["Renfort DSI avant mars"]] in cells
    assert "1.0 → 1.1" in alerts(actions)[0][0]


def test_errors_become_a_french_message_and_nothing_is_written(example_path):
    actions = run_button(example_path, COMMANDS["NR_Journaliser"])  # no reference taken yet
    assert [a["func"] for a in actions] == ["alert"]
    message, title, _, mode, _ = actions[0]["args"]
    assert mode == "critical" and "Figer la version de référence" in message and "Traceback" not in message


def test_document_buttons_write_into_the_folder_of_parametres(tmp_path):
    from nr_xl.example import load_example

    data = load_example()
    folder = tmp_path / "documents"
    folder.mkdir()
    data["Paramètres"].append(["Dossier des documents", str(folder)])
    path = api.build_template(tmp_path / "orvane.xlsm", data)
    for button, prefix in (("NR_CompteRendu", "compte_rendu"), ("NR_Annonce", "annonce_lancement")):
        actions = run_button(path, COMMANDS[button])
        (written,) = list(folder.glob(f"{prefix}_*.docx"))
        assert str(written) in alerts(actions)[0][0]


def test_doctor_button(example_path):
    (message,) = alerts(run_button(example_path, COMMANDS["NR_Diagnostic"]))
    assert "xlwings (Python) : " in message[0]


def test_a_failure_while_computing_writes_nothing(example_path, monkeypatch):
    from nr_xl import api as api_module

    def boom(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(api_module, "check_sheets", boom)
    actions = run_button(example_path, COMMANDS["NR_Verifier"])
    assert [a["func"] for a in actions] == ["alert"]
    assert "Erreur inattendue" in actions[0]["args"][0] and "n'a pas été modifié" in actions[0]["args"][0]


def test_user_text_sent_to_excel_cannot_become_a_formula():
    from nr_xl.macros import excel_value
    from nr_xl.workbook.layout import Cell

    for text in ("=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)"):
        assert excel_value(Cell(1, 1, text)) == "'" + text
    assert excel_value(Cell(1, 1, "Budget", link="'Budget'!C7")) == '=HYPERLINK("#\'Budget\'!C7","Budget")'
    assert excel_value(Cell(1, 1, 'a"b', link="'x'!A1")).endswith('"a""b")')
