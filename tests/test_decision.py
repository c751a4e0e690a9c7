"""Never the opposite meaning: the committee's decision is read by one small grammar in
« Paramètres », in the « Valider » box, by --reserves and in xlwings Lite — understood,
or refused with the words that are; and a decision already on record is not re-recorded."""

from __future__ import annotations

import pytest

from nr_xl import api
from nr_xl.core.build import build_roadmap
from nr_xl.core.decision import DecisionUnclear, read_answer, read_decision
from nr_xl.core.errors import UsageError
from nr_xl.core.reading.common import CellError
from nr_xl.core.reading.words import read_word
from nr_xl.core import schema
from nr_xl.documents.produce import KICKOFF, MINUTES, context_from_sheets, refusal
from nr_xl.example import load_example

from factory import sheets_of
from test_validate_decision import parameters

V, R, A = "Validée", "Validée sous réserve", "Ajournée"


@pytest.mark.parametrize("typed, outcome, reservations", [
    ("Validée", V, ""), ("VALIDEE", V, ""), ("Adoptée à l'unanimité", V, ""), ("Approuvée", V, ""),
    ("Validée sans réserve", V, ""), ("Validée sans aucune réserve", V, ""),
    ("Validée sous réserve", R, ""), ("VALIDEE SOUS RESERVES", R, ""), ("Validée avec réserves", R, ""),
    ("Validée sous réserve du vote du budget 2029", R, "vote du budget 2029"),
    ("Validée sous réserves : renfort DSI ; audit", R, "renfort DSI ; audit"),
    ("Ajournée", A, ""), ("ajourné", A, ""), ("Reportée", A, ""),
    ("Validation reportée au prochain comité", A, ""), ("Décision différée", A, ""),
])
def test_a_decision_is_understood(typed, outcome, reservations):
    assert read_decision(typed) is not None
    decision = read_decision(typed)
    assert (decision.outcome, decision.reservations) == (outcome, reservations)


@pytest.mark.parametrize("typed, why", [
    ("Validation refusée", "un refus"), ("Rejetée", "un refus"), ("Non validée", "une négation"),
    ("Pas validée", "une négation"), ("Validée ? à confirmer", "une question"), ("Validée ?", "une question"),
    ("Peut-être", "ce n'est pas une décision"), ("Oui", "ce n'est pas une décision"),
])
def test_a_refusal_a_negation_or_a_doubt_is_refused_with_the_words_understood(typed, why):
    with pytest.raises(DecisionUnclear) as err:
        read_decision(typed)
    assert why in err.value.message and "Décisions comprises : « Validée »" in err.value.message
    assert err.value.exit_code == 2


@pytest.mark.parametrize("typed, outcome, reservations", [
    ("", V, ""), ("oui", V, ""), ("sans réserve", V, ""), ("Validée", V, ""),
    ("ajourner", A, ""), ("reportée", A, ""), ("Validation reportée au prochain comité", A, ""),
    ("Chiffrer le renfort de la DSI", R, "Chiffrer le renfort de la DSI"),
    ("Pas de renfort de la DSI avant mars", R, "Pas de renfort de la DSI avant mars"),
    ("Validée sous réserve du vote du BP", R, "vote du BP"),
])
def test_the_valider_box_reads_its_answer(typed, outcome, reservations):
    answer = read_answer(typed)
    assert (answer.outcome, answer.reservations) == (outcome, reservations)


@pytest.mark.parametrize("typed", ["non", "refusée", "Validation refusée", "pas validée", "Quel budget ?"])
def test_the_valider_box_refuses_an_answer_that_is_no_reservation(typed):
    with pytest.raises(DecisionUnclear) as err:
        read_answer(typed)
    assert "Réponses comprises : rien (validée sans réserve), le texte des réserves, ou « ajourner »" in err.value.message


def contexts(decision: str):
    data = load_example()
    data["Paramètres"].append(["Décision du comité", decision])
    sheets = sheets_of(data)
    return build_roadmap(sheets)[1], context_from_sheets(MINUTES, sheets, "x"), context_from_sheets(KICKOFF, sheets, "x")


def test_a_postponed_validation_is_an_adjournment_in_the_documents():
    _, minutes, kickoff = contexts("Validation reportée au prochain comité")
    assert minutes["releve"][0]["texte"].startswith("Le comité ajourne la validation")
    assert "a ajourné la validation" in refusal(KICKOFF, kickoff)


@pytest.mark.parametrize("typed", ["Validation refusée", "Validée ? à confirmer", "Non validée"])
def test_a_decision_that_states_none_is_a_finding_and_no_document_claims_it(typed):
    findings, minutes, kickoff = contexts(typed)
    (found,) = [f for f in findings if f.code == "input.bad_value" and f.sheet == "Paramètres"]
    assert f"« {typed} »" in found.message and found.key.startswith("Paramètres!B")
    assert minutes["releve"][0]["texte"] == "La décision du comité sur la feuille de route est en attente."
    assert refusal(KICKOFF, kickoff) is not None and not kickoff["validee"]


def test_the_decisions_own_reservations_are_printed_when_reserves_is_empty():
    _, minutes, kickoff = contexts("Validée sous réserve du vote du budget 2029")
    assert minutes["releve"][0]["texte"].endswith("sous réserve de ce qui suit : vote du budget 2029.")
    assert "sous réserve de ce qui suit : vote du budget 2029" in kickoff["validation"]


@pytest.mark.parametrize("typed, value", [("Non votée", schema.ENVELOPE_STATUSES),
                                           ("Non maîtrisée", schema.SKILL_LEVELS), ("Votée ?", schema.ENVELOPE_STATUSES)])
def test_a_suggestion_never_drops_a_negation(typed, value):
    with pytest.raises(CellError) as err:
        read_word(typed, value)
    assert "plus proche" not in err.value.suggestion


# --- validate: every re-decision ---------------------------------------------------------------

def test_validating_again_with_nothing_new_changes_nothing(example_path):
    api.snapshot(example_path)
    first = api.validate(example_path, reservations="Chiffrer le renfort de la DSI")
    before = example_path.read_bytes()
    again = api.validate(example_path, reservations="Chiffrer le renfort de la DSI")
    assert (first.new_version, again.new_version) == ("1.1", "1.1")
    assert again.notices == ("La décision « Validée sous réserve » est déjà enregistrée (version 1.1) et rien "
                             "n'a changé depuis : rien n'est écrit.",)
    assert example_path.read_bytes() == before and not again.logged


def test_adjourning_twice_says_so_instead_of_failing(example_path):
    api.snapshot(example_path)
    api.validate(example_path, adjourned=True)
    again = api.validate(example_path, adjourned=True)
    assert again.notices and parameters(example_path).committee_decision == "Ajournée"


@pytest.mark.parametrize("typed, message", [
    ("non", "une négation"), ("reportée", "pour enregistrer l'ajournement, --ajournee"),
    ("sans réserve", "relancez sans --reserves"), ("Validée ?", "une question"),
])
def test_reserves_must_be_reservations(example_path, typed, message):
    api.snapshot(example_path)
    before = example_path.read_bytes()
    with pytest.raises(UsageError) as err:
        api.validate(example_path, reservations=typed)
    assert message in err.value.message and err.value.exit_code == 2
    assert example_path.read_bytes() == before


def test_an_adjourned_roadmap_validated_later_gets_its_new_version(example_path):
    api.snapshot(example_path)
    api.validate(example_path, adjourned=True)
    later = api.validate(example_path, reservations="Renfort de la DSI chiffré")
    assert (later.old_version, later.new_version, later.decision) == ("1.0", "1.1", "Validée sous réserve")


@pytest.mark.slow
def test_the_ribbon_box_refuses_non_and_writes_nothing(example_path):
    """« non » typed in the box of « Valider » (its VBA run by pyopenvba, then the Python on
    xlwings' remote engine): refused in French, the workbook unchanged."""
    from remote_book import ExcelLikeBook
    from test_vba import click_every_button

    api.snapshot(example_path)
    book = ExcelLikeBook.from_file(example_path)
    actions = book.click(click_every_button("non")["NR_Valider"])
    (alert,) = [a["args"] for a in actions if a["func"] == "alert"]
    assert "une négation" in alert[0] and alert[3] == "critical"
    assert [a["func"] for a in actions] == ["alert"]

