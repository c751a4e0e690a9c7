"""lite/main.py, the xlwings Lite way in, run through xlwings' own Office.js dispatch
(``custom_scripts_call``, what xlwings Lite calls on a click) on a remote-engine Book
built from the real workbook: same actions as the ribbon's RunPython, same results as the CLI."""

from __future__ import annotations

import asyncio
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import xlwings as xw
from xlwings.pro import udfs_officejs

from nr_xl import api
from nr_xl.excel import ribbon

from nr_xl.core import schema

from conftest import ROOT
from remote_book import ExcelLikeBook, run_button
from test_macros import COMMANDS, alerts, setvalues

LITE = ROOT / "lite"
SCRIPTS = {  # script of lite/main.py -> the ribbon button doing the same
    "verifier_faisabilite": "NR_Verifier",
    "figer_reference": "NR_FigerReference",
    "journaliser_ajustements": "NR_Journaliser",
    "valider_feuille_de_route": "NR_Valider",
    "support_comite": "NR_Support",
    "compte_rendu": "NR_CompteRendu",
    "annonce_lancement": "NR_Annonce",
}


@pytest.fixture(scope="module")
def lite_main():  # type: ignore[no-untyped-def]
    """lite/main.py imported as xlwings Lite does: with the Office.js decorators."""
    saved = (xw.script, xw.func, xw.arg)
    xw.script, xw.func, xw.arg = udfs_officejs.script, udfs_officejs.xlfunc, udfs_officejs.xlarg
    try:
        spec = importlib.util.spec_from_file_location("nr_xl_lite_main", LITE / "main.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        xw.script, xw.func, xw.arg = saved
    return module


def run_script(module, name: str, path: Path, excel: ExcelLikeBook | None = None) -> list[dict]:  # type: ignore[no-untyped-def]
    """Click a Lite script on an Excel-like book of ``path`` (writes replayed as Excel stores them)."""
    excel = excel or ExcelLikeBook.from_file(path)
    book = excel.remote()
    asyncio.run(udfs_officejs.custom_scripts_call(module, name, typehint_to_value={xw.Book: book}))
    actions = book.json()["actions"]
    excel.replay(actions)
    return actions


def test_the_whole_committee_in_lite_keeps_an_intact_journal(lite_main, example_path):
    """Figer, ajuster, journaliser, valider, vérifier: all through Lite scripts, on what Excel keeps."""
    excel = ExcelLikeBook.from_file(example_path)
    run_script(lite_main, "figer_reference", example_path, excel)
    excel.type("Budget", "C18", "120000")
    excel.type(schema.JOURNAL.sheet, "M2", "Étaler B3.1")
    run_script(lite_main, "journaliser_ajustements", example_path, excel)
    run_script(lite_main, "valider_feuille_de_route", example_path, excel)
    actions = run_script(lite_main, "verifier_faisabilite", example_path, excel)
    codes = {row[1] for a in setvalues(actions, schema.FINDINGS.sheet, example_path) for row in a["values"][1:]
             if a["start_column"] == 0}
    assert not any(str(c).startswith("journal.") for c in codes)
    journal = [r for r in excel.sheets[schema.JOURNAL.sheet][1:] if r and r[0] is not None]
    assert any(r[9] == "Étaler B3.1" for r in journal)


def test_main_registers_the_seven_buttons_and_the_worksheet_functions(lite_main):
    assert sorted(s["function_name"] for s in udfs_officejs.custom_scripts_meta(lite_main)) == sorted(SCRIPTS)
    meta = udfs_officejs.custom_functions_meta(lite_main)
    functions = {f["name"]: [p["name"] for p in f["parameters"]] for f in meta["functions"]}
    assert functions == {
        "NR_CHARGE": ["charge", "actions", "service", "trimestre"],
        "NR_TAUX_CHARGE": ["charge", "actions", "capacites", "service", "trimestre"],
        "NR_ECART_BUDGET": ["lignes", "enveloppes", "annee", "nature", "financement"],
        "NR_TRIMESTRE": ["valeur"],
    }
    # The same callables as the desktop's: the answer comes from nr_xl, not from main.py.
    assert lite_main.NR_TRIMESTRE("15/05/2027") == "2027-T2"


def test_lite_holds_no_rule_of_its_own():
    source = (LITE / "main.py").read_text(encoding="utf-8")
    calls = re.findall(r"^\s+return udfs\.\w+\(|^\s+macros\.\w+\(book\)$", source, flags=re.M)
    bodies = [line for line in source.splitlines() if line.startswith("    ") and not line.strip().startswith(('"""', "#"))
              and '"""' not in line]
    assert len(calls) == len(bodies) == 11


def test_check_script_writes_what_the_cli_finds(lite_main, example_path):
    excel = ExcelLikeBook.from_file(example_path)
    actions = run_script(lite_main, "verifier_faisabilite", example_path, excel)
    sheet = excel.sheets[schema.FINDINGS.sheet]
    top = next(i for i, row in enumerate(sheet) if row and row[0] == "Gravité")
    width = len(schema.FINDINGS.headers)
    header, *rows = [r for r in (row[:width] for row in sheet[top:]) if any(v is not None for v in r)]
    assert header == list(schema.FINDINGS.headers)
    report = api.check(example_path)
    assert [(r[1], r[4], r[7]) for r in rows] == [
        (f.code, float(f.row) if f.row is not None else None, f.message) for f in report.findings]
    (message,) = alerts(actions)
    assert "Bloquant" in message[0]


TIME = re.compile(r"\d{2}/\d{2}/\d{4}( à)? \d{2}[:h]\d{2}(:\d{2})?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?")


def masked(actions: list[dict]) -> str:
    """Actions as text, with clock times masked: the two runs are seconds apart."""
    return TIME.sub("<heure>", repr(actions))


@pytest.mark.parametrize("script", ["verifier_faisabilite", "figer_reference"])
def test_scripts_send_excel_exactly_what_the_ribbon_sends(lite_main, example_path, tmp_path, script):
    twin = tmp_path / "jumeau.xlsm"
    shutil.copy2(example_path, twin)
    lite = run_script(lite_main, script, example_path)
    ribbon = run_button(twin, COMMANDS[SCRIPTS[script]])
    if script == "figer_reference":  # the reference's fingerprint covers its timestamp
        assert len(lite) == len(ribbon) and [a["func"] for a in lite] == [a["func"] for a in ribbon]
        return
    assert masked(lite) == masked(ribbon)


def test_journal_scripts_follow_the_committee(lite_main, example_path):
    from openpyxl import load_workbook

    from nr_xl.core.journal.store import journal_rows

    api.snapshot(example_path)
    wb = load_workbook(example_path, keep_vba=True)
    wb["Budget"]["C18"] = 120000
    wb.save(example_path)
    excel = ExcelLikeBook.from_file(example_path)
    run_script(lite_main, "journaliser_ajustements", example_path, excel)
    rows = journal_rows(excel.sheets[schema.JOURNAL.sheet])
    assert [(j.key, j.old, j.new) for j in rows] == [("B3.1/2028/Enveloppe NR", "150000", "120000")]
    # Points still block and Lite has no input box: refused, until reservations are typed in Paramètres.
    actions = run_script(lite_main, "valider_feuille_de_route", example_path, excel)
    assert [a["func"] for a in actions] == ["alert"] and "point(s) bloquant(s)" in alerts(actions)[0][0]
    params = excel.sheets["Paramètres"]
    row = next((i for i, r in enumerate(params) if r and r[0] == "Réserves"), len(params))
    excel.type("Paramètres", f"A{row + 1}", "Réserves")
    excel.type("Paramètres", f"B{row + 1}", "Renfort de la DSI avant mars")
    actions = run_script(lite_main, "valider_feuille_de_route", example_path, excel)
    assert "validée sous réserve" in alerts(actions)[0][0] and "1.0 → 1.1" in alerts(actions)[0][0]
    stored = {r[0]: r[1] for r in excel.sheets["Paramètres"] if r and len(r) > 1}
    assert stored["Décision du comité"] == "Validée sous réserve" and stored["Version"] == "1.1"


def test_an_error_is_a_french_message_in_lite_too(lite_main, example_path):
    actions = run_script(lite_main, "journaliser_ajustements", example_path)  # no reference yet
    assert [a["func"] for a in actions] == ["alert"]
    assert "Figer la version de référence" in actions[0]["args"][0] and actions[0]["args"][3] == "critical"


@pytest.mark.parametrize("script,prefix,suffix", [("compte_rendu", "compte_rendu", "docx"),
                                                  ("annonce_lancement", "annonce_lancement", "docx"),
                                                  ("support_comite", "support_comite", "pptx")])
def test_documents_land_in_the_files_xlwings_lite_lets_a_user_download(lite_main, example_path, tmp_path,
                                                                     monkeypatch, script, prefix, suffix):
    files = tmp_path / "data"
    files.mkdir()
    monkeypatch.setattr(ribbon, "IN_LITE", True)
    monkeypatch.setattr(ribbon, "LITE_FILES", files)
    actions = run_script(lite_main, script, example_path)
    (written,) = files.glob(f"{prefix}_*.{suffix}")
    assert written.stat().st_size > 10_000
    (message,) = alerts(actions)
    assert written.name in message[0] and "Importer/Exporter" in message[0]
    assert str(tmp_path) not in message[0]  # a Lite user never sees a path of the virtual disk


def test_lite_requirements_name_what_the_wheel_needs():
    lines = [l.strip() for l in (LITE / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    assert any(l.startswith("xlwings") for l in lines)
    assert any("nr_xl" in l for l in lines)
