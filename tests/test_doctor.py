from __future__ import annotations

import pytest

import zipfile

from nr_xl.release.doctor import diagnose, workbook_xlwings_version

from conftest import ROOT
from test_cli import nr_xl


@pytest.mark.slow
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


@pytest.mark.slow
def test_doctor_on_an_unreadable_file(tmp_path):
    path = tmp_path / "vide.xlsm"
    path.write_bytes(b"")
    run = nr_xl("doctor", str(path))
    assert run.returncode == 1 and "vide" in run.stdout


def _rezip(src, dst, replace):  # type: ignore[no-untyped-def]
    """``src`` with some parts replaced (bytes) or removed (None)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replace.get(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)
    return dst


@pytest.mark.slow
def test_doctor_diagnoses_a_damaged_package_instead_of_crashing(tmp_path):
    src = ROOT / "workbook_template.xlsm"
    cases = {
        "vba_garbage": ({"xl/vbaProject.bin": b"\x00garbage" * 100}, "projet VBA illisible"),
        "vba_empty": ({"xl/vbaProject.bin": b""}, "projet VBA illisible"),
        "no_rels": ({"_rels/.rels": None}, "plus relié"),
    }
    for name, (replace, says) in cases.items():
        path = _rezip(src, tmp_path / f"{name}.xlsm", replace)
        run = nr_xl("doctor", str(path))
        assert "Erreur inattendue" not in run.stdout + run.stderr, (name, run.stderr)
        assert run.returncode == 1 and says in run.stdout, (name, run.stdout, run.stderr)
        assert "Tout est en ordre" not in run.stdout


def test_a_ribbon_whose_relationship_is_gone_is_a_problem_with_its_fix(tmp_path):
    src = ROOT / "workbook_template.xlsm"
    with zipfile.ZipFile(src) as zf:
        rels = zf.read("_rels/.rels").decode()
    import re

    unwired = re.sub(r'<Relationship [^>]*ui/extensibility[^>]*/>', "", rels)
    assert unwired != rels
    path = _rezip(src, tmp_path / "libreoffice.xlsm", {"_rels/.rels": unwired.encode()})
    diagnosis = diagnose(path)
    assert not diagnosis.ok and "Tout est en ordre" not in diagnosis.text()
    assert "plus relié" in diagnosis.text() and any("nr-xl doctor --reparer" in a for a in diagnosis.advice)


@pytest.mark.slow
def test_a_5000_character_interpreter_path_is_just_not_found(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "long.xlsm"
    wb = load_workbook(ROOT / "workbook_template.xlsm", keep_vba=True)
    wb["xlwings.conf"]["A2"], wb["xlwings.conf"]["B2"] = "Interpreter_Win", "C:\\" + "x" * 5000
    wb.save(path)
    run = nr_xl("doctor", str(path))
    assert run.returncode == 1 and "introuvable" in run.stdout and "Erreur inattendue" not in run.stderr
    assert len(max(run.stdout.splitlines(), key=len)) < 400


def udf_lines(machine, bits, folders, version="0.37.8"):
    from nr_xl.release.doctor import UDF_LABEL, Diagnosis, udf_support

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


# --- never « Tout est en ordre » after a « !! » line, on files as they come -----------------

def _with_bad_crc(src, dst, part):  # type: ignore[no-untyped-def]
    """``src`` with ``part`` stored uncompressed and one byte of it changed behind the zip's back:
    the directory is intact, the part's checksum no longer matches (a copy that went wrong)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename),
                          zipfile.ZIP_STORED if info.filename == part else zipfile.ZIP_DEFLATED)
    data = bytearray(dst.read_bytes())
    with zipfile.ZipFile(dst) as zf:
        info = zf.getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.file_size // 2] ^= 0x20
    dst.write_bytes(bytes(data))
    return dst


def _foreign_xlsx(path):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Feuil1"
    wb.active["A1"] = "Budget 2027 du service"
    wb.save(path)
    return path


def _zip_not_a_workbook(path):  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "pas un classeur")
    return path


def _rewritten(path, rename=lambda name: name, content=lambda name, data: data):  # type: ignore[no-untyped-def]
    """The template with its parts renamed or rewritten, as another program would save it."""
    with zipfile.ZipFile(ROOT / "workbook_template.xlsm") as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(rename(info.filename), content(info.filename, zin.read(info.filename)))
    return path


def _strict(name, data):  # type: ignore[no-untyped-def]
    """« Classeur Open XML strict »: the same parts under the ISO namespaces."""
    if not name.endswith((".xml", ".rels")):
        return data
    return (data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                         b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            .replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                     b"http://purl.oclc.org/ooxml/officeDocument/relationships"))


FILES = {
    "classeur étranger (.xlsx)": (_foreign_xlsx, "absent"),
    "zip qui n'est pas un classeur": (_zip_not_a_workbook, "pas un classeur Excel"),
    "somme de contrôle fausse (_rels/.rels)": (lambda p: _with_bad_crc(ROOT / "workbook_template.xlsm", p,
                                                                       "_rels/.rels"), "endommagé"),
    "somme de contrôle fausse (xl/workbook.xml)": (lambda p: _with_bad_crc(ROOT / "workbook_template.xlsm", p,
                                                                            "xl/workbook.xml"), "endommagé"),
    "Open XML strict": (lambda p: _rewritten(p, content=_strict), "Open XML strict"),
    "[content_types].xml en minuscules": (
        lambda p: _rewritten(p, rename=lambda n: n.lower() if n == "[Content_Types].xml" else n),
        "« [content_types].xml » au lieu de « [Content_Types].xml »"),
    "sans [Content_Types].xml": (
        lambda p: _rewritten(p, rename=lambda n: "autre.xml" if n == "[Content_Types].xml" else n),
        "« [Content_Types].xml » manque"),
}


@pytest.mark.parametrize("name", FILES)
def test_doctor_on_files_as_they_come_never_says_all_is_well_after_a_problem(name, tmp_path):
    from click.testing import CliRunner

    from nr_xl.cli.commands import main

    build, says = FILES[name]
    path = build(tmp_path / ("fichier.xlsx" if "xlsx" in name else "fichier.xlsm"))
    result = CliRunner().invoke(main, ["doctor", str(path)])
    assert "Erreur inattendue" not in result.output and "Traceback" not in result.output, result.output
    lines = result.output.splitlines()
    problems = [i for i, line in enumerate(lines) if line.startswith("!!")]
    assert problems and result.exit_code == 1, result.output
    assert says in "\n".join(lines[i] for i in problems), result.output
    assert not any("Tout est en ordre" in line for line in lines[problems[0]:])


def test_the_verdict_line_follows_the_problem_lines():
    from nr_xl.release.doctor import Diagnosis, Line

    for lines in ([Line("A", "a", False)], [Line("A", "a"), Line("B", "b", False)], [Line("A", "a")]):
        for advice in ([], ["faire ceci"]):
            text = Diagnosis(list(lines), list(advice)).text()
            if not all(line.ok for line in lines):
                assert "Tout est en ordre" not in text and ("À faire" in text or "À revoir" in text)
            elif not advice:
                assert "Tout est en ordre" in text


@pytest.mark.slow
def test_doctor_on_a_bad_crc_through_the_real_command(tmp_path):
    path = _with_bad_crc(ROOT / "workbook_template.xlsm", tmp_path / "copie ratee.xlsm", "_rels/.rels")
    run = nr_xl("doctor", str(path))
    assert run.returncode == 1 and "endommagé" in run.stdout and "Tout est en ordre" not in run.stdout
    assert "Erreur inattendue" not in run.stdout + run.stderr
