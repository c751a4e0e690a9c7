import dataclasses
import datetime as dt

import pytest

from nr_xl.core.checks import governance, risk, validation
from nr_xl.core.model import GovernanceBody, ValidationStep

from factory import action, keys, risk as make_risk, sound, triples


@pytest.mark.parametrize("p, i, measure, owner, flagged", [
    (3, 3, None, "DGS", True),      # 9, the threshold
    (3, 3, "Mesure", None, True),
    (4, 4, None, None, True),
    (2, 4, None, None, False),      # 8
    (3, 3, "Mesure", "DGS", False),
    (None, 4, None, None, False),
])
def test_unmitigated_risks(p, i, measure, owner, flagged):
    rm = sound(risks=(make_risk("R5", p=p, i=i, measure=measure, owner=owner),
                      make_risk("F1", 3, type="Facteur clé de succès", p=4, i=4, measure=None)))
    assert keys(list(risk.check(rm)), "risk.unmitigated") == (["R5"] if flagged else [])


def test_no_risk_no_success_factor():
    rm = sound(risks=())
    assert {f.code for f in risk.check(rm)} == {"risk.none_identified", "risk.no_success_factor"}
    only_risks = sound(risks=(make_risk(),))
    assert [f.code for f in risk.check(only_risks)] == ["risk.no_success_factor"]


def test_risk_linked_to_unknown_action():
    rm = sound(risks=(make_risk(actions=("A1", "B9")), make_risk("F1", 3, type="Facteur clé de succès")))
    assert keys(list(risk.check(rm)), "risk.unknown_action") == ["R1/B9"]


def _bodies(*specs):
    return tuple(GovernanceBody(row, name, chair="Maire", installed_on=date)
                 for row, (name, date) in enumerate(specs, start=2))


def test_governance_thirty_day_boundary():
    # Formalised on 6 November 2026: the 6 December is day 30 (fine), the 7th is late.
    rm = sound(governance=_bodies(("COPIL", dt.date(2026, 12, 6)), ("Comité technique", dt.date(2026, 12, 7)),
                                  ("Club des ambassadeurs", None)))
    found = list(governance.check(rm))
    assert triples(found) == {("governance.late_setup", "Comité technique", 3),
                              ("governance.no_date", "Club des ambassadeurs", 4)}


def test_governance_delay_read_from_parameters():
    params = dataclasses.replace(sound().parameters, governance_delay_days=45)
    rm = sound(parameters=params, governance=_bodies(("COPIL", dt.date(2026, 12, 21))))
    assert list(governance.check(rm)) == []
    rm = sound(parameters=params, governance=_bodies(("COPIL", dt.date(2026, 12, 22))))
    assert keys(list(governance.check(rm)), "governance.late_setup") == ["COPIL"]


@pytest.mark.parametrize("name, is_copil", [
    ("COPIL Numérique responsable", True), ("Comité de pilotage", True), ("comite de PILOTAGE NR", True),
    ("Comité technique", False), ("Réseau des référents", False),
])
def test_steering_committee_detection(name, is_copil):
    rm = sound(governance=_bodies((name, dt.date(2026, 12, 1))))
    assert ("governance.no_steering_committee" in {f.code for f in governance.check(rm)}) is not is_copil


def test_validation_followup_for_linked_programmes():
    rm = sound(actions=(action("A1", programme="PCAET"), action("A2", 3, programme="SPASER")),
               validations=(ValidationStep(2, "Bureau", "Volet pcaet de la feuille de route", dt.date(2027, 1, 1)),
                            ValidationStep(3, "Lancement officiel", None, dt.date(2027, 2, 1))))
    assert triples(list(validation.check(rm))) == {("validation.followup_missing", "A2", 3)}


def test_launch_without_date():
    rm = sound(validations=(ValidationStep(2, "Lancement officiel", None, None),))
    assert triples(list(validation.check(rm))) == {("validation.no_launch", "Lancement officiel", 2)}


def test_no_unknown_action_when_the_roadmap_sheet_itself_is_missing():
    risks = (make_risk(actions=("A1",)), make_risk("F1", 3, type="Facteur clé de succès"))
    assert keys(list(risk.check(sound(actions=(), risks=risks))), "risk.unknown_action") == ["R1/A1"]
    # The missing sheet is reported once (input.missing_sheet), not once per cited action.
    rm = sound(actions=(), risks=risks, missing_sheets=frozenset({"Feuille de route"}))
    assert keys(list(risk.check(rm)), "risk.unknown_action") == []


def test_a_body_installed_on_the_formalisation_day_is_fine_the_day_before_is_not():
    # Formalised on 6 November 2026 (factory.sound).
    rm = sound(governance=_bodies(("COPIL", dt.date(2026, 11, 6)), ("Comité technique", dt.date(2026, 11, 5))))
    assert triples(list(governance.check(rm))) == {
        ("governance.installed_before_formalisation", "Comité technique", 3)}
