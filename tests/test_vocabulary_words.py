"""Every word of the lists by which nr_xl reads what people type (core/vocabulary.py) is
tested alone: a word dropped from a list would silently turn « TBD » back into an
action's title, or print « (à revoir avec la DGS) » in a document sent to elected members."""

from __future__ import annotations

import pytest

from nr_xl.core import vocabulary
from nr_xl.core.vocabulary import _NOTE_WORDS

TYPED_PLACEHOLDERS = ("à définir", "à déterminer", "à préciser", "à compléter", "à voir", "à confirmer", "à venir",
                      "en attente", "inconnu", "non défini", "nc", "n/a", "na", "nd", "tbd", "tbc", "todo", "xxx",
                      "...")


@pytest.mark.parametrize("typed", TYPED_PLACEHOLDERS)
def test_each_placeholder_counts_as_empty_in_any_case(typed):
    assert vocabulary.is_placeholder(typed)
    assert vocabulary.is_placeholder(f"  {typed.upper()} ")


def test_every_placeholder_is_tested_and_a_real_value_is_none():
    assert {vocabulary.fold(p) for p in TYPED_PLACEHOLDERS} == set(vocabulary.PLACEHOLDERS)
    assert not any(vocabulary.is_placeholder(t) for t in ("Nadia", "DSI", "2027", "Néant mais voté"))


@pytest.mark.parametrize("word", _NOTE_WORDS)
def test_each_note_word_is_a_working_note_in_brackets_and_in_the_text(word):
    assert vocabulary.working_note(f"Un numérique sobre ({word} la VP)") == f"({word} la VP)"
    assert vocabulary.working_note(f"Un numérique sobre, {word} la VP") == f"Un numérique sobre, {word} la VP"


def test_a_bracket_that_is_text_stays_text():
    for text in ("Rénover la salle serveur (objectif PUE 1,5)", "Publier la stratégie (REEN)", "Voirie et réseaux"):
        assert vocabulary.working_note(text) is None
