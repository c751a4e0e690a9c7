"""Two verdicts from one report: the roadmap's feasibility (the nine dimensions only,
« non vérifié » where a rule could not read what it needs) and the workbook's
completeness (the reading); the exit code follows the gravest finding of all."""

from __future__ import annotations

import copy

import pytest

from nr_xl import api
from nr_xl.core import layout, ownership, schema
from nr_xl.core.findings import Report, finding
from nr_xl.core.report import check_sheets
from nr_xl.example import load_example

from factory import corrected_example, sheets_of


def report_of(data) -> Report:
    return check_sheets(sheets_of(data), "test.xlsm")


def set_cell(data, sheet: str, key: str, column: str, value) -> None:
    """The cell of ``column`` in the row of ``sheet`` whose first cell is ``key``."""
    spec = schema.TABLES_BY_SHEET[sheet]
    index = spec.headers.index(column)
    row = next(r for r in data[sheet] if r[0] == key)
    row[index] = value


def test_typing_shows_in_completeness_only():
    """A corrected example with cells typed wrong (readable or not for a rule that is not
    at stake) stays feasible; the workbook says it needs completing."""
    clean = report_of(corrected_example())
    data = corrected_example()
    set_cell(data, "Feuille de route", "B1.1", "Compétences requises", "#N/A")  # unreadable, a skill cell
    set_cell(data, "Feuille de route", "B1.2", "Axe", "#REF!")  # an axis: read by no rule
    messy = report_of(data)
    assert messy.completeness == "à compléter" and clean.completeness == "complet"
    assert {f.code for f in messy.to_complete} == {"input.formula_error"}
    assert messy.feasibility in ("non vérifié", clean.feasibility)
    # The skills rules could not read B1.1's skills: that dimension only says so.
    assert messy.dimensions["Compétences"] == "non vérifié"
    assert messy.unverified == {"Compétences": ("Feuille de route!I2",)}
    assert {d: s for d, s in messy.dimensions.items() if d != "Compétences"} == \
        {d: s for d, s in clean.dimensions.items() if d != "Compétences"} | {"Structure": "bloquant"}
    assert messy.exit_code == 1 and messy.status == "bloquant"  # a cell to correct still fails a script


def test_an_unreadable_amount_never_reads_as_feasible():
    data = corrected_example()
    line = next(r for r in data["Budget"] if r[0] == "B3.1")
    line[2] = "beaucoup"
    report = report_of(data)
    assert report.dimensions["Budget"] == "non vérifié"
    assert report.feasibility == "non vérifié"
    assert report.unverified["Budget"][0].startswith("Budget!C")
    # The dimension's own errors win over « non vérifié ».
    data[schema.ENVELOPES.sheet][0][2] = 1
    assert report_of(data).dimensions["Budget"] == "bloquant"


def test_a_missing_sheet_or_parameter_leaves_its_dimensions_unverified():
    data = corrected_example()
    del data["Capacités"]
    report = report_of(data)
    assert report.unverified["Ressources"] == ("feuille « Capacités »",)
    assert report.dimensions["Ressources"] == "non vérifié"
    data = corrected_example()
    data["Paramètres"] = [r for r in data["Paramètres"] if r[0] != "Date de formalisation"]
    report = report_of(data)
    assert report.unverified["Gouvernance"] == ("paramètre « Date de formalisation »",)
    assert report.dimensions["Gouvernance"] == "non vérifié"


def test_every_feed_names_a_dimension_of_the_review():
    fed = {d for spec in schema.INPUT_TABLES for d in spec.feeds}
    fed |= {d for spec in schema.INPUT_TABLES for c in spec.columns for d in (c.feeds or ())}
    fed |= {d for p in schema.PARAMETERS for d in p.feeds}
    assert fed <= set(schema.DIMENSIONS)
    # Every table users fill feeds a rule, but Paramètres (by parameter).
    assert all(spec.feeds for spec in schema.INPUT_TABLES if spec is not schema.PARAMETER_TABLE)


def test_json_report_has_both_verdicts_and_where_it_could_not_read(example_path, capsys):
    data = copy.deepcopy(load_example())
    data["Budget"][0][2] = "beaucoup"
    path = api.build_template(example_path.parent / "illisible.xlsm", data)
    payload = api.check(path).to_dict()
    assert payload["feasibility"] == "bloquant" and payload["completeness"] == "à compléter"
    assert payload["status"] == "bloquant"
    assert payload["unverified"] == {"Budget": ["Budget!C2"]}
    assert payload["dimensions"]["Budget"] == "bloquant"  # the 2028 overrun blocks, read or not


def test_structure_errors_are_to_correct_not_blocking():
    f = finding("input.bad_number", sheet="Budget", row=7, field="Investissement (€)", key="Budget!C7",
                detail="x", advice="y")
    assert f.label == "À corriger"
    report = Report("x", [f])
    assert report.feasibility == "faisable" and report.completeness == "à compléter"
    assert layout.summary(report) == ("Faisabilité : Faisable (0 bloquant(s), 0 alerte(s)). "
                                      "Classeur : à compléter (1 à corriger, 0 à vérifier).")


def test_status_block_shows_both_verdicts_and_keeps_row_four_free():
    report = report_of(load_example())
    cells = {(c.row, c.col): c.value for c in layout.findings_sheet(report).cells if c.col >= layout.BLOCK_COL}
    k, v = layout.BLOCK_COL, layout.BLOCK_COL + 1
    assert (cells[(1, k)], cells[(1, v)]) == ("Faisabilité", "BLOQUANT")
    assert (cells[(2, k)], cells[(2, v)]) == ("Classeur", "COMPLET")
    assert (4, k) not in cells and (4, v) not in cells  # xlwings Lite's message
    assert cells[(5, v)] == "Feuille de route : 3 bloquant(s), 14 alerte(s)"
    # The block recognises itself, and the one of the version before (« Statut global »).
    owned = ownership.status_block(cells)
    assert {(r, c) for (r, c) in cells} <= owned | {(r, c) for (r, c) in cells if r > 40}
    assert (4, k) not in owned


def test_an_old_status_block_is_replaced_whole():
    old = {(1, 11): "Statut global", (1, 12): "BLOQUANT", (2, 11): "Vérifié le", (2, 12): "01/12/2026",
           (3, 11): "Constats", (3, 12): "6 bloquant(s)", (5, 11): "Dimension", (5, 12): "Statut",
           (6, 11): "Ambition politique", (6, 12): "Faisable", (7, 11): "Budget", (7, 12): "Bloquant",
           (9, 11): "Légende", (10, 11): "Bloquant", (10, 12): "à corriger", (11, 11): "À arbitrer",
           (11, 12): "alerte", (12, 11): "Faisable", (12, 12): "rien", (13, 11): "Feuille", (13, 12): "un clic",
           (4, 11): "note de l'utilisateur", (8, 13): "à moi aussi"}
    owned = ownership.status_block(old)
    assert set(old) - owned == {(4, 11), (8, 13)}


@pytest.mark.parametrize("severity_label", ["À corriger", "Bloquant", "Alerte", "Info"])
def test_findings_rows_are_recognised_by_every_gravity_label(severity_label):
    assert ownership.looks_like_ours(schema.FINDINGS.sheet, severity_label)


def test_a_realistically_typed_workbook_has_the_feasibility_of_the_clean_one():
    """The example typed as directions type it (« 18 000 € TTC », « fin 2029 », « x », a TOTAL
    row…): the roadmap's verdict and each of its dimensions are the clean example's."""
    from messy import messy_example

    clean, messy = report_of(load_example()), report_of(messy_example())
    assert messy.feasibility == clean.feasibility
    assert {d: messy.dimensions[d] for d in schema.DIMENSIONS} == {d: clean.dimensions[d] for d in schema.DIMENSIONS}
    assert [(f.code, f.key) for f in messy.findings if f.dimension in schema.DIMENSIONS] == \
        [(f.code, f.key) for f in clean.findings if f.dimension in schema.DIMENSIONS]
