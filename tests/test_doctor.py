from __future__ import annotations

import zipfile

from nr_xl.doctor import diagnose, workbook_xlwings_version

from conftest import ROOT
from test_cli import nr_xl


def test_doctor_on_the_template_is_all_good():
    run = nr_xl("doctor", str(ROOT / "workbook_template.xlsm"))
    assert run.returncode == 0, run.stdout
    assert "xlwings (VBA du classeur) : 0.37.8" in run.stdout and "Tout est en ordre" in run.stdout


def test_doctor_explains_a_lost_ribbon_and_a_wrong_interpreter(tmp_path):
    src = ROOT / "workbook_template.xlsm"
    path = tmp_path / "abime.xlsm"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            if info.filename != "customUI/customUI14.xml":
                zout.writestr(info, zin.read(info.filename))
    from openpyxl import load_workbook

    wb = load_workbook(path, keep_vba=True)
    wb["xlwings.conf"]["A3"], wb["xlwings.conf"]["B3"] = "Interpreter_Win", r"C:\nulle\part\python.exe"
    wb.save(path)
    diagnosis = diagnose(path)
    assert not diagnosis.ok
    text = diagnosis.text()
    assert "Ruban « Numérique responsable » : absent" in text and "Interpreter_Win" in text
    assert any("xlwings.conf" in a for a in diagnosis.advice)
    assert workbook_xlwings_version(path) == "0.37.8"


def test_doctor_on_an_unreadable_file(tmp_path):
    path = tmp_path / "vide.xlsm"
    path.write_bytes(b"")
    run = nr_xl("doctor", str(path))
    assert run.returncode == 1 and "vide" in run.stdout


def udf_lines(machine, bits, folders, version="0.37.8"):
    from nr_xl.doctor import UDF_LABEL, Diagnosis, udf_support

    d = Diagnosis()
    udf_support(d, machine, bits, folders, version)
    (line,) = [l for l in d.lines if l.label == UDF_LABEL]
    return line, d.advice


def test_doctor_says_when_worksheet_functions_cannot_load_on_windows(tmp_path):
    line, advice = udf_lines("ARM64", 64, [tmp_path])
    assert "ARM64" in line.value and line.ok and "64 bits" in advice[0]
    line, advice = udf_lines("x86", 32, [tmp_path])
    assert "32 bits" in line.value and "64 bits" in advice[0]
    line, advice = udf_lines("AMD64", 64, [tmp_path])
    assert not line.ok and "xlwings64-0.37.8.dll" in line.value and "xlwings==0.37.8" in advice[0]
    (tmp_path / "xlwings64-0.37.8.dll").write_bytes(b"MZ")
    line, advice = udf_lines("AMD64", 64, [tmp_path / "Scripts", tmp_path])
    assert line.ok and "ImportPythonUDFs" in line.value and "Accès approuvé" in line.value and not advice


def test_doctor_on_windows_reports_the_python_architecture(monkeypatch):
    monkeypatch.setattr("platform.system", lambda: "Windows")
    monkeypatch.setattr("platform.machine", lambda: "ARM64")
    assert "Fonctions de feuille NR_… : indisponibles avec ce Python (ARM64)" in diagnose(None).text()


def test_doctor_asks_for_add_workbook_to_pythonpath_false(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "ancien.xlsm"
    wb = load_workbook(ROOT / "workbook_template.xlsm", keep_vba=True)
    wb["xlwings.conf"]["A2"] = wb["xlwings.conf"]["B2"] = None
    wb.save(path)
    assert not any("ADD_WORKBOOK_TO_PYTHONPATH" in a for a in diagnose(ROOT / "workbook_template.xlsm").advice)
    assert any("ADD_WORKBOOK_TO_PYTHONPATH" in a and "OneDrive" in a for a in diagnose(path).advice)
