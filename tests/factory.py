"""Roadmaps built in code for the check tests: a sound base and small variations."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from nr_xl.core.model import (
    Action, BudgetLine, Capacity, Envelope, GovernanceBody, Indicator, Parameters, Priority, Risk, Roadmap,
    ValidationStep, Workload,
)
from nr_xl.core.parse import Quarter


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
    return tuple(indicator(f"L{n}", 20 + n, obligation=name) for n, name in enumerate((
        "Réemploi des équipements réformés", "Achats issus du réemploi ou recyclés",
        "Stratégie et bilan REEN", "Accessibilité RGAA"), start=1))


def sound(**changes) -> Roadmap:
    """A small roadmap with no finding at all; ``changes`` replace whole fields."""
    base = Roadmap(
        parameters=Parameters(local_authority="Ville", formalised_on=dt.date(2026, 11, 6),
                              committee_on=dt.date(2026, 12, 3), committee_chair="Maire"),
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
