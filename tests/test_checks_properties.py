"""Property-based: any roadmap, however odd, is checked without an exception, and
every finding points at a row that exists in the sheet it names."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nr_xl.core.checks import run_checks
from nr_xl.core.checks.figures import figures
from nr_xl.core.findings import CODES
from nr_xl.core.model import (
    Action, BudgetLine, Capacity, Envelope, GovernanceBody, Indicator, Parameters, Priority, Risk, Roadmap,
    Skill, ValidationStep, Workload,
)
from nr_xl.core.parse import Quarter

from test_finding_codes import worded_by_its_code

ids = st.sampled_from(["A1", "A2", "A3", "B1", "X9", ""])
maybe_quarter = st.one_of(st.none(), st.builds(Quarter, st.integers(2026, 2029), st.integers(1, 4)))
money = st.decimals(min_value=-1000, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
days = st.decimals(min_value=0, max_value=500, places=1, allow_nan=False, allow_infinity=False)
years = st.one_of(st.none(), st.integers(2026, 2029))
services = st.sampled_from(["DSI", "dsi", "DRH", "Com", None])
names = st.sampled_from(["Audit RGAA", "Écoconception", "ecoconception", "Gestion"])


def rows(strategy, max_size=6):  # type: ignore[no-untyped-def]
    return st.lists(strategy, max_size=max_size).map(
        lambda items: tuple(item(row) for row, item in enumerate(items, start=2)))


actions = rows(st.builds(
    lambda i, s, e, p, k, ind, dep, prog: lambda row: Action(row, i or "A0", start=s, end=e, priorities=p,
                                                             skills=k, indicators=ind, dependencies=dep,
                                                             programme=prog),
    ids, maybe_quarter, maybe_quarter, st.lists(st.sampled_from(["P1", "P2", "P9"]), max_size=2).map(tuple),
    st.lists(names, max_size=2).map(tuple), st.lists(st.sampled_from(["I1", "I2", "I9"]), max_size=2).map(tuple),
    st.lists(ids, max_size=2).map(lambda d: tuple(x for x in d if x)), st.sampled_from([None, "PCAET", "SPASER"])))
budget = rows(st.builds(lambda a, y, i, o, f: lambda row: BudgetLine(row, a or None, y, i, o, f),
                        ids, years, money, money, st.sampled_from(["Enveloppe NR", "Subvention", "enveloppe nr"])))
envelopes = rows(st.builds(lambda y, f, i, o: lambda row: Envelope(row, y, f, i, o),
                           years, st.sampled_from(["Enveloppe NR", "Subvention"]), st.one_of(st.none(), money),
                           st.one_of(st.none(), money)))
workload = rows(st.builds(lambda a, s, y, d: lambda row: Workload(row, a or None, s, y, d), ids, services, years, days))
capacities = rows(st.builds(lambda s, y, d: lambda row: Capacity(row, s, y, d), services, years,
                            st.one_of(st.none(), days)))
skills = rows(st.builds(lambda s, k, lv: lambda row: Skill(row, s, k, lv), services, names,
                        st.sampled_from(["Acquise", "Partielle", "À acquérir", None])))
indicators = rows(st.builds(lambda i, t, o: lambda row: Indicator(row, i or "I0", target=t, owner=o),
                            st.sampled_from(["I1", "I2", "I1"]), st.one_of(st.none(), money),
                            st.sampled_from([None, "DSI"])))
risks = rows(st.builds(lambda i, t, p, im, m: lambda row: Risk(row, i, t, probability=p, impact=im, measure=m),
                       st.sampled_from(["R1", "R2", "F1"]), st.sampled_from(["Risque", "Facteur clé de succès", None]),
                       st.one_of(st.none(), st.integers(1, 4)), st.one_of(st.none(), st.integers(1, 4)),
                       st.sampled_from([None, "Mesure"])))
governance = rows(st.builds(lambda n, d: lambda row: GovernanceBody(row, n, installed_on=d),
                            st.sampled_from(["COPIL", "Comité technique", "Club"]),
                            st.one_of(st.none(), st.dates(dt.date(2026, 10, 1), dt.date(2027, 3, 1)))))
roadmaps = st.builds(
    lambda a, b, e, w, c, s, i, r, g, formalised, delay: Roadmap(
        parameters=Parameters(formalised_on=formalised, governance_delay_days=delay),
        priorities=(Priority(2, "P1"), Priority(3, "P2")), actions=a, budget=b, envelopes=e, workload=w,
        capacities=c, skills=s, indicators=i, risks=r, governance=g,
        validations=(ValidationStep(2, "Lancement officiel", "PCAET", dt.date(2027, 2, 1)),)),
    actions, budget, envelopes, workload, capacities, skills, indicators, risks, governance,
    st.one_of(st.none(), st.dates(dt.date(2026, 10, 1), dt.date(2026, 12, 31))), st.integers(0, 60))


def existing_rows(roadmap: Roadmap) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for group in (roadmap.priorities, roadmap.actions, roadmap.budget, roadmap.envelopes, roadmap.workload,
                  roadmap.capacities, roadmap.skills, roadmap.indicators, roadmap.risks, roadmap.governance,
                  roadmap.validations):
        for item in group:
            out.setdefault(item.SHEET, set()).add(item.row)
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmaps)
def test_checks_never_raise_and_point_at_existing_rows(roadmap):
    findings = run_checks(roadmap)
    figures(roadmap)
    rows = existing_rows(roadmap)
    for f in findings:
        assert f.code in CODES and f.message and f.suggestion
        assert worded_by_its_code(f), (f.code, f.message, f.suggestion)
        assert f.severity == CODES[f.code].severity and f.dimension == CODES[f.code].dimension
        if f.row is not None:
            assert f.row in rows.get(f.sheet, set()), (f.code, f.sheet, f.row)
