"""Read the workbook as people type it (nr_xl.core.reading): 300 typed values, each read
by the interpreter and through the whole check; an unreadable cell is one finding and no
knock-on; a messily typed workbook gives its clean twin's findings plus reading notes."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nr_xl.core import parse, schema
from nr_xl.core.build import build_roadmap
from nr_xl.core.reading.common import Etp, Reading
from factory import sheets_of
from nr_xl.core.report import check_sheets
from nr_xl.core.tables import column_letter
from nr_xl.example.followup import followed_example
from nr_xl.example import load_example

from messy import EDITS, EXACT, messy_example
from typed_values import CASES, TABLE

NOTES = {"input.read_as", "input.total_row", "input.blank_row", "input.header_row"}
PER_FTE = parse.Reading  # noqa: F841 (the default days per FTE is the one build.py documents)


def _read(kind, how, typed):
    allowed = how if isinstance(how, tuple) else ()
    role = how if isinstance(how, str) else ""
    result = parse.reader_for(kind, allowed, role)(typed)
    if isinstance(result, Etp):
        from nr_xl.core.build import DEFAULT_DAYS_PER_FTE

        result = Reading(result.fte * DEFAULT_DAYS_PER_FTE, "ETP", warn=True)
    return result


@pytest.mark.parametrize("label, kind, how, typed, expected, read", CASES,
                         ids=[f"{c[0]}:{c[3]!r}" for c in CASES])
def test_each_typed_value_reads_as_the_agent_meant(label, kind, how, typed, expected, read):
    if read not in ("exact", "info", "warn"):
        with pytest.raises(parse.CellError) as err:
            _read(kind, how, typed)
        assert err.value.code == read
        return
    result = _read(kind, how, typed)
    value = result.value if isinstance(result, Reading) else result
    noted = isinstance(result, Reading) and bool(result.note)
    assert value == expected
    assert noted == (read != "exact"), result
    if noted:
        assert result.warn == (read == "warn"), result
        assert "lu comme" in result.note or read == "warn"


def test_the_table_holds_three_hundred_values_of_every_kind():
    assert len(CASES) >= 300
    assert {kind for _, kind, _, _ in TABLE} >= {schema.Kind.AMOUNT, schema.Kind.DAYS, schema.Kind.QUARTER,
                                                 schema.Kind.DATE, schema.Kind.YEAR, schema.Kind.MEASURE,
                                                 schema.Kind.SCORE, schema.Kind.REF_LIST, schema.Kind.ENUM}


# --- The same values through the whole check ----------------------------------------------

# Where each kind of value is typed in the example: (sheet, column, field of the model).
COLUMNS = {
    "montant": (schema.BUDGET, schema.BUDGET.investment),
    "jours-homme": (schema.CHARGE, schema.CHARGE.days),
    "début": (schema.ACTIONS, schema.ACTIONS.start),
    "fin": (schema.ACTIONS, schema.ACTIONS.end),
    "date": (schema.GOVERNANCE, schema.GOVERNANCE.installed_on),
    "échéance": (schema.DECISIONS, schema.DECISIONS.due),
    "année": (schema.INDICATORS, schema.INDICATORS.deadline),
    "valeur d'indicateur": (schema.INDICATORS, schema.INDICATORS.target),
    "note": (schema.RISKS, schema.RISKS.probability),
    "références": (schema.RISKS, schema.RISKS.actions),
    "statut d'enveloppe": (schema.ENVELOPES, schema.ENVELOPES.status),
    "statut d'action": (schema.ACTIONS, schema.ACTIONS.status),
    "présence": (schema.PARTICIPANTS, schema.PARTICIPANTS.presence),
    "niveau": (schema.SKILLS, schema.SKILLS.level),
}


@pytest.mark.parametrize("label, kind, how, cases", TABLE, ids=[t[0] for t in TABLE])
def test_each_typed_value_through_the_whole_check(label, kind, how, cases):
    """Every value of a kind typed in its column of the example (one row each, copied from
    the first): the model holds what the agent meant, and the cell has exactly its reading
    note, its input finding, or nothing."""
    spec, column = COLUMNS[label]
    data = copy.deepcopy(load_example())
    base = data[spec.sheet][0]
    index = spec.columns.index(column)
    identifying = next((i for i, c in enumerate(spec.columns) if c.identifies_row), None)
    first_row = len(data[spec.sheet]) + 2
    for n, (typed, _, _) in enumerate(cases):
        row = list(base)
        if identifying is not None:
            row[identifying] = f"{row[identifying]}-{n}"
        row[index] = typed
        data[spec.sheet].append(row)
    sheets = sheets_of(data)
    report = check_sheets(sheets, "x.xlsm")
    roadmap, _ = build_roadmap(sheets)
    objects = {o.row: o for o in getattr(roadmap, spec.field)}
    letter = column_letter(index)
    for n, (typed, expected, read) in enumerate(cases):
        at = first_row + n
        on_cell = [f for f in report.findings if f.key == f"{spec.sheet}!{letter}{at}"]
        codes = sorted((f.code, f.severity.value) for f in on_cell)
        want = {"exact": [], "info": [("input.read_as", "info")], "warn": [("input.read_as", "warning")]}.get(
            read, [(f"input.{read}", "warning" if read == "unknown_value" else "error")])
        assert codes == want, (typed, on_cell)
        value = getattr(objects[at], str(column.field)) if at in objects else None
        if read in ("exact", "info", "warn") or expected is not None:
            assert value == (expected if column.default is None or expected is not None else column.default), typed


# --- An unreadable cell: one finding, no knock-on ------------------------------------------

READABLE_ANYWAY = {schema.Kind.TEXT}  # an error value in a free-text column is still an error, read as such


def _columns():
    for spec in schema.INPUT_TABLES:
        if spec is schema.PARAMETER_TABLE:
            continue
        for col in spec.columns:
            if col.kind is not schema.Kind.COMPUTED and not col.identifies_row:
                yield pytest.param(spec, col, id=f"{spec.sheet}:{col.header}")


def _checked(data) -> set[tuple[str, str | None]]:
    return {(f.code, f.key) for f in check_sheets(sheets_of(data), "x.xlsm").findings}


@pytest.mark.parametrize("spec, col", list(_columns()))
def test_an_unreadable_cell_is_one_finding_and_no_rule_computes_with_it(spec, col):
    """« #REF! » in the first row of each column: exactly one new finding, on that cell; no
    rule reports anything new because of it (rules that needed it say nothing)."""
    # The follow-up's columns are typed only once the example has been followed a year.
    base = followed_example(load_example()) if not (spec.journaled and col.journaled) else load_example()
    before = _checked(base)
    data = copy.deepcopy(base)
    data[spec.sheet][0][spec.columns.index(col)] = "#REF!"
    new = _checked(data) - before
    letter = column_letter(spec.columns.index(col))
    assert new == {("input.formula_error", f"{spec.sheet}!{letter}2")}


# --- The messy twin -------------------------------------------------------------------------

def _without_notes(data) -> set[tuple[str, str | None, str, str]]:
    return {(f.code, f.key, f.severity.value, f.message) for f in check_sheets(sheets_of(data), "x.xlsm").findings
            if f.code not in NOTES}


def test_a_workbook_typed_as_agents_type_gives_its_clean_twin_s_findings_plus_reading_notes():
    clean, messy = load_example(), messy_example()
    report = check_sheets(sheets_of(messy), "x.xlsm")
    assert _without_notes(messy) == _without_notes(clean)
    notes = [f for f in report.findings if f.code in NOTES]
    noted = {f.key for f in notes}
    for sheet, row, column, typed in EDITS:
        assert (f"{sheet}!{column_letter(column)}{row + 2}" in noted) == (typed not in EXACT), typed
    assert all(f.severity.value in ("info", "warning") for f in notes)
    assert report.figures == check_sheets(sheets_of(clean), "x.xlsm").figures
    assert any(f.code == "input.total_row" for f in notes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.integers(0, len(EDITS) - 1), min_size=1, max_size=8))
def test_any_mix_of_exact_and_messy_spellings_gives_the_same_findings_apart_from_notes(chosen):
    data = copy.deepcopy(load_example())
    for i in chosen:
        sheet, row, column, typed = EDITS[i]
        data[sheet][row][column] = typed
    assert _without_notes(data) == _without_notes(load_example())


def test_a_messy_typed_twin_written_in_a_real_workbook_reads_the_same(tmp_path):
    """Through a real .xlsm and python-calamine: the cells keep the agent's text."""
    from nr_xl import api

    clean, messy = tmp_path / "propre.xlsm", tmp_path / "saisi.xlsm"
    api.build_template(clean, load_example())
    api.build_template(messy, messy_example())
    drop = {("input.read_as",), ("input.total_row",)}
    a = {(f.code, f.key, f.message) for f in api.check(clean).findings}
    b = {(f.code, f.key, f.message) for f in api.check(messy).findings if (f.code,) not in drop}
    assert a == b


# --- Units and scales -------------------------------------------------------------------

def test_etp_uses_the_parameter_and_says_so_and_the_default_is_a_warning():
    data = copy.deepcopy(load_example())
    data["Capacités"][0][2] = "1 ETP"  # DSI 2027: 220 j-h in the example
    report = check_sheets(sheets_of(data), "x.xlsm")
    note = next(f for f in report.findings if f.code == "input.read_as" and f.key == "Capacités!C2")
    assert note.severity.value == "warning" and "1 607 h" in note.message
    data["Paramètres"].append([schema.DAYS_PER_FTE.key, 220])
    report = check_sheets(sheets_of(data), "x.xlsm")
    note = next(f for f in report.findings if f.code == "input.read_as" and f.key == "Capacités!C2")
    assert note.severity.value == "info" and "220" in note.message
    clean = check_sheets(sheets_of(load_example()), "x.xlsm")
    assert {(f.code, f.key) for f in report.findings if f.code != "input.read_as"} == \
        {(f.code, f.key) for f in clean.findings}


def test_a_share_stored_as_a_fraction_is_compared_on_the_scale_of_the_other_value():
    """I02 (unit %): baseline 8 (meaning 8 %) and target 0,25 as Excel stores « 25 % »."""
    data = copy.deepcopy(load_example())
    data["Indicateurs"][1][5] = 0.25
    roadmap, findings = build_roadmap(sheets_of(data))
    i02 = next(i for i in roadmap.indicators if i.id == "I02")
    assert i02.target == 25 and i02.baseline == 8
    note = next(f for f in findings if f.code == "input.read_as" and f.key == "Indicateurs!F3")
    assert note.severity.value == "warning" and "25 %" in note.message
    checked = {(f.code, f.key) for f in check_sheets(sheets_of(data), "x.xlsm").findings}
    assert ("kpi.wrong_direction", "I02") not in checked and ("kpi.below_legal_floor", "I02") not in checked


def test_all_fractions_of_a_share_are_read_in_points_without_a_warning():
    data = copy.deepcopy(load_example())
    data["Indicateurs"][1][3], data["Indicateurs"][1][5] = 0.08, 0.25
    roadmap, findings = build_roadmap(sheets_of(data))
    i02 = next(i for i in roadmap.indicators if i.id == "I02")
    assert (i02.baseline, i02.target) == (8, 25)
    assert {f.severity.value for f in findings if f.code == "input.read_as"} == {"info"}


def test_a_reference_in_another_case_names_the_declared_id():
    data = copy.deepcopy(load_example())
    data["Feuille de route"][0][9] = "i12"
    data["Budget"][0][0] = "b1.2"
    roadmap, findings = build_roadmap(sheets_of(data))
    assert roadmap.actions[0].indicators == ("I12",) and roadmap.budget[0].action == "B1.2"
    assert {f.key for f in findings if f.code == "input.read_as"} == {"Feuille de route!J2", "Budget!A2"}


def test_a_representative_is_present_and_named():
    data = copy.deepcopy(load_example())
    data["Participants"][1][3] = "représenté par Marc Blanc"
    roadmap, _ = build_roadmap(sheets_of(data))
    person = roadmap.participants[1]
    assert person.presence == schema.PRESENT and person.represented_by == "Marc Blanc"


@pytest.mark.parametrize("row, code", [
    (["TOTAL", None, 1000, 500, None], "input.total_row"),
    (["Sous-total 2027", None, 1000, 500, None], "input.total_row"),
    ([None, None, 1000, 500, "Total"], "input.total_row"),
    (list(schema.BUDGET.headers), "input.header_row"),
])
def test_rows_that_are_not_data_are_left_out_and_said(row, code):
    data = copy.deepcopy(load_example())
    data["Budget"].append(row)
    report = check_sheets(sheets_of(data), "x.xlsm")
    said = [f for f in report.findings if f.code == code]
    assert [f.row for f in said] == [len(data["Budget"]) + 1] and said[0].severity.value == "info"
    assert report.figures == check_sheets(sheets_of(load_example()), "x.xlsm").figures
    assert not [f for f in report.findings if f.row == len(data["Budget"]) + 1 and f.code != code]


def test_a_total_word_in_a_row_that_names_its_item_is_data():
    data = copy.deepcopy(load_example())
    data["Feuille de route"][0][2] = "Total des économies d'impression"
    roadmap, findings = build_roadmap(sheets_of(data))
    assert roadmap.actions[0].title == "Total des économies d'impression"
    assert not [f for f in findings if f.code == "input.total_row"]


def test_blank_rows_between_rows_are_one_information_per_run():
    data = copy.deepcopy(load_example())
    data["Budget"][3:3] = [[None] * 5, [None] * 5]
    report = check_sheets(sheets_of(data), "x.xlsm")
    blank = [f for f in report.findings if f.code == "input.blank_row"]
    assert [(f.row, f.severity.value) for f in blank] == [(5, "info")] and "lignes 5 à 6" in blank[0].message


def test_an_agent_s_note_in_a_date_column_keeps_the_workbook_buildable(tmp_path):
    """The example's builder writes what agents type as text (« 14 janvier 2027 »)."""
    from nr_xl import api

    data = copy.deepcopy(load_example())
    data["Gouvernance"][1][5] = "14 janvier 2027"
    path = api.build_template(tmp_path / "w.xlsm", data)
    roadmap, _ = api.read_roadmap(path)
    assert roadmap.governance[1].installed_on == dt.date(2027, 1, 14)


def test_excel_lets_a_user_keep_a_typed_value_outside_a_list(tmp_path):
    """The template's list validations warn (« Avertissement ») and name the usual values."""
    from openpyxl import load_workbook

    from conftest import ROOT

    ws = load_workbook(ROOT / "workbook_template.xlsm")[schema.ENVELOPES.sheet]
    status = next(dv for dv in ws.data_validations.dataValidation if "E2" in str(dv.sqref))
    assert status.errorStyle == "warning" and status.showErrorMessage
    assert "Votée" in status.error and len(status.error) <= 255


def test_every_reading_note_is_an_information_or_a_warning_never_blocking():
    report = check_sheets(sheets_of(messy_example()), "x.xlsm")
    for f in report.findings:
        if f.code in NOTES:
            assert f.severity.value != "error"
    assert dataclasses.is_dataclass(report.findings[0])
