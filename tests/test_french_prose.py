"""Quarters in sentences (documents/french.prose): the words around them agree."""

from __future__ import annotations

import pytest

from nr_xl.documents.french import prose


@pytest.mark.parametrize("text, expected", [
    ("Au 2027-T2, la charge", "Au 2e trimestre 2027, la charge"),
    ("Étaler vers 2027-T3, où", "Étaler vers le 3e trimestre 2027, où"),
    ("démarre au 2028-T1 alors", "démarre au 1er trimestre 2028 alors"),
    # a quarter after a word the pattern does not know keeps the space before it
    ("Décaler le début après le 2028-T2, ou", "Décaler le début après le 2e trimestre 2028, ou"),
    # « de … à … » become « du … au … »
    ("se déroule de 2027-T1 à 2027-T4.", "se déroule du 1er trimestre 2027 au 4e trimestre 2027."),
    ("(ex. 2027-T1 et 2027-T4)", "(ex. 1er trimestre 2027 et 4e trimestre 2027)"),
])
def test_quarters_in_words(text, expected):
    assert prose(text) == expected
