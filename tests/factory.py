"""Roadmaps built in code for the check tests: a sound base and small variations."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from decimal import Decimal

from nr_xl.core.model import (
    Action, BudgetLine, Capacity, Envelope, GovernanceBody, Indicator, Parameters, Priority, Risk, Roadmap,
    ValidationStep, Workload,
)
from nr_xl.core import schema
from nr_xl.core.parse import Quarter
from nr_xl.example import Data, load_example


def q(text: str) -> Quarter:
    year, quarter = text.split("-T")
    return Quarter(int(year), int(quarter))


def action(id: str = "A1", row: int = 2, start: str | None = "2027-T1", end: str | None = "2027-T4",
           **kw) -> Action:
    base = dict(priorities=("P1",), indicators=("I1",), axis="Axe", title=f"Action {id}", pilot="DSI")
    base.update(kw)
    return Action(row=row, id=id, start=q(start) if start else None, end=q(end) if end else None, **base)


def indicator(id: str = "I1", row: int = 2, **kw) -> Indicator:
    base = dict(name="Indicateur", unit="%", baseline=Decimal(10), baseline_year=2026,
                target=Decimal(50), deadline=2027, frequency="Annuelle", owner="DSI", source="GLPI")
    base.update(kw)
    return Indicator(row=row, id=id, **base)


def risk(id: str = "R1", row: int = 2, type: str = "Risque", p: int | None = 2, i: int | None = 2, **kw) -> Risk:
    base = dict(description="Un risque", measure="Une mesure", owner="DGS")
    base.update(kw)
    return Risk(row=row, id=id, type=type, probability=p, impact=i, **base)


def legal_indicators() -> tuple[Indicator, ...]:
    """Every legal obligation followed (obligations.py), with targets above the floors."""
    names = {"Accessibilité RGAA": "Déclaration d'accessibilité et schéma pluriannuel publiés"}
    return tuple(indicator(f"L{n}", 20 + n, obligation=name, name=names.get(name, "Indicateur"))
                 for n, name in enumerate(("Réemploi des équipements réformés", "Achats issus du réemploi ou recyclés",
                                           "Stratégie et bilan REEN", "Accessibilité RGAA"), start=1))


def sound(**changes) -> Roadmap:
    """A small roadmap with no finding at all; ``changes`` replace whole fields."""
    base = Roadmap(
        parameters=Parameters(local_authority="Ville", formalised_on=dt.date(2026, 11, 6),
                              committee_on=dt.date(2026, 12, 3), committee_chair="Maire",
                              ambition="Un numérique public sobre et accessible d'ici 2029."),
        priorities=(Priority(2, "P1", "Sobriété"),),
        actions=(action(),),
        budget=(BudgetLine(2, "A1", 2027, Decimal(100), Decimal(50)),),
        envelopes=(Envelope(2, 2027, "Enveloppe NR", Decimal(100), Decimal(50)),),
        workload=(Workload(2, "A1", "DSI", 2027, Decimal(40)),),
        capacities=(Capacity(2, "DSI", 2027, Decimal(400)),),
        skills=(),
        indicators=(indicator(),) + legal_indicators(),
        risks=(risk(), risk("F1", 3, type="Facteur clé de succès", p=None, i=None)),
        governance=(GovernanceBody(2, "COPIL NR", chair="Maire", frequency="3 fois par an",
                                   installed_on=dt.date(2026, 12, 3)),),
        validations=(ValidationStep(2, "Lancement officiel", "Lancement", dt.date(2027, 2, 1)),),
    )
    return dataclasses.replace(base, **changes)


def keys(findings, code: str) -> list[str | None]:
    return [f.key for f in findings if f.code == code]


def triples(findings) -> set[tuple[str, str | None, int | None]]:
    return {(f.code, f.key, f.row) for f in findings}


def corrected_example() -> Data:
    """The example with every planted error fixed as a committee would (warnings may stay)."""
    data = copy.deepcopy(load_example())
    for row in data[schema.ENVELOPES.sheet]:
        if row[0] == 2028 and row[1] == schema.DEFAULT_FINANCING:
            row[2] = 260000  # the council raises the 2028 investment envelope
    for row in data[schema.CAPACITIES.sheet]:
        if row[0] == schema.IT_SERVICE and row[1] == 2027:
            row[2] = 260  # a temporary reinforcement of the DSI in 2027
    for row in data[schema.SKILLS.sheet]:
        if row[0] == schema.IT_SERVICE and row[1] == "Audit RGAA":
            row[2] = schema.SKILL_PARTIAL  # an external auditor assists the DSI
    for row in data[schema.ACTIONS.sheet]:
        if row[0] == "B3.3":
            row[9] = "I04"
    for row in data[schema.GOVERNANCE.sheet]:
        if row[0] == "Comité technique":
            row[5] = "2026-12-04"
    for row in data[schema.RISKS.sheet]:
        if row[0] == "R4":
            row[6] = "Allotir les marchés et ouvrir aux acteurs de l'économie sociale et solidaire"
    return data



def sheets_of(data: dict) -> dict[str, list[list[object]]]:
    """The example's data as the sheets a reader hands the checks (header row first); a
    sheet missing from ``data`` is missing from the workbook."""
    return {spec.sheet: [list(spec.headers)] + [list(r) for r in data[spec.sheet]]
            for spec in schema.INPUT_TABLES if spec.sheet in data}
