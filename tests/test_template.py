"""The committed template: every sheet, table and column of CONTRACT.md §1 with
exactly that header text, and byte-for-byte equal to a fresh build."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from nr_xl import api, schema
from nr_xl.workbook.package import XLSM_MAIN

from conftest import ROOT, SHARED

TEMPLATE = ROOT / "workbook_template.xlsm"


def contract_tables() -> dict[str, tuple[str, list[str]]]:
    """Sheet -> (table, headers) parsed from the table of CONTRACT.md §1."""
    path = SHARED / "CONTRACT.md"
    if not path.exists():
        pytest.skip("shared/CONTRACT.md n'est pas à côté du dépôt")
    text = path.read_text(encoding="utf-8")
    section = text.split("## 1.")[1].split("## 2.")[0]
    result = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1].startswith("`tbl_"):
            sheet = cells[0].strip("`")
            headers = re.findall(r"`([^`]+)`", cells[2])
            result[sheet] = (cells[1].strip("`"), headers)
    assert len(result) >= 16
    return result


def test_schema_matches_the_contract():
    for sheet, (table, headers) in contract_tables().items():
        spec = schema.TABLES_BY_SHEET[sheet]
        assert spec.table == table
        # The contract's columns in its order; columns added since come after them.
        assert list(spec.headers[:len(headers)]) == headers
        assert all(not spec.column(h).announce_missing for h in spec.headers[len(headers):])


def test_contract_finding_codes_are_all_declared():
    from nr_xl.findings import CODES

    text = (SHARED / "CONTRACT.md").read_text(encoding="utf-8") if (SHARED / "CONTRACT.md").exists() else ""
    if not text:
        pytest.skip("shared/CONTRACT.md absent")
    section = text.split("## 2.")[1].split("## 3.")[0]
    for code, severity, dimension in re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| (\w+) \| ([^|]+) \|", section, re.M):
        assert code in CODES, code
        assert CODES[code].severity.value == severity
        assert CODES[code].dimension == dimension.strip()


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
    assert dv.type == "list" and dv.formula1.startswith("=Listes!$A$2")
    listes = wb["Listes"]
    assert [listes.cell(row=r, column=1).value for r in range(2, 5)] == list(schema.SKILL_LEVELS)
    actions = wb["Feuille de route"]
    sqrefs = {str(d.sqref): d.formula1 for d in actions.data_validations.dataValidation}
    assert sqrefs["E2:E5000"] == "=Priorités!$A$2:$A$200"
    assert sqrefs["J2:J5000"] == "=Indicateurs!$A$2:$A$200"
    assert wb["Budget"].cell(row=2, column=3).number_format == schema.EUR
    assert wb["Gouvernance"].cell(row=2, column=6).number_format == schema.DATE_FORMAT
    risks = wb["Risques"]
    assert risks.protection.sheet and not risks.protection.password
    assert risks["F2"].value.startswith("=IF(") and risks["F2"].protection.locked
    assert not risks["D2"].protection.locked
    assert wb["Synthèse"].protection.sheet


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
