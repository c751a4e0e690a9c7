"""« Valider » records the committee's decision (issue 12): validated only when
nothing blocks, otherwise refused unless reservations are given; an adjournment
keeps the version. Tested on real workbooks, read back as Excel stores them."""

from __future__ import annotations

import pytest

from nr_xl import api
from factory import corrected_example
from nr_xl.jobs.journal import ValidationRefused, read
from nr_xl.core.errors import UsageError


def parameters(path):
    return read(path).parameters


def journal_tail(path, n):
    return [(r.key, r.old, r.new, r.reason) for r in read(path).journal[-n:]]


def test_validation_is_refused_while_something_blocks_and_nothing_is_written(example_path):
    api.snapshot(example_path)
    before = example_path.read_bytes()
    with pytest.raises(ValidationRefused) as err:
        api.validate(example_path)
    # Three blocking points, each listed (beyond five, the rest are counted and sent to « Contrôles »).
    assert "3 point(s) bloquant(s)" in err.value.message and err.value.message.count("\n- ") == 3
    assert example_path.read_bytes() == before
    assert parameters(example_path).version == "1.0"


def test_validated_with_reservations_records_them_in_parametres_and_journal(example_path):
    api.snapshot(example_path)
    result = api.validate(example_path, reservations="  Renfort de la DSI chiffré avant mars  ")
    assert (result.decision, result.old_version, result.new_version) == ("Validée sous réserve", "1.0", "1.1")
    params = parameters(example_path)
    assert (params.version, params.committee_decision, params.reservations) == \
        ("1.1", "Validée sous réserve", "Renfort de la DSI chiffré avant mars")
    tail = journal_tail(example_path, 3)
    assert [(k, o, n) for k, o, n, _ in tail] == [
        ("Version", "1.0", "1.1"), ("Décision du comité", "", "Validée sous réserve"),
        ("Réserves", "", "Renfort de la DSI chiffré avant mars")]
    assert "Renfort de la DSI" in tail[0][3]
    # The journal chain still holds after the decision.
    assert not [f for f in api.check(example_path).findings if f.code.startswith("journal.")]


def test_adjournment_keeps_the_version(example_path):
    api.snapshot(example_path)
    result = api.validate(example_path, adjourned=True)
    assert (result.decision, result.new_version) == ("Ajournée", "1.0")
    params = parameters(example_path)
    assert (params.version, params.committee_decision) == ("1.0", "Ajournée")
    assert journal_tail(example_path, 1)[0][:3] == ("Décision du comité", "", "Ajournée")
    with pytest.raises(UsageError):
        api.validate(example_path, reservations="x", adjourned=True)


def test_a_feasible_roadmap_is_validated_and_a_later_decision_replaces_the_reservations(tmp_path):
    path = api.build_template(tmp_path / "corrige.xlsm", corrected_example())
    api.snapshot(path)
    api.validate(path, reservations="Réserve levée en séance")
    lifted = api.validate(path)
    params = parameters(path)
    # The roadmap did not change: the version stays, the new decision is journalled.
    assert (params.version, params.committee_decision, params.reservations) == ("1.1", "Validée", None)
    assert (lifted.old_version, lifted.new_version) == ("1.1", "1.1")
    assert journal_tail(path, 2) == [
        ("Décision du comité", "Validée sous réserve", "Validée",
         "Validation sans réserve de la feuille de route (version 1.1 inchangée)"),
        ("Réserves", "Réserve levée en séance", "",
         "Validation sans réserve de la feuille de route (version 1.1 inchangée)")]


def test_the_ribbon_input_box_records_an_adjournment(example_path):
    """The VBA of « Valider » run by pyopenvba with « ajourner » typed, then its Python
    command on the xlwings remote engine: the decision is written, the version is not."""
    from remote_book import ExcelLikeBook
    from test_vba import click_every_button

    api.snapshot(example_path)
    book = ExcelLikeBook.from_file(example_path)
    actions = book.click(click_every_button("Ajourner")["NR_Valider"])
    stored = {row[0]: row[1] for row in book.sheets["Paramètres"] if row and len(row) > 1}  # what Excel keeps
    assert stored["Décision du comité"] == "Ajournée" and stored["Version"] == "1.0"
    alerts = [a["args"][0] for a in actions if a["func"] == "alert"]
    assert alerts and "ajournée" in alerts[0] and "1.0 inchangée" in alerts[0]
