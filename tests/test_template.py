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


def readme_rows(path=TEMPLATE) -> list[tuple[str, str, str]]:
    wb = load_workbook(path, read_only=True)
    return [tuple(str(v or "") for v in (list(row) + [None] * 3)[:3])
            for row in wb["Lisez-moi"].iter_rows(values_only=True)]


def ribbon_labels() -> set[str]:
    from lxml import etree

    root = etree.fromstring((ROOT / "macros" / "customUI14.xml").read_bytes())
    return {b.get("label") for b in root.iter("{http://schemas.microsoft.com/office/2009/07/customui}button")}


def test_lisez_moi_opens_on_the_committees_path_before_during_after():
    rows = readme_rows()
    labels = [a for a, _, _ in rows]
    path = labels.index("Le parcours du comité")
    assert path < 6  # on the first screen, before any setup
    moments = [labels.index(m) for m in ("Avant le comité", "Pendant le comité", "Après le comité",
                                         "Au suivi, après le vote")]
    setup = labels.index("Mettre en place, une fois")
    assert path < moments[0] < moments[1] < moments[2] < moments[3] < setup
    steps = {m: [rows[i] for i in range(start + 1, end) if rows[i][0]]
             for m, start, end in zip(("avant", "pendant", "après", "suivi"), moments, moments[1:] + [setup])}
    wanted = {"avant": ("Remplir", "Vérifier", "Corriger"),
              "pendant": ("Figer", "Ajuster", "Journaliser", "Décider"),
              "après": ("Compte rendu", "Annonce", "Gouvernance"),
              "suivi": ("Noter", "Suivre", "Bilan")}
    buttons = ribbon_labels()
    for moment, names in wanted.items():
        assert [a.split(". ", 1)[1] for a, _, _ in steps[moment]] == list(names), moment
        for a, what, button in steps[moment]:
            assert what and len(what) < 260, a  # one line each
            assert button in buttons or (a == "1. Remplir" and button == "—"), (a, button)
    # Each step's button is the one that does it.
    by_step = {a.split(". ", 1)[1]: button for moment in steps.values() for a, _, button in moment}
    assert by_step["Figer"] == "Figer la version de référence" and by_step["Journaliser"] == "Journaliser les ajustements"
    assert by_step["Décider"] == "Valider la feuille de route" and by_step["Compte rendu"] == "Compte rendu"
    assert by_step["Annonce"] == "Annonce de lancement" and by_step["Vérifier"] == "Vérifier la faisabilité"
    assert by_step["Suivre"] == "Compte rendu de suivi" and by_step["Bilan"] == "Bilan annuel"


def test_lisez_moi_sets_up_by_way_in_after_the_path():
    rows = readme_rows()
    labels = [a for a, _, _ in rows]
    setup = labels.index("Mettre en place, une fois")
    ways = [labels.index(w) for w in ("Excel avec Python", "xlwings Lite, sans rien installer",
                                      "LibreOffice, ou sans Excel")]
    assert setup < min(ways)
    text = " ".join(" ".join(r) for r in rows)
    for needle in ("ruban « Numérique responsable »", "Excel sur le web", "lite/GUIDE.md", "ligne de commande nr-xl",
                   "nr-xl doctor --reparer", "cellule L4"):
        assert needle in text, needle
    # Nothing points « below » or « above »: the sheet's order is the reading order.
    assert "ci-dessous" not in text and "ci-dessus" not in text


def test_lisez_moi_says_what_to_do_on_the_first_double_click():
    rows = readme_rows()
    start = [a for a, _, _ in rows].index("Excel avec Python : premier lancement")
    block = " ".join(f"{a} {b}" for a, b, _ in rows[start:start + 6])
    for needle in ("Débloquer", "Emplacements approuvés", "Activer le contenu", "signer le projet VBA",
                   "nr-xl doctor", "64 bits", "ImportPythonUDFs", "Accès approuvé au modèle d'objet du projet VBA"):
        assert needle in block, needle


def test_dates_show_in_one_format_everywhere(example_path):
    """Paramètres' dates as every other sheet's: 06/11/2026, never 2026-11-06."""
    import datetime as dt

    wb = load_workbook(example_path)
    formats = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (dt.date, dt.datetime)):
                    formats[f"{ws.title}!{cell.coordinate}"] = cell.number_format
    assert formats and any(k.startswith("Paramètres!") for k in formats)
    assert {f for f in formats.values()} == {schema.DATE_FORMAT}, formats


def test_every_sheet_prints_readably_on_a4():
    from nr_xl.workbook import printing

    wb = load_workbook(TEMPLATE)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        width = printing.sheet_width_cm(ws)
        chosen = printing.plan(width)
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == chosen.orientation
        # Fitted to the width, and at 8 points or more as Excel prints it (Calibri 11).
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, ws.title
        assert chosen.font_pt >= 8, (ws.title, chosen)
        assert chosen.orientation == ("portrait" if width <= printing.PRINTABLE_CM["portrait"] else "landscape")
        if ws.title in schema.TABLES_BY_SHEET:
            assert ws.print_title_rows == "$1:$1", ws.title  # the header row on every page
    for spec in schema.INPUT_TABLES:  # long texts wrap, in the cells and for what is typed later
        ws = wb[spec.sheet]
        assert ws.cell(row=2, column=len(spec.columns)).alignment.wrap_text, spec.sheet
    controles, journal = wb[schema.FINDINGS.sheet], wb[schema.JOURNAL.sheet]
    assert controles.print_area == "'Contrôles'!$A$1:$I$1048576,'Contrôles'!$K$1:$P$1048576"
    assert journal.print_area == "'Journal'!$A$1:$K$1048576"
    folded = {c for c, d in controles.column_dimensions.items() if d.hidden}
    assert folded == {"B", "F", "G"} and [schema.FINDINGS.headers[ord(c) - 65] for c in sorted(folded)] == [
        "Code", "Champ", "Clé"]
    with zipfile.ZipFile(TEMPLATE) as zf:
        book = zf.read("xl/workbook.xml").decode()
    # Printing order: the status block, then the findings (openpyxl reads the areas unordered).
    assert "'Contrôles'!$K$1:$P$1048576,'Contrôles'!$A$1:$I$1048576" in book
