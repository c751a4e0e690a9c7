"""One contract suite, run on every reader: the same file gives the same rows,
the same roadmap and the same input findings. « xlwings » is the ribbon's reader
of the live book, run on the remote engine over what Excel would hold of the file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from nr_xl import api

from nr_xl.core import schema
from nr_xl.core.build import build_roadmap
from nr_xl.core.parse import Quarter
from nr_xl.sources import ENGINES, WorkbookRows, read_rows

from conftest import build_with, write_raw

BOOK = "xlwings"
pytestmark = pytest.mark.parametrize("engine", [*ENGINES, BOOK])


def rows_of(path: Path, sheets: list[str], engine: str) -> WorkbookRows:
    """The file engines read the file; the book reader reads it as open in Excel."""
    if engine != BOOK:
        return read_rows(path, sheets, engine=engine)  # type: ignore[arg-type]
    from nr_xl.excel import read as xlwings_source

    from remote_book import ExcelLikeBook

    return xlwings_source.read(ExcelLikeBook.from_file(path).remote(), sheets)


def read_roadmap(path: Path, engine: str):  # type: ignore[no-untyped-def]
    if engine != BOOK:
        return api.read_roadmap(path, engine)  # type: ignore[arg-type]
    return build_roadmap(rows_of(path, api.INPUT_SHEETS, engine).sheets)


def codes(findings):
    return sorted((f.code, f.sheet, f.row, f.field) for f in findings)


def test_example_reads_identically(example_master: Path, engine):
    roadmap, findings = read_roadmap(example_master, engine)
    assert findings == []
    assert len(roadmap.actions) == 24
    b31 = roadmap.action_by_id()["B3.1"]
    assert (b31.row, b31.start, b31.end) == (10, Quarter(2027, 2), Quarter(2028, 4))
    assert roadmap.parameters.formalised_on == dt.date(2026, 11, 6)
    assert roadmap.parameters.governance_delay_days == 30
    assert roadmap.governance[1].installed_on == dt.date(2027, 1, 14)
    assert sum(line.investment for line in roadmap.budget) == Decimal(480000)
    assert roadmap.risks[3].criticality == 9
    assert roadmap.launch is not None and roadmap.launch.date == dt.date(2027, 2, 4)
    reference, _ = api.read_roadmap(example_master, "openpyxl")
    assert roadmap == reference


def test_headers_matched_loosely_in_any_order_with_extra_columns(tmp_path, engine):
    path = write_raw(tmp_path / "w.xlsx", {
        "Priorités": [["  description", "Commentaire", "PRIORITE", "id "],
                      ["Une description", "libre", "Sobriété", "P1"]],
    })
    roadmap, findings = read_roadmap(path, engine)
    assert [(p.id, p.title, p.description) for p in roadmap.priorities] == [("P1", "Sobriété", "Une description")]
    assert ("input.missing_sheet", "Feuille de route", None, None) in codes(findings)
    assert not [f for f in findings if f.sheet == "Priorités"]


def test_every_input_finding_points_at_its_cell(tmp_path, engine):
    path = write_raw(tmp_path / "w.xlsx", {
        "Feuille de route": [
            ["ID", "Axe", "Action", "Service pilote", "Priorités", "Début", "Fin", "Statut",
             "Compétences requises", "Indicateurs", "Dépendances", "Programme lié"],
            ["B1", "Axe", "Action", "DSI", "P1", "2027-T5", "2027-T4", "Commencée", "", "I1", "", ""],
            [None] * 12,  # an empty row inside the table is skipped, row numbers kept
            [None, "Axe", "Sans identifiant", "DSI", "P1", "2027-T1", "2027-T2", "", "", "", "", ""],
        ],
        "Budget": [
            ["Action", "Année", "Investissement (€)", "Fonctionnement (€)", "Financement"],
            ["B1", "deux mille", "douze", "#DIV/0!", ""],
        ],
        "Risques": [
            ["ID", "Type", "Description", "Probabilité", "Impact", "Mesure", "Responsable", "Actions liées"],
            ["R1", "Danger", "x", 7, 2, "", "", ""],
        ],
        "Gouvernance": [
            ["Instance", "Rôle", "Présidence", "Membres", "Fréquence", "Date d'installation", "Date d'installation"],
            ["COPIL", "r", "p", "m", "f", "le 3 mars", ""],
        ],
        "Paramètres": [["Paramètre", "Valeur"], ["Collectivité", "X"], ["Date de formalisation", "hier"]],
    })
    _, findings = read_roadmap(path, engine)
    got = {(f.code, f.key) for f in findings}
    expected = {
        ("input.bad_quarter", "Feuille de route!F2"),
        ("input.unknown_value", "Feuille de route!H2"),
        ("input.missing_value", "Feuille de route!A4"),
        ("input.bad_year", "Budget!B2"),
        ("input.bad_number", "Budget!C2"),
        ("input.formula_error", "Budget!D2"),
        ("input.unknown_value", "Risques!B2"),
        ("input.out_of_range", "Risques!D2"),
        ("input.bad_date", "Gouvernance!F2"),
        ("input.duplicate_column", "Gouvernance!G1"),
        ("input.bad_date", "Paramètres!B3"),
        ("input.missing_parameter", "Date du comité de validation"),
        ("input.missing_parameter", "Présidence du comité"),
    }
    assert expected <= got, expected - got
    assert ("input.missing_parameter", "Date de formalisation") not in got  # unreadable, not missing
    by_key = {f.key: f for f in findings}
    assert by_key["Budget!C2"].row == 2 and by_key["Budget!C2"].field == "Investissement (€)"
    assert by_key["Feuille de route!A4"].row == 4
    assert all(f.message and f.suggestion for f in findings)


def test_missing_columns_and_sheets(tmp_path, engine):
    path = build_with(tmp_path / "w.xlsm", Charge=[["B1.1", "DSI", 2027, 5]])
    roadmap, findings = read_roadmap(path, engine)
    assert findings == [] and len(roadmap.workload) == 1
    path = write_raw(tmp_path / "cols.xlsx", {
        "Capacités": [["Service", "Année"], ["DSI", 2027]],
        "Priorités": [["ID", "Priorité"], ["P1", "x"]],
    })
    _, findings = read_roadmap(path, engine)
    got = codes(findings)
    assert ("input.missing_column", "Capacités", 1, "Jours-homme disponibles") in got
    assert ("input.missing_optional_column", "Priorités", 1, "Description") in got
    missing_sheets = {f.sheet for f in findings if f.code == "input.missing_sheet"}
    # The follow-up sheets (Suivi, Dépenses, Mesures) are optional: their absence is no finding.
    assert missing_sheets == {t.sheet for t in schema.INPUT_TABLES if t.announce_missing} - {"Capacités", "Priorités"}


def test_readers_return_the_same_plain_rows(example_master, engine):
    rows = rows_of(example_master, ["Budget", "Paramètres"], engine)
    budget = rows.sheets["Budget"]
    assert budget[0][:5] == list(schema.BUDGET.headers)
    assert [budget[1][0], int(budget[1][1]), int(budget[1][3])] == ["B1.2", 2027, 18000]
    params = {r[0]: r[1] for r in rows.sheets["Paramètres"][1:] if r and r[0]}
    assert params["Date de formalisation"].date() == dt.date(2026, 11, 6) if isinstance(
        params["Date de formalisation"], dt.datetime) else params["Date de formalisation"] == dt.date(2026, 11, 6)


def test_cells_in_every_accepted_format(tmp_path, engine):
    data_rows = [
        ["B1.1", 2027, "12 500 €", "1,2 k€", ""],
        ["B1.1", "2028", 40000.0, "0,5 M€", "Subvention"],
        ["B1.2", 2027, "12,5 k€", None, "Enveloppe NR"],
    ]
    path = build_with(tmp_path / "w.xlsm", Budget=data_rows)
    roadmap, findings = read_roadmap(path, engine)
    assert findings == []
    got = [(b.action, b.year, b.investment, b.operating, b.financing) for b in roadmap.budget]
    assert got == [
        ("B1.1", 2027, Decimal(12500), Decimal(1200), "Enveloppe NR"),
        ("B1.1", 2028, Decimal(40000), Decimal(500000), "Subvention"),
        ("B1.2", 2027, Decimal(12500), Decimal(0), "Enveloppe NR"),
    ]


def test_every_reader_reads_the_follow_up_alike(tmp_path, engine):
    """The follow-up sheets, a decision's « Statut » and the follow-up date read the same
    through every reader (the book open in Excel too), and the checks find the same points."""
    from nr_xl.core.report import check_sheets
    from nr_xl.example import load_example
    from nr_xl.example.followup import followed_example

    path = api.build_template(tmp_path / "suivi.xlsm", followed_example(load_example()))

    def read(how: str):
        roadmap, _ = read_roadmap(path, how)
        report = check_sheets(rows_of(path, list(schema.CHECKED_SHEETS), how).sheets, path.name)
        return (roadmap.progress, roadmap.spending, roadmap.measures, [d.status for d in roadmap.decisions],
                roadmap.parameters.followup_on,
                sorted((f.code, f.key) for f in report.findings if f.code.startswith("followup.")))

    found = read(engine)
    assert found == read("openpyxl")
    progress, spending, measures, statuses, day, codes = found
    assert len(progress) == 28 and len(measures) == 13 and day == dt.date(2028, 1, 12)
    assert statuses[:5] == ["Faite", "Faite", "En cours", "Faite", "À faire"]
    assert ("followup.measure_below_floor", "I03/2027-T4") in codes
