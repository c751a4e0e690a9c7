"""Severity by what is at stake (the grades beside each code in findings.py), and the
rules of political ambition and legal adoption."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from nr_xl.core.build import build_roadmap
from nr_xl.core.checks import alignment, attendance, budget, capacity, kpi, legal, risk
from nr_xl.core.findings import CODES, Severity
from nr_xl.core.model import (
    Capacity, Envelope, Participant, Roadmap, ValidationStep, Workload,
)
from nr_xl.example import load_example

from factory import action, indicator, risk as a_risk, sheets_of, sound

E, W = Severity.ERROR, Severity.WARNING


def of(findings, code):
    return [f for f in findings if f.code == code]


def with_parameters(rm: Roadmap, **changes) -> Roadmap:
    return dataclasses.replace(rm, parameters=dataclasses.replace(rm.parameters, **changes))


# --- capacity.overload: one-off or not ------------------------------------------------------

def overloaded(per_quarter: dict[int, int], capacity_days: int = 220) -> list:
    """DSI with ``capacity_days`` a year and, per quarter, one one-quarter action of that load."""
    actions = tuple(action(f"A{q}", 1 + q, start=f"2027-T{q}", end=f"2027-T{q}") for q in per_quarter)
    loads = tuple(Workload(1 + q, f"A{q}", "DSI", 2027, Decimal(days)) for q, days in per_quarter.items())
    rm = sound(actions=actions, workload=loads, capacities=(Capacity(2, "DSI", 2027, Decimal(capacity_days)),))
    return of(capacity.check(rm), "capacity.overload")


@pytest.mark.parametrize("loads, severity", [
    ({1: 61, 2: 40, 3: 40, 4: 28}, W),  # the example's DSI: +6 j-h once, 169 of 220 over the year
    ({1: 77, 2: 40}, W),  # +22 j-h: exactly 10 % of the year's 220
    ({1: 78, 2: 40}, E),  # +23 j-h: beyond 10 % of the year
    ({1: 61, 2: 61}, E),  # two quarters over capacity
    ({1: 60, 2: 55, 3: 55, 4: 55}, E),  # one quarter over, but 225 of 220 over the year
])
def test_an_overload_a_smoothing_absorbs_is_left_to_the_committee(loads, severity):
    assert {f.severity for f in overloaded(loads)} == {severity}


def test_the_one_off_threshold_is_read_from_the_catalogue():
    grade = CODES["capacity.overload"].grade("ponctuel")
    assert grade.severity is W and grade.limits["max_share_of_year"] == Decimal("0.10")
    assert "10 %" in grade.when


# --- budget.envelope_exceeded: voted or only asked for ---------------------------------------

@pytest.mark.parametrize("status, severity", [
    ("Votée", E), ("Inscrite au budget", E), (None, E), ("Demandée", W), ("À confirmer", W),
])
def test_an_overrun_blocks_only_a_voted_envelope(status, severity):
    rm = sound(envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(50), Decimal(50), status=status),))
    (found,) = of(budget.check(rm), "budget.envelope_exceeded")
    assert found.severity is severity


# --- recommendations, unless a legal floor is at stake --------------------------------------

@pytest.mark.parametrize("title, parameters, severity", [
    ("Sobriété du stockage et de la messagerie", {}, W),
    ("Acheter reconditionné : 25 % des achats informatiques", {}, E),  # AGEC purchases
    ("Filière de réemploi des équipements réformés", {}, E),  # decommissioned IT reuse
    ("Audit RGAA du site internet", {}, E),
    ("Publier le bilan annuel de la stratégie (REEN)", {"population": Decimal(118_400)}, E),
    ("Publier le bilan annuel de la stratégie (REEN)", {"population": Decimal(30_000)}, W),  # below 50 000
    ("Publier le bilan annuel de la stratégie (REEN)",
     {"population": Decimal(600_000), "local_authority": "Département de l'Orvane"}, W),  # not a commune or EPCI
])
def test_an_action_without_indicator_blocks_when_it_serves_a_legal_obligation(title, parameters, severity):
    rm = with_parameters(sound(actions=(action(title=title, indicators=()),)), **parameters)
    (found,) = of(kpi.check(rm), "kpi.action_without_kpi")
    assert found.severity is severity
    assert ("obligation" in found.message) is (severity is E)


def test_an_action_citing_an_indicator_of_an_obligation_serves_it():
    rm = sound(indicators=(indicator(obligation="Accessibilité RGAA"),))
    assert [o.name for o in legal.served_by(action(title="Refonte du portail"), rm)] == ["Accessibilité RGAA"]


@pytest.mark.parametrize("linked, severity", [("A1", W), ("A2", E), ("", W)])
def test_an_unmitigated_risk_blocks_when_it_threatens_a_legal_floor(linked, severity):
    rm = sound(actions=(action("A1", title="Former les agents"),
                        action("A2", 3, title="Acheter du matériel reconditionné")),
               risks=(a_risk("R1", p=3, i=3, measure=None, actions=tuple(filter(None, [linked]))),))
    (found,) = of(risk.check(rm), "risk.unmitigated")
    assert found.severity is severity
    assert ("A2, qui répond à l'obligation « Achats issus du réemploi ou recyclés »" in found.message) is (
        severity is E)


def test_late_governance_is_a_recommendation():
    assert CODES["governance.late_setup"].severity is W and not CODES["governance.late_setup"].grades


# --- political ambition ---------------------------------------------------------------------

@pytest.mark.parametrize("ambition, detail", [(None, ""), ("", ""), ("à définir", " (« à définir »)"),
                                              ("TBD", " (« TBD »)")])
def test_an_empty_or_placeholder_ambition_is_said(ambition, detail):
    (found,) = alignment.check(with_parameters(sound(), ambition=ambition))
    assert found.code == "alignment.no_ambition" and found.severity is W
    assert found.message == f"L'ambition politique n'est pas écrite{detail}."


def test_a_missing_parametres_sheet_says_nothing_of_the_ambition():
    rm = dataclasses.replace(with_parameters(sound(), ambition=None), missing_sheets=frozenset({"Paramètres"}))
    assert not of(alignment.check(rm), "alignment.no_ambition")


@pytest.mark.parametrize("sheet, key, column, typed, noted", [
    ("Paramètres", "Ambition", 1, "Un numérique sobre (à reformuler avec la VP ?)", "(à reformuler avec la VP ?)"),
    ("Feuille de route", "B1.1", 2, "Installer la gouvernance ?", "Installer la gouvernance ?"),
    ("Feuille de route", "B1.1", 2, "Installer la gouvernance TODO", "Installer la gouvernance TODO"),
    ("Indicateurs", "I01", 1, "Durée de vie des postes (à valider)", "(à valider)"),
    ("Feuille de route", "B3.1", 2, "Rénover la salle serveur (objectif PUE 1,5)", None),
    ("Paramètres", "Ambition", 1, "Un numérique sobre (REEN, AGEC)", None),
])
def test_a_working_note_in_a_published_text_is_a_warning_of_the_reading(sheet, key, column, typed, noted):
    data = load_example()
    next(r for r in data[sheet] if r[0] == key)[column] = typed
    _, findings = build_roadmap(sheets_of(data))
    drafts = of(findings, "input.draft_text")
    if noted is None:
        assert not drafts
        return
    (found,) = drafts
    assert found.severity is W and found.dimension == "Structure" and f"« {noted} »" in found.message
    assert found.key.startswith(f"{sheet}!")


# --- who validates ---------------------------------------------------------------------------

def person(name, row, presence="Présent", role=None, function=None, represented_by=None):
    return Participant(row, name, function, "Ville", presence, role, represented_by)


def committee(*people) -> Roadmap:
    return sound(participants=people)


def test_a_committee_without_any_elected_member_present_is_said():
    found = list(attendance.check(committee(person("Claire Vasseur", 2, "Excusé", role="Président(e)"),
                                            person("Jean Ollier", 3, "Absent", role="Élu(e)"),
                                            person("Sophie Lemaire", 4, function="Directrice générale adjointe"))))
    assert [f.code for f in found] == ["validation.no_elected_member", "validation.chair_absent"]
    assert "excusés ou absents : Claire Vasseur, Jean Ollier" in found[0].message
    assert found[1].message == "Claire Vasseur, qui préside le comité, est excusé(e) et n'est pas représenté(e)."


@pytest.mark.parametrize("people", [
    [person("Claire Vasseur", 2, role="Président(e)")],
    [person("Marc Blanc", 2, function="Maire")],  # elected by function, no role typed
    [person("Ana Roy", 2, function="Adjointe au maire déléguée au numérique")],
    [person("Claire Vasseur", 2, "Présent", role="Président(e)", represented_by="Marc Blanc")],
])
def test_an_elected_member_present_or_a_represented_chair_says_nothing(people):
    assert not list(attendance.check(committee(*people)))


def test_a_chair_named_in_the_parameters_is_found_among_the_participants():
    rm = with_parameters(committee(person("Marc Blanc", 2, "Excusé", function="Maire"),
                                   person("Ana Roy", 3, function="Vice-présidente")),
                         committee_chair="Marc Blanc, maire")
    assert [f.code for f in attendance.check(rm)] == ["validation.chair_absent"]


def test_no_participant_recorded_says_nothing_of_attendance():
    assert not list(attendance.check(committee()))


def test_a_committee_dated_before_the_formalisation_is_said():
    rm = with_parameters(sound(), committee_on=dt.date(2026, 11, 1))
    (found,) = attendance.check(rm)
    assert found.code == "validation.committee_before_formalisation"
    assert found.message == ("Le comité (1er novembre 2026) est daté avant la formalisation de la feuille de "
                             "route (6 novembre 2026).")


# --- legal adoption --------------------------------------------------------------------------

DELIBERATION = ValidationStep(3, "Conseil communautaire", "Délibération d'adoption de la stratégie",
                              dt.date(2027, 1, 28), "Prévue")


def reen(population=118_400, name="Communauté d'agglomération de l'Orvane", validations=(), **changes):
    rm = sound(validations=validations, **changes)
    rm = dataclasses.replace(rm, indicators=tuple(i for i in rm.indicators if i.obligation != "Stratégie et bilan REEN"))
    rm = with_parameters(rm, population=Decimal(population), local_authority=name)
    return [f.code for f in legal.check(rm)]


def test_an_epci_above_50000_needs_a_council_deliberation_and_a_yearly_review():
    assert reen() == ["legal.reen_no_deliberation", "legal.reen_no_yearly_review"]
    assert reen(validations=(DELIBERATION,)) == ["legal.reen_no_yearly_review"]
    review = action("A2", 3, title="Bilan annuel de la stratégie dans le rapport développement durable")
    assert reen(validations=(DELIBERATION,), actions=(action(), review)) == []


def test_an_adjourned_deliberation_does_not_count():
    adjourned = dataclasses.replace(DELIBERATION, status="Ajournée")
    rm = with_parameters(sound(validations=(adjourned,)), population=Decimal(118_400),
                         local_authority="Métropole de l'Orvane")
    (found,) = of(legal.check(rm), "legal.reen_no_deliberation")
    assert "(« Conseil communautaire » est ajourné)" in found.message and found.severity is E


@pytest.mark.parametrize("population, name, kind, bound", [
    (118_400, "Communauté d'agglomération de l'Orvane", None, True),
    (60_000, "Ville d'Orvane", None, True),
    (50_000, "Ville d'Orvane", None, False),  # « plus de 50 000 »
    (600_000, "Département de l'Orvane", None, False),
    (5_000_000, "Région Orvane", None, False),
    (60_000, "Orvane", None, True),  # unknown kind: the law is said, the type can be given
    (60_000, "Orvane", "Autre", False),
    (60_000, "Orvane", "Commune", True),
])
def test_who_the_reen_law_binds(population, name, kind, bound):
    rm = with_parameters(sound(), population=Decimal(population), local_authority=name, authority_type=kind)
    assert legal.binds(legal.REEN, rm.parameters) is bound
    assert bool(of(legal.check(rm), "legal.reen_no_deliberation")) is bound


def test_the_yearly_review_is_planned_by_an_indicator_of_the_obligation():
    rm = with_parameters(sound(validations=(DELIBERATION,)), population=Decimal(118_400))
    assert not of(legal.check(rm), "legal.reen_no_yearly_review")  # sound() follows every obligation


@pytest.mark.parametrize("titles, missing", [
    ((), "la déclaration d'accessibilité ni le schéma pluriannuel de mise en accessibilité"),
    (("Publier la déclaration d'accessibilité du site",), "le schéma pluriannuel de mise en accessibilité"),
    (("Adopter le schéma pluriannuel de mise en accessibilité",), "la déclaration d'accessibilité"),
    (("Déclarations d'accessibilité et plan pluriannuel",), None),
])
def test_rgaa_asks_for_the_statement_and_the_multi_year_plan(titles, missing):
    actions = (action(),) + tuple(action(f"A{n}", n, title=t) for n, t in enumerate(titles, start=3))
    rm = sound(actions=actions, indicators=(indicator(),))
    found = of(legal.check(rm), "legal.rgaa_incomplete")
    assert [f.message for f in found] == ([] if missing is None else [
        f"La feuille de route ne prévoit pas {missing}, que la loi impose pour les services en ligne de la "
        "collectivité."])


def test_the_example_meets_its_legal_adoption():
    """Orvane (EPCI, 118 400 inhabitants) plans its council's deliberation, the yearly review
    (B1.3) and the accessibility statement and plan (B4.2)."""
    roadmap, _ = build_roadmap(sheets_of(load_example()))
    assert not list(legal.check(roadmap))
    assert legal.authority_kind(roadmap.parameters) == "epci"
    assert not [f for f in attendance.check(roadmap)]

