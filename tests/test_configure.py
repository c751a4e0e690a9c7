"""nr-xl configure: the interpreter row of xlwings.conf, through the real CLI."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from nr_xl.jobs.configure import active_settings, read_conf

from conftest import ROOT
from test_cli import nr_xl


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "classeur.xlsm"
    shutil.copy2(ROOT / "workbook_template.xlsm", path)
    return path


def conf_cells(path):
    ws = load_workbook(path, keep_vba=True)["xlwings.conf"]
    return [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 2).data_type) for r in range(1, 5)]


@pytest.mark.slow
def test_writes_the_interpreter_under_udf_modules_then_changes_nothing(book):
    run = nr_xl("configure", str(book), "--interpreter", r'"C:\Users\a.b\AppData\Local\nr_xl\venv\Scripts\pythonw.exe"',
                "--systeme", "windows")
    assert run.returncode == 0, run.stderr
    cells = conf_cells(book)
    # Quotes of « Copier en tant que chemin d'accès » are dropped; the path stays text.
    # Under the settings xlwings reads (UDF Modules, ADD_WORKBOOK_TO_PYTHONPATH), before the first empty row.
    assert cells[2] == ("Interpreter_Win", r"C:\Users\a.b\AppData\Local\nr_xl\venv\Scripts\pythonw.exe", "s")
    assert cells[0][:2] == ("UDF Modules", "nr_xl.udfs") and cells[1][:2] == ("ADD_WORKBOOK_TO_PYTHONPATH", "False")
    assert cells[3][:2] == (None, None)
    assert "introuvable" in run.stderr  # not a path of this machine: said, not refused
    before = book.read_bytes()
    again = nr_xl("configure", str(book), "--interpreter",
                  r"C:\Users\a.b\AppData\Local\nr_xl\venv\Scripts\pythonw.exe", "--systeme", "windows")
    assert again.returncode == 0 and "inchangé" in again.stdout
    assert book.read_bytes() == before


@pytest.mark.slow
def test_replaces_a_users_interpreter_in_place_and_adds_the_mac_one_below(book):
    wb = load_workbook(book, keep_vba=True)
    ws = wb["xlwings.conf"]
    ws["A2"], ws["B2"], ws["A3"], ws["B3"] = "interpreter_win", r"C:\ancien\python.exe", "Show Console", "True"
    wb.save(book)
    assert nr_xl("configure", str(book), "--interpreter", r"C:\nouveau\pythonw.exe",
                 "--systeme", "windows").returncode == 0
    assert nr_xl("configure", str(book), "--interpreter", "/Users/a/venv/bin/python",
                 "--systeme", "macos").returncode == 0
    settings = active_settings(read_conf(book))
    assert settings == {"UDF Modules": "nr_xl.udfs", "Interpreter_Win": r"C:\nouveau\pythonw.exe",
                        "Show Console": "True", "Interpreter_Mac": "/Users/a/venv/bin/python"}


@pytest.mark.slow
def test_never_overwrites_a_cell_the_user_typed(book):
    wb = load_workbook(book, keep_vba=True)
    wb["xlwings.conf"]["B3"] = "ma note"
    wb.save(book)
    before = book.read_bytes()
    run = nr_xl("configure", str(book), "--interpreter", "/opt/python", "--systeme", "macos")
    assert run.returncode == 1
    assert "B3" in run.stderr and "xlwings.conf" in run.stderr and "Traceback" not in run.stderr
    assert book.read_bytes() == before


@pytest.mark.slow
def test_an_empty_interpreter_is_a_usage_error(book):
    run = nr_xl("configure", str(book), "--interpreter", '""')
    assert run.returncode == 2 and "--interpreter" in run.stderr
