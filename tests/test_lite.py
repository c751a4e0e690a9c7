"""lite/main.py, the xlwings Lite way in, run through xlwings' own Office.js dispatch
(``custom_scripts_call``, what xlwings Lite calls on a click) on a remote-engine Book
built from the real workbook, as inside xlwings Lite (``ribbon.IN_LITE``): same writes as the
ribbon's RunPython, same results as the CLI, every message in the workbook (no App.alert,
which xlwings Lite does not support)."""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import re
import shutil
from pathlib import Path

import pytest
import xlwings as xw
from xlwings.pro import udfs_officejs

from nr_xl import api
from nr_xl.excel import ribbon, udfs

from nr_xl.core import schema

from conftest import ROOT
from remote_book import ExcelLikeBook, run_button
from test_documents import set_parameters
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
    "ordre_du_jour_suivi": "NR_OrdreDuJourSuivi",
    "compte_rendu_suivi": "NR_CompteRenduSuivi",
    "bilan_annuel": "NR_Bilan",
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
    """Click a Lite script on an Excel-like book of ``path`` (writes replayed as Excel stores them),
    as inside xlwings Lite."""
    excel = excel or ExcelLikeBook.from_file(path)
    book = excel.remote()
    saved = ribbon.IN_LITE
    ribbon.IN_LITE = True
    try:
        asyncio.run(udfs_officejs.custom_scripts_call(module, name, typehint_to_value={xw.Book: book}))
    finally:
        ribbon.IN_LITE = saved
    actions = book.json()["actions"]
    excel.replay(actions)
    return actions


def messages(actions: list[dict], path: Path) -> list[tuple[str, str]]:
    """(label, message) of each message nr_xl wrote in xlwings Lite: K4:L4 of « Contrôles »."""
    return [(a["values"][0][0], a["values"][0][1].removeprefix("'"))
            for a in setvalues(actions, schema.FINDINGS.sheet, path)
            if (a["start_row"], a["start_column"]) == (ribbon.LITE_MESSAGE_ROW - 1, 10)]


def without_message(actions: list[dict], path: Path) -> list[dict]:
    """The actions but the message: its write and the activation of « Contrôles » after it."""
    out = []
    for a in actions:
        if a["func"] == "setValues" and (a["start_row"], a["start_column"]) == (ribbon.LITE_MESSAGE_ROW - 1, 10):
            continue
        out.append(a)
    while out and out[-1]["func"] == "activateSheet" and len(out) > 1 and out[-2]["func"] == "activateSheet":
        out.pop()
    return out


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


def test_main_registers_the_ten_buttons_and_the_worksheet_functions(lite_main):
    assert sorted(s["function_name"] for s in udfs_officejs.custom_scripts_meta(lite_main)) == sorted(SCRIPTS)
    meta = udfs_officejs.custom_functions_meta(lite_main)
    functions = {f["name"]: [p["name"] for p in f["parameters"]] for f in meta["functions"]}
    from nr_xl import udfs as published

    assert set(functions) == set(published.__all__)
    # One name per argument on both ways in: Excel shows them in the function's tooltip.
    desktop = {name: list(inspect.signature(getattr(udfs, name)).parameters) for name in functions}
    assert functions == desktop
    assert functions["NR_TRIMESTRE"] == ["valeur"]
    # The same callables as the desktop's: the answer comes from nr_xl, not from main.py.
    assert lite_main.NR_TRIMESTRE("15/05/2027") == "2027-T2"


def test_lite_holds_no_rule_of_its_own():
    """Each script clicks one entry point of nr_xl.macros, each function returns nr_xl's."""
    import ast

    tree = ast.parse((LITE / "main.py").read_text(encoding="utf-8"))
    decorated = [f for f in tree.body if isinstance(f, ast.FunctionDef) and f.decorator_list]
    assert len(decorated) == 14
    for function in decorated:
        body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        (statement,) = body
        text = ast.unparse(statement)
        assert re.fullmatch(r"_run\(book, '\w+'\)|return _nr_xl\(\)\[1\]\.NR_\w+\(.*\)", text), text
    buttons = {ast.unparse(f.body[-1]).split("'")[1] for f in decorated if "_run" in ast.unparse(f.body[-1])}
    from nr_xl import macros

    assert buttons <= set(macros.__all__) and len(buttons) == 10


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
    ((label, message),) = messages(actions, example_path)
    assert label.startswith("Message du ") and "Bloquant" in message
    assert alerts(actions) == []  # no App.alert: xlwings Lite does not support it
    # The message stays where Excel keeps it, beside the status, and the next check keeps it there.
    assert sheet[ribbon.LITE_MESSAGE_ROW - 1][10:12] == [label, message]
    run_script(lite_main, "verifier_faisabilite", example_path, excel)
    assert sheet[ribbon.LITE_MESSAGE_ROW - 1][11] == message and sheet[0][11] == "BLOQUANT"


TIME = re.compile(r"\d{2}/\d{2}/\d{4}( à)? \d{2}[:h]\d{2}(:\d{2})?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?")


def masked(actions: list[dict]) -> str:
    """Actions as text, with clock times masked: the two runs are seconds apart."""
    return TIME.sub("<heure>", repr(actions))


@pytest.mark.parametrize("script", ["verifier_faisabilite", "figer_reference"])
def test_scripts_send_excel_exactly_what_the_ribbon_sends(lite_main, example_path, tmp_path, script):
    twin = tmp_path / "jumeau.xlsm"
    shutil.copy2(example_path, twin)
    lite = without_message(run_script(lite_main, script, example_path), example_path)
    desktop = [a for a in run_button(twin, COMMANDS[SCRIPTS[script]]) if a["func"] != "alert"]
    if script == "figer_reference":  # the reference's fingerprint covers its timestamp
        lite = [a for a in lite if a["func"] != "activateSheet"]  # where Lite shows its message
        assert len(lite) == len(desktop) and [a["func"] for a in lite] == [a["func"] for a in desktop]
        return
    assert masked(lite) == masked(desktop)


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
    ((label, message),) = messages(actions, example_path)
    assert label.startswith("Erreur du ") and "point(s) bloquant(s)" in message
    assert [a["func"] for a in actions] == ["setValues", "activateSheet"]  # the message only
    params = excel.sheets["Paramètres"]
    row = next((i for i, r in enumerate(params) if r and r[0] == "Réserves"), len(params))
    excel.type("Paramètres", f"A{row + 1}", "Réserves")
    excel.type("Paramètres", f"B{row + 1}", "Renfort de la DSI avant mars")
    actions = run_script(lite_main, "valider_feuille_de_route", example_path, excel)
    ((_, message),) = messages(actions, example_path)
    assert "validée sous réserve" in message and "1.0 → 1.1" in message
    stored = {r[0]: r[1] for r in excel.sheets["Paramètres"] if r and len(r) > 1}
    assert stored["Décision du comité"] == "Validée sous réserve" and stored["Version"] == "1.1"


def test_an_error_is_a_french_message_in_the_workbook(lite_main, example_path):
    excel = ExcelLikeBook.from_file(example_path)
    actions = run_script(lite_main, "journaliser_ajustements", example_path, excel)  # no reference yet
    ((label, message),) = messages(actions, example_path)
    assert label.startswith("Erreur du ") and "Figer la version de référence" in message
    assert alerts(actions) == [] and excel.sheets[schema.FINDINGS.sheet][3][11] == message


def test_without_nr_xl_the_workbook_says_what_to_do(lite_main, example_path, monkeypatch):
    """A workbook whose main.py embeds no nr_xl and whose requirements.txt does not name it."""
    def missing():
        raise ModuleNotFoundError("No module named 'nr_xl'", name="nr_xl")

    monkeypatch.setattr(lite_main, "_nr_xl", missing)
    excel = ExcelLikeBook.from_file(example_path)
    actions = run_script(lite_main, "verifier_faisabilite", example_path, excel)
    ((label, message),) = messages(actions, example_path)
    assert label == "Message" and "requirements.txt" in message and "nr_xl==" in message


@pytest.mark.parametrize("script,prefix,suffix", [("compte_rendu", "compte_rendu", "docx"),
                                                  ("annonce_lancement", "annonce_lancement", "docx"),
                                                  ("support_comite", "support_comite", "pptx")])
def test_documents_land_in_the_files_xlwings_lite_lets_a_user_download(lite_main, example_path, tmp_path,
                                                                     monkeypatch, script, prefix, suffix):
    files = tmp_path / "data"
    files.mkdir()
    monkeypatch.setattr(ribbon, "IN_LITE", True)
    monkeypatch.setattr(ribbon, "LITE_FILES", files)
    set_parameters(example_path, {"Décision du comité": "Validée"})  # an announcement needs the decision
    actions = run_script(lite_main, script, example_path)
    (written,) = files.glob(f"{prefix}_*.{suffix}")
    assert written.stat().st_size > 10_000
    ((_, message),) = messages(actions, example_path)
    assert written.name in message and "Importer/Exporter" in message
    assert str(tmp_path) not in message  # a Lite user never sees a path of the virtual disk


def test_lite_requirements_name_what_the_wheel_needs_under_pyodide():
    """nr_xl travels in main.py, not through requirements.txt: its dependencies for
    sys_platform == "emscripten" are listed there instead, as pyproject.toml declares them,
    and the xlwings the tests run the scripts with."""
    import tomllib

    from packaging.requirements import Requirement

    lines = [l.strip() for l in (LITE / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    listed = {Requirement(l).name: str(Requirement(l).specifier) for l in lines}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    wanted = {Requirement(d).name: str(Requirement(d).specifier) for d in project
              if Requirement(d).marker is None or Requirement(d).marker.evaluate({"sys_platform": "emscripten"})}
    assert {k: v for k, v in listed.items() if k != "xlwings"} == wanted
    assert listed["xlwings"] == f"=={xw.__version__}"


def test_an_announcement_of_a_roadmap_not_validated_is_refused_in_the_sheet(lite_main, example_path, tmp_path,
                                                                          monkeypatch):
    """xlwings Lite cannot ask yes or no: the refusal is said where its messages go, nothing written."""
    files = tmp_path / "data"
    files.mkdir()
    monkeypatch.setattr(ribbon, "IN_LITE", True)
    monkeypatch.setattr(ribbon, "LITE_FILES", files)
    actions = run_script(lite_main, "annonce_lancement", example_path)
    assert not list(files.iterdir())
    ((label, message),) = messages(actions, example_path)
    assert label.startswith("Erreur") and "la décision du comité n'est pas encore enregistrée" in message


@pytest.mark.parametrize("typed, outcome", [("Validation reportée au prochain comité", "adjourned"),
                                            ("Validation refusée", "refused"), ("Validée ? à confirmer", "refused")])
def test_lite_never_reads_a_decision_as_its_opposite(lite_main, example_path, typed, outcome):
    """Lite has no box: « Valider » reads « Décision du comité ». A postponement there adjourns;
    a refusal or a doubt is refused in the sheet, nothing written; neither validates."""
    api.snapshot(example_path)
    set_parameters(example_path, {"Décision du comité": typed})
    excel = ExcelLikeBook.from_file(example_path)
    actions = run_script(lite_main, "valider_feuille_de_route", example_path, excel)
    stored = {r[0]: r[1] for r in excel.sheets["Paramètres"] if r and len(r) > 1}
    ((label, message),) = messages(actions, example_path)
    if outcome == "adjourned":
        assert stored["Décision du comité"] == "Ajournée" and stored["Version"] == "1.0"
        assert "ajournée" in message
    else:
        assert stored["Décision du comité"] == typed and stored["Version"] == "1.0"
        assert label.startswith("Erreur du ") and "Décisions comprises" in message
