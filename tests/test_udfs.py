"""The worksheet functions, as plain Python (their xlwings decorators are no-ops here)."""

from __future__ import annotations

import datetime as dt

import pytest

from nr_xl import schema, udfs
from nr_xl.example import load_example

DATA = load_example()


def table(spec):
    return [list(spec.headers)] + DATA[spec.sheet]


def test_nr_charge_uses_the_quarterly_rule():
    charge, actions = table(schema.CHARGE), table(schema.ACTIONS)
    assert udfs.NR_CHARGE(charge, actions, "DSI", "2027-T2") == 61.0
    assert udfs.NR_CHARGE(charge, actions, "dsi", "T1 2027") == 26.0
    assert udfs.NR_CHARGE(charge, actions, "Patrimoine", "2027-T2") == 0.0


def test_nr_taux_charge():
    args = table(schema.CHARGE), table(schema.ACTIONS), table(schema.CAPACITES)
    assert udfs.NR_TAUX_CHARGE(*args, "DSI", "2027-T2") == pytest.approx(61 / 55)
    assert udfs.NR_TAUX_CHARGE(*args, "Patrimoine", "2027-T2") == "capacité inconnue"


def test_nr_ecart_budget():
    budget, envelopes = table(schema.BUDGET), table(schema.ENVELOPPES)
    assert udfs.NR_ECART_BUDGET(budget, envelopes, 2028, "Investissement") == -30000.0
    assert udfs.NR_ECART_BUDGET(budget, envelopes, 2027.0, "investissement") == 50000.0
    assert udfs.NR_ECART_BUDGET(budget, envelopes, 2027, "Fonctionnement", "Subvention") == 0.0


def test_nr_trimestre():
    assert udfs.NR_TRIMESTRE(dt.datetime(2027, 5, 3)) == "2027-T2"
    assert udfs.NR_TRIMESTRE("T4 2028") == "2028-T4"
