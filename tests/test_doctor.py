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
