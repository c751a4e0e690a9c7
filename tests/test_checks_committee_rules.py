"""The rules a committee expects (issue 12): tolerant lists, abandoned actions,
skills where the work is, validation order, governance, legal floors, KPI
trajectories, concentration, placeholders and decisions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nr_xl import api

from nr_xl.core import vocabulary
from nr_xl.core.checks import budget, concentration, decisions, governance, kpi, run_checks, skills, validation
from nr_xl.core.checks.figures import figures
from nr_xl.core.findings import Severity
from nr_xl.core.model import (
    BudgetLine, Decision, Envelope, GovernanceBody, Parameters, Risk, Skill, ValidationStep, Workload,
)

from conftest import build_with
from factory import action, indicator, keys, legal_indicators, sound, triples


# --- tolerant lists -----------------------------------------------------------

@pytest.mark.parametrize("typed, allowed, meant", [
    ("Voté", vocabulary.schema.ENVELOPE_STATUSES, "Votée"),
    ("votées", vocabulary.schema.ENVELOPE_STATUSES, "Votée"),
    ("VOTEE", vocabulary.schema.ENVELOPE_STATUSES, "Votée"),
    ("Prévisionnel", vocabulary.schema.ENVELOPE_STATUSES, "À confirmer"),
    ("Programmé", vocabulary.schema.VALIDATION_STATUSES, "Prévue"),
    ("Reportée", vocabulary.schema.VALIDATION_STATUSES, "Ajournée"),
    ("Planifiée", vocabulary.schema.ACTION_STATUSES, "À lancer"),
    ("abandonné", vocabulary.schema.ACTION_STATUSES, "Abandonnée"),
    ("annuel", vocabulary.schema.FREQUENCIES, "Annuelle"),
    ("excusées", vocabulary.schema.PRESENCES, "Excusé"),
    ("VALIDEE SOUS RESERVES", vocabulary.COMMITTEE_DECISIONS, "Validée sous réserve"),
    ("validé", vocabulary.COMMITTEE_DECISIONS, "Validée"),
])
def test_words_typed_freely_mean_the_list_value(typed, allowed, meant):
    assert vocabulary.match(typed, allowed) == meant


def test_synonyms_never_shadow_a_list_value():
    for allowed, synonyms in vocabulary.SYNONYMS.items():
        assert all(value in allowed for value in synonyms.values()), allowed
        assert len({vocabulary.fold(v) for v in allowed}) == len(allowed), allowed


def _sheets_with(tmp_path, **changes):
    from nr_xl.sources import read_rows

    path = build_with(tmp_path / "variante.xlsm", **changes)
    return read_rows(path, list(vocabulary.schema.CHECKED_SHEETS)).sheets


def test_an_unknown_word_in_an_informational_list_never_blocks(tmp_path, example_master):
    from nr_xl.example import load_example

    data = load_example()
    data["Indicateurs"][0][7] = "Bimestrielle"
    data["Validation"][1][3] = "Programmé"
    data["Enveloppes"][0][4] = "Voté"
    path = api.build_template(tmp_path / "libre.xlsm", data)
    report = api.check(path)
    unknown = [f for f in report.findings if f.code == "input.unknown_value"]
    assert [(f.key, f.severity) for f in unknown] == [("Indicateurs!H2", Severity.WARNING)]
    assert "« Trimestrielle »" in unknown[0].suggestion  # the closest value is named
    assert {f.code for f in report.findings if f.severity is Severity.ERROR} == \
        {f.code for f in api.check(example_master).findings if f.severity is Severity.ERROR}


def test_a_rule_that_cannot_read_its_list_says_which_default_it_applied(tmp_path):
    from nr_xl.example import load_example

    data = load_example()
    data["Feuille de route"][0][7] = "Peut-être"
    path = api.build_template(tmp_path / "statut.xlsm", data)
    roadmap, findings = api.read_roadmap(path)
    found = [f for f in findings if f.key == "Feuille de route!H2"]
    assert [(f.code, f.severity) for f in found] == [("input.unknown_value", Severity.WARNING)]
    assert "active" in found[0].message
    assert roadmap.actions[0].status == "À lancer"


def test_every_required_cell_left_blank_is_reported(tmp_path):
    from nr_xl.example import load_example

    data = load_example()
    data["Feuille de route"][0][3] = ""  # Service pilote
    data["Participants"][0][3] = ""  # Présence
    path = api.build_template(tmp_path / "vide.xlsm", data)
    _, findings = api.read_roadmap(path)
    missing = {f.key for f in findings if f.code == "input.missing_value"}
    assert {"Feuille de route!D2", "Participants!D2"} <= missing


# --- abandoned actions ----------------------------------------------------------

def test_an_abandoned_action_leaves_budget_and_workload_totals():
    rm = sound(
        actions=(action(), action("A2", 3, status="Abandonnée")),
        budget=(BudgetLine(2, "A1", 2027, Decimal(100), Decimal(50)),
                BudgetLine(3, "A2", 2027, Decimal(900), Decimal(0))),
        workload=(Workload(2, "A1", "DSI", 2027, Decimal(40)), Workload(3, "A2", "DSI", 2027, Decimal(900))),
    )
    found = run_checks(rm)
    assert not [f for f in found if f.severity is Severity.ERROR]
    assert triples([f for f in found if f.severity is Severity.INFO]) == {
        ("budget.abandoned_action", "A2", 3), ("capacity.abandoned_action", "A2", 3)}
    nr_2027 = [b for b in figures(rm).budget if b.nature == "Investissement"]
    assert nr_2027[0].planned == 100


# --- skills held where the work is ---------------------------------------------

def test_a_skill_held_only_by_a_service_that_does_no_work_on_the_action():
    rm = sound(
        actions=(action(skills=("Marchés",)), action("A2", 3, skills=("Marchés",))),
        skills=(Skill(2, "Finances", "Marchés", "Acquise"),),
        workload=(Workload(2, "A1", "DSI", 2027, Decimal(40)), Workload(3, "A2", "Finances", 2027, Decimal(5))),
        capacities=(vocabulary_capacity("DSI"), vocabulary_capacity("Finances", 3)),
    )
    found = list(skills.check(rm))
    assert triples(found) == {("skills.elsewhere", "A1/Marchés", 2)}
    assert "Finances" in found[0].suggestion


def vocabulary_capacity(service, row=2):
    from nr_xl.core.model import Capacity

    return Capacity(row, service, 2027, Decimal(400))


# --- validation bodies and their order ---------------------------------------

def _steps(*specs):
    return tuple(ValidationStep(row, body, subject, date, status)
                 for row, (body, subject, date, status) in enumerate(specs, start=2))


def test_followup_needs_a_whole_word_a_live_row_after_the_committee():
    committee = dt.date(2026, 12, 3)
    acts = (action("A1", programme="PCAET"), action("A2", 3, programme="SPASER"),
            action("A3", 4, programme="SI"), action("A4", 5, programme="Plan vélo"))
    rm = sound(actions=acts, validations=_steps(
        ("COPIL", "Feuille de route et PCAET", committee, "Prévue"),
        ("Bureau", "Volet PCAET", dt.date(2026, 11, 20), "Tenue"),  # before the committee
        ("Commission", "SPASER", dt.date(2027, 1, 10), "Ajournée"),
        ("Conseil", "Schéma SIG", dt.date(2027, 1, 20), "Prévue"),  # « SI » is not « SIG »
        ("Conseil", "Plan vélo", dt.date(2027, 1, 21), "Prévue"),
        ("Lancement officiel", "Lancement", dt.date(2027, 2, 1), "Prévue"),
    ))
    found = list(validation.check(rm))
    assert set(keys(found, "validation.followup_missing")) == {"A1", "A2", "A3"}
    assert keys(found, "validation.out_of_order") == ["Bureau"]


def test_a_launch_before_the_deliberation_it_depends_on_is_an_error():
    rm = sound(validations=_steps(
        ("Conseil communautaire", "Délibération", dt.date(2027, 3, 1), "Prévue"),
        ("Bureau", "Présentation", dt.date(2027, 1, 5), "Ajournée"),
        ("Lancement officiel", "Lancement", dt.date(2027, 2, 1), "Prévue"),
    ))
    found = list(validation.check(rm))
    assert triples(found) == {("validation.launch_too_early", "Lancement officiel/Conseil communautaire", 4)}
    assert found[0].severity is Severity.ERROR


# --- governance ------------------------------------------------------------------

def test_governance_chair_frequency_and_dates_before_formalisation():
    rm = sound(governance=(
        GovernanceBody(2, "COPIL NR", chair=None, frequency="tous les 2 ans",
                       installed_on=dt.date(2026, 12, 3)),
        GovernanceBody(3, "Comité technique", chair="Chargée de mission", installed_on=dt.date(2026, 9, 1)),
    ))
    assert triples(list(governance.check(rm))) == {
        ("governance.no_chair", "COPIL NR", 2), ("governance.rare_meetings", "COPIL NR", 2),
        ("governance.installed_before_formalisation", "Comité technique", 3)}


def test_a_steering_committee_meeting_once_a_year_meets_often_enough():
    rm = sound(governance=(GovernanceBody(2, "COPIL NR", chair="Maire", frequency="Annuelle",
                                          installed_on=dt.date(2026, 12, 3)),))
    assert list(governance.check(rm)) == []
    rm = sound(governance=(GovernanceBody(2, "COPIL NR", chair="Maire", frequency="tous les 2 ans",
                                          installed_on=dt.date(2026, 12, 3)),))
    assert triples(list(governance.check(rm))) == {("governance.rare_meetings", "COPIL NR", 2)}


@pytest.mark.parametrize("text, per_year", [
    ("3 fois par an", 3), ("Annuelle", 1), ("tous les 2 ans", 0.5), ("Toutes les 6 semaines", 52 / 6),
    ("1 fois tous les 2 ans", 0.5), ("biennale", 0.5), ("n'importe quand", None), ("tous les 0 ans", None),
])
def test_meetings_per_year(text, per_year):
    assert governance.meetings_per_year(text) == pytest.approx(per_year) if per_year else \
        governance.meetings_per_year(text) is None


# --- budget: envelopes not voted --------------------------------------------------

def test_spending_on_an_envelope_not_voted_is_flagged_with_the_amount_at_stake():
    rm = sound(envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(100), Decimal(50), "Demandée"),))
    found = list(budget.check(rm))
    assert triples(found) == {("budget.unconfirmed_envelope", "2027/Enveloppe NR", 2)}
    assert "150 €" in found[0].message.replace("\u202f", " ").replace("\u00a0", " ")
    voted = sound(envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(100), Decimal(50), "Votée"),))
    assert list(budget.check(voted)) == []


# --- legal floors and KPI trajectories -----------------------------------------------

def test_a_target_below_the_legal_floor_is_an_error_and_unfollowed_obligations_warn():
    low = indicator("I2", 3, obligation="Réemploi des équipements réformés", target=Decimal(40), deadline=2027)
    share = indicator("I3", 4, obligation="Achats issus du réemploi ou recyclés", target=Decimal("0.2"),
                      deadline=2027)
    rm = sound(indicators=(indicator(), low, share), actions=(action(indicators=("I1",)),),
               parameters=Parameters(population=Decimal(30_000), formalised_on=dt.date(2026, 11, 6)))
    found = list(kpi.check(rm))
    assert set(keys(found, "kpi.below_legal_floor")) == {"I2", "I3"}  # 50 % from 2025; 25 % in 2027
    # REEN only binds above 50 000 inhabitants.
    assert set(keys(found, "kpi.obligation_unfollowed")) == {"Accessibilité RGAA"}


def test_kpi_trajectories():
    rm = sound(indicators=(
        indicator("I1", deadline=2031),
        indicator("I2", 3, baseline_year=2028, deadline=2027),
        indicator("I3", 4, baseline=Decimal(50), target=Decimal(50)),
        indicator("I4", 5, baseline=Decimal(250), target=Decimal(200), direction="Hausse"),
        indicator("I5", 6, baseline=Decimal(250), target=Decimal(200), direction="Baisse"),
    ) + legal_indicators())
    found = list(kpi.check(rm))
    assert triples(found) == {
        ("kpi.deadline_outside_period", "I1", 2), ("kpi.baseline_after_deadline", "I2", 3),
        ("kpi.target_equals_baseline", "I3", 4), ("kpi.wrong_direction", "I4", 5)}
    assert [f.severity for f in found if f.code == "kpi.wrong_direction"] == [Severity.ERROR]


# --- concentration, placeholders, decisions -----------------------------------------

def test_one_service_piloting_most_actions_and_one_person_holding_everything():
    acts = tuple(action(f"A{n}", n + 1, pilot="DSI" if n < 4 else "DRH") for n in range(6))
    owners = tuple(indicator(f"I{n}", n + 2, owner="Léa Fontaine (DSI)") for n in range(5))
    rm = sound(actions=acts, indicators=owners,
               risks=(Risk(2, "R1", "Risque", "x", 1, 1, "m", "Léa Fontaine, chargée de mission"),
                      Risk(3, "R2", "Risque", "x", 1, 1, "m", "DGS")))
    found = list(concentration.check(rm))
    assert set(keys(found, "resources.concentration")) == {"DSI", "Léa Fontaine"}


@pytest.mark.parametrize("led, total, found", [(2, 4, False), (3, 4, True), (3, 3, False), (4, 8, False),
                                              (5, 8, True)])
def test_a_service_piloting_more_than_half_of_four_actions_or_more_is_a_concentration(led, total, found):
    acts = tuple(action(f"A{n}", n + 2, pilot="DSI" if n < led else f"Service {n}") for n in range(total))
    assert ("DSI" in keys(concentration.check(sound(actions=acts)), "resources.concentration")) is found


@pytest.mark.parametrize("held, others, found", [(5, 0, False), (6, 0, True), (6, 12, False), (6, 11, True)])
def test_a_person_holding_six_roles_and_more_than_a_third_is_a_concentration(held, others, found):
    owners = tuple(indicator(f"I{n}", n + 2, owner="Léa Fontaine" if n < held else f"Agent {n}")
                   for n in range(held + others))
    rm = sound(indicators=owners, risks=(), governance=(), decisions=())
    assert ("Léa Fontaine" in keys(concentration.check(rm), "resources.concentration")) is found


def test_placeholders_count_as_empty(tmp_path):
    from nr_xl.example import load_example

    data = load_example()
    for row in data["Risques"]:
        if row[0] == "R2":
            row[6] = "à définir"
    data["Décisions"][0][2] = "?"
    path = api.build_template(tmp_path / "tbd.xlsm", data)
    report = api.check(path)
    got = {(f.code, f.key) for f in report.findings}
    assert ("risk.unmitigated", "R2") in got
    assert ("decision.incomplete", "1") in got


def test_decisions_without_owner_or_due_date():
    rm = sound(decisions=(Decision(2, "1", "Faire", "DGS", dt.date(2027, 1, 1)),
                          Decision(3, "2", "Faire", None, dt.date(2027, 1, 1)),
                          Decision(4, "3", "Faire", "DGS", None)))
    assert triples(list(decisions.check(rm))) == {("decision.incomplete", "2", 3),
                                                   ("decision.incomplete", "3", 4)}
