"""Worksheet functions for the live committee (xlwings UDFs, Windows Excel).

Thin over the same core as the checks: each takes the tables it needs as
ranges with their header row, e.g. in a French Excel
``=NR_CHARGE(tbl_Charge[#Tout]; tbl_Actions[#Tout]; "DSI"; "2027-T2")``,
so Excel recalculates it whenever those tables change.
"""

from __future__ import annotations

from decimal import Decimal

import xlwings as xw

from nr_xl.core import parse, schema
from nr_xl.core.build import build_roadmap
from nr_xl.core.checks import budget, capacity
from nr_xl.core.checks._util import norm


_SHEETS = {"charge": schema.CHARGE.sheet, "actions": schema.ACTIONS.sheet,
           "capacites": schema.CAPACITIES.sheet, "budget": schema.BUDGET.sheet,
           "enveloppes": schema.ENVELOPES.sheet}


def _roadmap(**tables: list[list[object]]):
    return build_roadmap({_SHEETS[name]: rows for name, rows in tables.items()})[0]


def _quarter(value: object) -> parse.Quarter:
    quarter = parse.quarter(value)
    if quarter is None:
        raise ValueError("trimestre vide")
    return quarter


@xw.func
@xw.arg("charge", ndim=2)
@xw.arg("actions", ndim=2)
def NR_CHARGE(charge, actions, service, trimestre):  # noqa: N802
    """Jours-homme demandés à un service pour un trimestre (règle de répartition trimestrielle)."""
    quarter = _quarter(trimestre)
    table, _ = capacity.spread(_roadmap(charge=charge, actions=actions))
    sy = table.get((norm(str(service)), quarter.year))
    return float(sy.load(quarter)) if sy else 0.0


@xw.func
@xw.arg("charge", ndim=2)
@xw.arg("actions", ndim=2)
@xw.arg("capacites", ndim=2)
def NR_TAUX_CHARGE(charge, actions, capacites, service, trimestre):  # noqa: N802
    """Charge du trimestre rapportée à la capacité trimestrielle (1 = 100 %)."""
    quarter = _quarter(trimestre)
    table, _ = capacity.spread(_roadmap(charge=charge, actions=actions, capacites=capacites))
    sy = table.get((norm(str(service)), quarter.year))
    if sy is None or sy.capacity is None or sy.per_quarter == 0:
        return "capacité inconnue"
    return float(sy.load(quarter) / sy.per_quarter)


@xw.func
@xw.arg("lignes", ndim=2)
@xw.arg("enveloppes", ndim=2)
def NR_ECART_BUDGET(lignes, enveloppes, annee, nature, financement=schema.DEFAULT_FINANCING):  # noqa: N802
    """Marge de l'enveloppe (positive) ou dépassement (négatif), en euros, pour une année et une nature."""
    year = parse.year(annee)
    nature_name = parse.enum(nature, schema.NATURES)
    roadmap = _roadmap(budget=lignes, enveloppes=enveloppes)
    if year is None or nature_name is None:
        return 0.0  # no pot and no envelope can match an unreadable year or nature
    financing = norm(str(financement or schema.DEFAULT_FINANCING))
    pot = budget.pots(roadmap).get((year, financing, nature_name))
    env = budget.envelopes(roadmap).get((year, financing))
    # Decimal on both sides: a Fraction here made the lone pot or the lone envelope a TypeError.
    planned = pot.planned if pot else Decimal(0)
    limit = budget.amount_of(env, nature_name) if env else Decimal(0)
    return float(limit - planned)


# Parameter names become VBA names in the wrappers xlwings generates: a VBA
# reserved word (Date, String, Type…) would stop the whole module from compiling.
# Excel shows them in the function's tooltip, on the desktop and in xlwings Lite
# (lite/main.py): the same names on both, tests/test_lite.py checks it.
@xw.func
def NR_TRIMESTRE(valeur):  # noqa: N802
    """Le trimestre d'une date ou d'un texte (« 2027-T2 »)."""
    return str(_quarter(valeur))
