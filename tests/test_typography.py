"""French typography of the texts a reader sees: one pure function, a table of cases."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from nr_xl.documents.typography import NBSP, NNBSP, french

CASES = [
    # the high signs: a no-break space before « : », a narrow one before « ; ! ? »
    ("Lancement officiel : 4 février 2027", f"Lancement officiel{NBSP}: 4{NBSP}février{NBSP}2027"),
    ("Statut: bloquant", f"Statut{NBSP}: bloquant"),
    ("Prêts ?", f"Prêts{NNBSP}?"),
    ("Attention!", f"Attention{NNBSP}!"),
    ("P1 ; P3", f"P1{NNBSP}; P3"),
    # … only where the sign ends a phrase
    ("P1;P3", "P1;P3"),
    ("de 14:30 à 16:00", "de 14:30 à 16:00"),
    ("https://ecoresponsable.numerique.gouv.fr/?a=1", "https://ecoresponsable.numerique.gouv.fr/?a=1"),
    # guillemets
    ("« Audit RGAA »", f"«{NBSP}Audit RGAA{NBSP}»"),
    ("«Audit»", f"«{NBSP}Audit{NBSP}»"),
    # euros and percents
    ("12 €", f"12{NBSP}€"),
    ("12€", f"12{NBSP}€"),
    ("25%", f"25{NBSP}%"),
    ("1,2 M€ et 412 k€", f"1,2{NBSP}M€ et 412{NBSP}k€"),
    # thousands
    ("118400 habitants", f"118{NNBSP}400 habitants"),
    ("775500 €", f"775{NNBSP}500{NBSP}€"),
    ("1500 €", f"1{NNBSP}500{NBSP}€"),
    ("1234,56 €", f"1{NNBSP}234,56{NBSP}€"),
    ("1250000", f"1{NNBSP}250{NNBSP}000"),
    # … never years, identifiers, postcodes, numbers of a text
    ("en 2027, puis 2028", "en 2027, puis 2028"),
    ("décret 2023-266", "décret 2023-266"),
    ("59000 Orvane", "59000 Orvane"),
    ("B3.1 et I01", "B3.1 et I01"),
    ("délibération n° 20240012", f"délibération n°{NBSP}20240012"),
    # already right: unchanged
    (f"250{NNBSP}000{NBSP}€", f"250{NNBSP}000{NBSP}€"),
    # a date on one line
    ("le 15 décembre 2026.", f"le 15{NBSP}décembre{NBSP}2026."),
    ("le 1er février 2027", f"le 1er{NBSP}février{NBSP}2027"),
    ("15 décembre", "15 décembre"),
    # n° and ordinals
    ("Décision n°3", f"Décision n°{NBSP}3"),
    ("N° 1 à 11", f"N°{NBSP}1 à 11"),
    ("2ème trimestre", "2e trimestre"),
    ("3è trimestre", "3e trimestre"),
    ("1ère réunion", "1re réunion"),
    ("1er trimestre", "1er trimestre"),
    ("kg CO2e", "kg CO2e"),
    # apostrophes and ellipsis
    ("l'action d'un service", "l\u2019action d\u2019un service"),
    ("… et 3 autres", "… et 3 autres"),
    ("et 3 autres...", "et 3 autres…"),
    ("", ""),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_french_typography(text, expected):
    assert french(text) == expected


@given(st.text(alphabet="ab1 23:;!?«»€%'.,-n°kM\u00a0\u202f", max_size=40))
def test_idempotent(text):
    once = french(text)
    assert french(once) == once
