"""The embedded example: every planted problem is found with its exact code and
key (docs/example.md), and a corrected copy reports no error."""

from __future__ import annotations

from nr_xl import api
from nr_xl.core.committee import BudgetFigure, CapacityFigure
from factory import corrected_example
from nr_xl.core.findings import Severity

from conftest import ROOT

PLANTED_ERRORS = {
    ("budget.envelope_exceeded", "2028/Investissement"),  # a voted envelope
    ("skills.missing", "B4.2/Audit RGAA"),
    ("risk.unmitigated", "R4"),  # it threatens B2.3, a legal floor (AGEC purchases)
}
# Severity by stake (docs/example.md says why each is what it is).
PLANTED_TO_ARBITRATE = {
    ("capacity.overload", "DSI/2027-T2"),  # one quarter, 6 j-h of a year at 77 %
    ("kpi.action_without_kpi", "B3.3"),  # an ANCT recommendation, no law at stake
    ("governance.late_setup", "Comité technique"),  # idem
}
PLANTED_WARNINGS = PLANTED_TO_ARBITRATE | {
    ("skills.partial", "B4.1/Écoconception"),
    ("skills.partial", "B4.3/Écoconception"),
    ("schedule.dependency_order", "B6.2/B2.4"),
    ("kpi.weak_definition", "I09"),
    ("validation.followup_missing", "B2.4"),
    ("budget.unconfirmed_envelope", "2028/Subvention"),
    ("budget.unconfirmed_envelope", "2029/Subvention"),
    ("budget.unconfirmed_envelope", "2029/Enveloppe NR"),
    ("budget.unconfirmed_envelope", "2029/Budget DSI"),
    ("skills.elsewhere", "B4.4/Achats responsables"),
    ("skills.elsewhere", "B5.1/Animation de réseau"),
}


def by_severity(report, severity):
    return {(f.code, f.key) for f in report.findings if f.severity is severity}


def test_every_planted_problem_is_found_and_nothing_else(example_master):
    report = api.check(example_master)
    assert by_severity(report, Severity.ERROR) == PLANTED_ERRORS
    assert by_severity(report, Severity.WARNING) == PLANTED_WARNINGS
    assert report.status == "bloquant" and report.exit_code == 1
    assert report.dimensions["Ambition politique"] == "faisable"
    assert report.dimensions["Planning"] == "à arbitrer"


def test_planted_problems_are_documented(example_master):
    from conftest import ROOT

    doc = (ROOT / "docs" / "example.md").read_text(encoding="utf-8")
    for code, key in PLANTED_ERRORS | PLANTED_WARNINGS:
        assert f"`{code}`" in doc and f"`{key}`" in doc, (code, key)


def test_corrected_example_reports_no_error(tmp_path):
    path = api.build_template(tmp_path / "corrige.xlsm", corrected_example())
    report = api.check(path)
    assert by_severity(report, Severity.ERROR) == set()
    assert not by_severity(report, Severity.WARNING) & PLANTED_TO_ARBITRATE
    assert report.status == "à arbitrer" and report.exit_code == 0


def test_figures_for_the_committee(example_master):
    figures = api.check(example_master).figures
    nr_2028 = [b for b in figures.budget if b.year == 2028 and b.financing == "Enveloppe NR"
               and b.nature == "Investissement"]
    assert nr_2028 == [BudgetFigure(year=2028, financing="Enveloppe NR", nature="Investissement",
                                    planned=260000, envelope=230000, gap=-30000)]
    dsi_2027 = [c for c in figures.capacity if c.service == "DSI" and c.year == 2027]
    assert dsi_2027 == [CapacityFigure(service="DSI", year=2027, peak_quarter="2027-T2", peak_load=61,
                                       capacity=55, ratio=1.109)]
    # The JSON report keeps its keys (docs/constats.md, README): typed inside, the same outside.
    json_figures = api.check(example_master).to_dict()["figures"]
    assert list(json_figures) == ["budget", "capacity"]
    assert {"year": 2028, "financing": "Enveloppe NR", "nature": "Investissement", "planned": 260000,
            "envelope": 230000, "gap": -30000} in json_figures["budget"]
    assert list(json_figures["capacity"][0]) == ["service", "year", "peak_quarter", "peak_load", "capacity",
                                                 "ratio"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = "`budget` (par année, financement et nature : " + ", ".join(
        f"`{k}`" for k in json_figures["budget"][0]) + ")"
    assert documented in readme.replace("\n", " ")
