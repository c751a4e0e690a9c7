"""The VBA and the ribbon of the committed template, checked without Excel."""

from __future__ import annotations

import datetime as dt

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from nr_xl.workbook import vba

from conftest import ROOT

TEMPLATE = ROOT / "workbook_template.xlsm"
MACROS = ROOT / "macros"
CUSTOMUI_NS = "{http://schemas.microsoft.com/office/2009/07/customui}"


def strip_attributes(source: str) -> list[str]:
    """Module text without what VBA adds or strips: Attribute lines, the VERSION/BEGIN/END
    preamble of an exported class, line ends."""
    lines = source.replace("\r\n", "\n").split("\n")
    if lines and lines[0].startswith("VERSION 1.0 CLASS"):
        lines = lines[lines.index("END") + 1:]
    return [line.rstrip() for line in lines if not line.startswith("Attribute VB_") and line.strip()]


def olevba_modules(path: Path) -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_vba_read_back_with_oletools_equals_the_sources():
    modules = olevba_modules(TEMPLATE)
    for path in MACROS.glob("*.bas"):
        expected = path.read_bytes().decode("cp1252")
        assert strip_attributes(modules[path.stem]) == strip_attributes(expected), path.name
    for name, (source, _) in vba.xlwings_sources().items():
        assert strip_attributes(modules[name]) == strip_attributes(source), name
    code_names = {"ThisWorkbook", "shFeuilleDeRoute", "shControles", "shReference"}
    assert code_names <= set(modules)


def test_xlwings_vba_matches_the_pinned_package():
    import xlwings

    source = olevba_modules(TEMPLATE)["xlwings"]
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in source
    pinned = re.search(r'["\']xlwings==([\d.]+)', (ROOT / "pyproject.toml").read_text()).group(1)
    assert pinned == xlwings.__version__


def ribbon() -> etree._Element:
    with zipfile.ZipFile(TEMPLATE) as zf:
        rels = zf.read("_rels/.rels").decode()
        assert vba.RIBBON_REL_TYPE in rels and 'Target="customUI/customUI14.xml"' in rels
        xml = zf.read("customUI/customUI14.xml")
    assert xml == (MACROS / "customUI14.xml").read_bytes()
    return etree.fromstring(xml)


def vba_subs() -> dict[str, str]:
    """Sub name -> its parameter list, over every module of macros/."""
    subs = {}
    for path in MACROS.glob("*.bas"):
        for name, params in re.findall(r"^Sub (\w+)\(([^)]*)\)", path.read_bytes().decode("cp1252"), re.M):
            subs[name] = params.strip()
    return subs


def test_ribbon_lint_unique_ids_and_callbacks_resolve():
    root = ribbon()
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    tab = root.find(f".//{CUSTOMUI_NS}tab")
    assert tab.get("label") == "Numérique responsable"
    groups = [g.get("label") for g in tab.findall(f"{CUSTOMUI_NS}group")]
    assert groups == ["Contrôler", "Comité", "Documents", "Suivi", "Aide"]
    subs = vba_subs()
    buttons = list(root.iter(f"{CUSTOMUI_NS}button"))
    assert len(buttons) == 12
    for button in buttons:
        assert subs.get(button.get("onAction")) == "control As IRibbonControl", button.get("onAction")
        assert button.get("imageMso") and button.get("screentip") and button.get("supertip")


def audit_errors(path: Path) -> list[dict]:
    run = subprocess.run([sys.executable, "-m", "openxml_audit", "-o", "json", "-m", "0", str(path)],
                         capture_output=True, text=True, timeout=300)
    (result,) = json.loads(run.stdout)
    return [e for e in result["errors"] if e["severity"] == "error"]


@pytest.mark.slow
def test_openxml_audit_finds_no_error_in_the_ribbon_part(tmp_path):
    assert not [e for e in audit_errors(TEMPLATE) if "/customUI/" in e["part_uri"]]
    # The same check on a broken ribbon does report it: the audit really reads that part.
    broken = tmp_path / "casse.xlsm"
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "customUI/customUI14.xml":
                data = data.replace(b'size="large"', b'size="huge"', 1)
            dst.writestr(info, data)
    assert [e for e in audit_errors(broken) if "/customUI/" in e["part_uri"]]


def click_every_button(*answers: object) -> dict[str, str]:
    """Runs the project's VBA in pyopenvba's interpreter; returns onAction -> what it did.
    ``answers``: what the dialogs (input box, confirmation) come back with, in order."""
    from pyopenvba.apps.excel import ExcelApplication

    app = ExcelApplication.open(TEMPLATE, with_vba=False)
    app.add_module("Public Id As String\n", name="IRibbonControl", kind="class")
    app.add_module('Public Calls As String\nFunction RunPython(cmd As String)\n    Calls = cmd\nEnd Function\n'
                   'Function LastCall() As String\n    LastCall = Calls\n    Calls = ""\nEnd Function\n',
                   name="StubXlwings")
    for path in MACROS.glob("*.bas"):
        source = path.read_bytes().decode("cp1252")
        app.add_module("\n".join(l for l in source.replace("\r\n", "\n").split("\n")
                                 if not l.startswith("Attribute ")), name=path.stem)
    actions = [b.get("onAction") for b in ribbon().iter(f"{CUSTOMUI_NS}button")]
    app.add_module("\n".join(f"Sub Click_{a}()\n    Dim c As New IRibbonControl\n    {a} c\nEnd Sub"
                             for a in actions)
                   + '\nSub Away()\n    ThisWorkbook.Worksheets("Budget").Activate\nEnd Sub\n', name="Clicks")
    result = {}
    app.answer_dialogs(*answers)
    for action in actions:
        app.run("Away")  # so that a button which changes the active sheet is seen doing it
        app.run(f"Click_{action}")
        result[action] = app.run("LastCall") or f"active:{app.evaluate('ActiveSheet.Name')}"
    return result


def test_every_button_runs_the_expected_python_command():
    commands = click_every_button()
    assert commands == {
        "NR_Verifier": "import nr_xl.macros; nr_xl.macros.check()",
        "NR_FigerReference": "import nr_xl.macros; nr_xl.macros.snapshot()",
        "NR_Journaliser": "import nr_xl.macros; nr_xl.macros.log()",
        "NR_Valider": "import nr_xl.macros; nr_xl.macros.validate_with('')",
        "NR_Support": "import nr_xl.macros; nr_xl.macros.support()",
        "NR_CompteRendu": "import nr_xl.macros; nr_xl.macros.minutes()",
        "NR_Annonce": "import nr_xl.macros; nr_xl.macros.kickoff()",
        "NR_OrdreDuJourSuivi": "import nr_xl.macros; nr_xl.macros.followup_agenda()",
        "NR_CompteRenduSuivi": "import nr_xl.macros; nr_xl.macros.followup()",
        # The input box offers the year gone by, passed as \u escapes like Valider's reservations.
        "NR_Bilan": "import nr_xl.macros; nr_xl.macros.review_of('"
                    + "".join(f"\\u{ord(c):04X}" for c in str(dt.date.today().year - 1)) + "')",
        "NR_LisezMoi": "active:Lisez-moi",
        "NR_Diagnostic": "import nr_xl.macros; nr_xl.macros.doctor()",
    }
    import nr_xl.macros as macros

    for command in commands.values():
        if command.startswith("import "):
            assert callable(getattr(macros, re.match(r".*\.(\w+)\(", command).group(1)))


def test_valider_passes_the_typed_reservations_as_a_safe_python_literal():
    import ast

    typed = 'Sous réserve du vote « BP 2029 » ; l\'audit RGAA "externe"'
    command = click_every_button(typed)["NR_Valider"]
    prefix = "import nr_xl.macros; nr_xl.macros.validate_with("
    assert command.startswith(prefix) and command.endswith(")")
    assert ast.literal_eval(command[len(prefix):-1]) == typed


def test_valider_cancelled_does_nothing():
    vbNo = 7
    assert click_every_button("", vbNo)["NR_Valider"] == "active:Budget"


def test_project_vba_compiles_in_the_interpreter():
    from pyopenvba.apps.excel import ExcelApplication
    from pyopenvba.exceptions import VBACompileError

    app = ExcelApplication()
    app.add_workbook()
    app.add_module("Public Id As String\n", name="IRibbonControl", kind="class")
    with pytest.raises(VBACompileError):
        app.add_module("Sub Broken(\n", name="Broken")
    source = (MACROS / "Ruban.bas").read_bytes().decode("cp1252")
    app.add_module("\n".join(l for l in source.replace("\r\n", "\n").split("\n")
                             if not l.startswith("Attribute ")), name="Ruban")
