"""The example filled the way a chargé de mission and the directions really fill it:
each edit is the same value typed in another form (« 18 000 € TTC » for 18000,
« fin 2029 » for 2029-T4, « x » for Présent…), plus a hand-typed TOTAL row. The checks
of this twin must equal the clean example's, apart from the reading notes."""

from __future__ import annotations

import copy
from typing import Any

from nr_xl.example import Data, load_example

# (sheet, row index in the example's data, column index, typed form of the same value)
EDITS: list[tuple[str, int, int, Any]] = [
    ("Paramètres", 1, 1, "118 400 habitants"),
    ("Paramètres", 2, 1, "6 novembre 2026"),
    ("Budget", 0, 3, "18 000 € TTC"),
    ("Budget", 1, 3, "6 000,00 €"),
    ("Budget", 2, 3, "6000€"),
    ("Budget", 0, 2, "-"),
    ("Budget", 1, 2, "néant"),
    ("Budget", 0, 1, "2027"),
    ("Enveloppes", 0, 4, "voté au BP 2027"),
    ("Enveloppes", 1, 4, "BP 2028"),
    ("Enveloppes", 0, 2, "180 k€"),
    ("Enveloppes", 0, 3, "90 000 € TTC"),
    ("Charge", 0, 3, "30 j"),
    ("Charge", 1, 3, "20 jours"),
    ("Charge", 2, 3, "45 j-h"),
    ("Feuille de route", 1, 4, "P1 / P5"),
    ("Feuille de route", 1, 5, "janv. 2027"),
    ("Feuille de route", 1, 6, "fin 2029"),
    ("Feuille de route", 2, 5, "2e trimestre 2027"),
    ("Feuille de route", 2, 7, "Programmée"),
    ("Feuille de route", 0, 9, "i12"),
    ("Indicateurs", 1, 5, "25 %"),
    ("Indicateurs", 0, 6, "fin 2029"),
    ("Gouvernance", 1, 5, "14 janvier 2027"),
    ("Validation", 1, 2, "15 déc. 2026"),
    ("Validation", 1, 3, "Programmée"),
    ("Risques", 0, 3, "2 (moyen)"),
    ("Risques", 0, 4, "très fort"),
    ("Risques", 0, 8, "B3.1 et B2.3"),
    ("Participants", 0, 3, "x"),
    ("Participants", 1, 3, "oui"),
    ("Décisions", 1, 3, "15/01/27"),
]


# Forms the workbook itself accepts as exact: no reading note for them.
EXACT = {"118 400 habitants", "6 000,00 €", "6000€", "2027", "180 k€", "30 j", "20 jours", "45 j-h", "25 %"}


def messy_example() -> Data:
    data = copy.deepcopy(load_example())
    for sheet, row, column, typed in EDITS:
        data[sheet][row][column] = typed
    budget = data["Budget"]
    investment = sum(r[2] for r in load_example()["Budget"] if isinstance(r[2], (int, float)))
    operating = sum(r[3] for r in load_example()["Budget"] if isinstance(r[3], (int, float)))
    budget.append(["TOTAL", None, investment, operating, None])
    return data
