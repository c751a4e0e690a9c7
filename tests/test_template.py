"""The committed template: every sheet, table and column of the contract (docs/classeur.md;
the original names are frozen in tests/data/contract_names.json) with exactly that header
text, and byte-for-byte equal to a fresh build."""

from __future__ import annotations

import json
import zipfile

from openpyxl import load_workbook

from nr_xl import api

from nr_xl.core import schema
from nr_xl.workbook.package import XLSM_MAIN

from conftest import ROOT

TEMPLATE = ROOT / "workbook_template.xlsm"


CONTRACT = json.loads((ROOT / "tests" / "data" / "contract_names.json").read_text(encoding="utf-8"))


def contract_tables() -> dict[str, tuple[str, list[str]]]:
    """Sheet -> (table, headers) of the original contract, frozen in tests/data/contract_names.json."""
    return {sheet: (t["table"], t["headers"]) for sheet, t in CONTRACT["tables"].items()}


def test_schema_keeps_every_name_of_the_contract_in_its_order():
    """Columns may be added (anywhere after the contract's), never renamed, removed or reordered."""
    for sheet, (table, headers) in contract_tables().items():
        spec = schema.TABLES_BY_SHEET[sheet]
        assert spec.table == table
        # The contract's columns in its order; columns added since come after them.
        assert list(spec.headers[:len(headers)]) == headers
        assert all(not spec.column(h).announce_missing for h in spec.headers[len(headers):])
    assert [s for s in schema.SHEET_ORDER if s in CONTRACT["sheets"]] == CONTRACT["sheets"]
    assert set(CONTRACT["hidden_sheets"]) <= set(schema.SHEET_ORDER)
    keys = [p.key for p in schema.PARAMETERS]
    assert [k for k in keys if k in CONTRACT["parameters"]] == CONTRACT["parameters"]
    assert list(schema.DIMENSIONS) == CONTRACT["dimensions"]


def test_contract_finding_codes_are_all_declared():
    from nr_xl.core.findings import CODES

    # Severity follows the stake (docs/constats.md): a code keeps the contract's severity as
    # its usual one or as a grade, but for the ANCT recommendation that no law backs.
    recommendations = {"governance.late_setup": "warning"}
    for code, spec in CONTRACT["codes"].items():
        assert code in CODES, code
        severities = {CODES[code].severity.value} | {g.severity.value for g in CODES[code].grades}
        assert spec["severity"] in severities or recommendations.get(code) == CODES[code].severity.value, code
        assert CODES[code].dimension == spec["dimension"]


def test_contract_commands_and_options_still_exist():
    from nr_xl.cli.commands import main

    for command in CONTRACT["commands"]:
        assert command in main.commands, command
        options = {o for p in main.commands[command].params for o in getattr(p, "opts", [])}
        assert set(CONTRACT["options"].get(command, [])) <= options, command


def test_committed_template_has_every_sheet_table_and_header():
    wb = load_workbook(TEMPLATE, keep_vba=True)
    assert wb.sheetnames == list(schema.SHEET_ORDER)
    for sheet, (table, headers) in contract_tables().items():
        ws = wb[sheet]
        assert table in ws.tables, sheet
        ref = ws.tables[table].ref
        assert ref.startswith("A1:")
        assert [c.value for c in ws[1]][: len(headers)] == headers
        assert [c.name for c in ws.tables[table].tableColumns][: len(headers)] == headers
        assert ws.freeze_panes == "A2"
        assert ws.tables[table].tableStyleInfo.name
    assert wb["Listes"].sheet_state == "hidden"
    assert wb["xlwings.conf"].sheet_state == "hidden"
    assert wb["_nr_reference"].sheet_state == "veryHidden"
    assert wb.code_name == "ThisWorkbook"
    assert wb["Feuille de route"].sheet_properties.codeName == "shFeuilleDeRoute"


def test_template_is_macro_enabled_and_parameters_listed():
    with zipfile.ZipFile(TEMPLATE) as zf:
        assert XLSM_MAIN in zf.read("[Content_Types].xml").decode()
        assert zf.namelist()[0] == "[Content_Types].xml"
    wb = load_workbook(TEMPLATE, keep_vba=True)
    keys = [r[0] for r in wb["Paramètres"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert keys == [p.key for p in schema.PARAMETERS]


def test_dropdowns_formats_and_protection():
    wb = load_workbook(TEMPLATE, keep_vba=True)
    ws = wb["Compétences"]
    (dv,) = [d for d in ws.data_validations.dataValidation if "C2" in d.sqref]
    assert dv.type == "list" and dv.formula1.startswith("Listes!$A$2")
    listes = wb["Listes"]
    assert [listes.cell(row=r, column=1).value for r in range(2, 5)] == list(schema.SKILL_LEVELS)
    actions = wb["Feuille de route"]
    sqrefs = {str(d.sqref): d.formula1 for d in actions.data_validations.dataValidation}
    assert sqrefs["E2:E5000"] == "Priorités!$A$2:$A$200"
    assert sqrefs["J2:J5000"] == "Indicateurs!$A$2:$A$200"
    assert wb["Budget"].cell(row=2, column=3).number_format == schema.EUR
    assert wb["Gouvernance"].cell(row=2, column=6).number_format == schema.DATE_FORMAT
    risks = wb["Risques"]
    assert risks.protection.sheet and not risks.protection.password
    assert risks["F2"].value.startswith("=IF(") and risks["F2"].protection.locked
    assert not risks["D2"].protection.locked
    assert wb["Synthèse"].protection.sheet


def test_package_parts_are_written_as_excel_writes_them():
    import io
    import re

    import olefile

    with zipfile.ZipFile(TEMPLATE) as zf:
        sheets = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        vba = zf.read("xl/vbaProject.bin")
        workbook = zf.read("xl/workbook.xml").decode()
    # No forced recalculation on every open (Excel would ask to save on every close):
    # the formulas have no cached value, and Excel and LibreOffice compute them on open anyway.
    assert "<calcPr" in workbook and "fullCalcOnLoad" not in workbook
    formulas = [f for xml in sheets for f in re.findall(r"<formula1>(.*?)</formula1>", xml)]
    assert len(formulas) >= 20 and not [f for f in formulas if f.startswith("=")]
    # MS-OVBA 2.3.4.1: version 0xFFFF and no performance cache, so Excel compiles from source.
    with olefile.OleFileIO(io.BytesIO(vba)) as ole:
        assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("cc61ffff000000")


def test_synthese_uses_structured_references():
    wb = load_workbook(TEMPLATE, keep_vba=True)
    formulas = [c.value for row in wb["Synthèse"].iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]
    text = " ".join(formulas)
    for needle in ("SUMIFS(tbl_Budget[Investissement (€)],tbl_Budget[Année]",
                   "SUMIFS(tbl_Enveloppes[Fonctionnement (€)]",
                   "SUMIFS(tbl_Charge[Jours-homme],tbl_Charge[Service]",
                   "tbl_Capacites[Jours-homme disponibles]", "COUNTIFS(tbl_Actions[Axe]"):
        assert needle in text


def test_committed_template_equals_a_fresh_build(tmp_path):
    fresh = api.build_template(tmp_path / "fresh.xlsm")
    with zipfile.ZipFile(TEMPLATE) as committed, zipfile.ZipFile(fresh) as new:
        assert committed.namelist() == new.namelist()
        for name in committed.namelist():
            assert committed.read(name) == new.read(name), f"{name} differs: rebuild with nr-xl template"
    assert fresh.read_bytes() == TEMPLATE.read_bytes()


def test_template_reads_as_an_empty_roadmap():
    roadmap, findings = api.read_roadmap(TEMPLATE)
    assert roadmap.actions == () and roadmap.risks == ()
    assert {f.code for f in findings} == {"input.missing_parameter"}


def test_lisez_moi_says_what_to_do_on_the_first_double_click():
    wb = load_workbook(TEMPLATE, read_only=True)
    rows = [(a or "", b or "") for a, b, *_ in wb["Lisez-moi"].iter_rows(values_only=True)]
    start = next(i for i, (a, _) in enumerate(rows) if a == "Premier lancement")
    assert start < 8  # above the fold, before the description of the sheets
    block = " ".join(f"{a} {b}" for a, b in rows[start:start + 6])
    for needle in ("Débloquer", "Emplacements approuvés", "Activer le contenu", "signer le projet VBA",
                   "nr-xl doctor", "64 bits", "ImportPythonUDFs", "Accès approuvé au modèle d'objet du projet VBA"):
        assert needle in block, needle


def test_lisez_moi_presents_the_three_ways_in():
    wb = load_workbook(TEMPLATE, read_only=True)
    text = " ".join(str(v) for row in wb["Lisez-moi"].iter_rows(values_only=True) for v in row if v)
    for needle in ("Trois façons d'utiliser nr_xl", "ruban « Numérique responsable »", "xlwings Lite",
                   "Excel sur le web", "lite/GUIDE.md", "ligne de commande nr-xl"):
        assert needle in text, needle
