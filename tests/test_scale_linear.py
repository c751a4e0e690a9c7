"""The indexes that keep checks and documents linear at région scale give the
answers of the plain scans they replace (costs: benchmarks/run.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nr_xl.core.build import build_roadmap
from nr_xl.core.checks import skills
from nr_xl.core.checks._util import norm
from nr_xl.documents import french
from nr_xl.documents.context import chart_data, minutes_context
from nr_xl.documents.context import ANNEX_ROWS
from nr_xl.example.scale import scaled_example
from nr_xl.core.report import check_roadmap
from nr_xl.core.model import Roadmap, Skill
from nr_xl.core import schema


def _plain_best(levels):
    rank = max((r for r, _ in levels), default=-1)
    return rank, [h for r, rows in levels if r == rank for h in rows]


def _plain_names(rows):
    names = list(dict.fromkeys(h.service or "?" for h in rows))
    return ", ".join(names[:3]) + (f" et {len(names) - 3} autre(s)" if len(names) > 3 else "")


LEVELS = ["Acquise", "Partielle", "À acquérir"]
SERVICES = ["DSI", "dsi", "Communication", "Achats", "RH", "Archives", None, "Pôle numérique"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SERVICES), st.sampled_from(LEVELS)), max_size=14),
       st.sets(st.sampled_from([norm(s) for s in SERVICES] + ["inconnu"])))
def test_the_skill_index_names_who_the_plain_scan_names(rows, working):
    # The scan it replaces: every holder of the skill, for each required skill.
    skill_rows = [Skill(row=i + 2, service=s, skill="Écoconception", level=lvl) for i, (s, lvl) in enumerate(rows)]
    holders = skills.holders_by_skill(Roadmap(skills=tuple(skill_rows))).get(norm("Écoconception"), {})
    index = skills._Holders(holders)
    near = _plain_best([v for s, v in holders.items() if s in working])
    far = _plain_best([v for s, v in holders.items() if s not in working])
    every = _plain_best(list(holders.values()))
    assert index.best_among(working) == (near[0], _plain_names(near[1]))
    assert index.best_outside(working) == (far[0], _plain_names(far[1]))
    assert index.best() == (every[0], _plain_names(every[1]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Direction du numérique", "DSI", "Pôle numérique", "Pôle numérique central",
                                 "Archives", "Mairie"]), min_size=1, max_size=6, unique=True),
       st.lists(st.sampled_from(["de ", "par ", "pour ", "renforcer ", "que ", ", ", " et "]), max_size=4),
       st.data())
def test_articles_are_placed_as_one_pattern_per_service_placed_them(services, words, data):
    import re

    def plain(text):
        for name in sorted(services, key=len, reverse=True):
            if french.article(name) == name:
                continue
            escaped = re.escape(name)
            text = re.sub(rf"\bde {escaped}\b", french.with_de(name), text)
            text = re.sub(rf"\b(renforcer|par|pour) {escaped}\b", rf"\1 {french.article(name)}", text)
        return text

    parts = [w + data.draw(st.sampled_from(services)) for w in words]
    text = "Charge portée " + " ".join(parts) + "."
    assert french.services_in_prose(text, services) == plain(text)


def _sheets(data):
    return {t.sheet: [[c.header for c in t.columns], *data[t.sheet]] for t in schema.INPUT_TABLES if t.sheet in data}


def test_the_minutes_list_the_most_loaded_services_and_count_the_rest():
    data = scaled_example(20, own_services=True)  # 120 services, more than an annex lists
    roadmap, _ = build_roadmap(_sheets(data))
    services = {row[0] for row in data[schema.CAPACITIES.sheet]}
    context = minutes_context(roadmap, check_roadmap(roadmap, [], "x.xlsm"), [])
    shown = context["charge_services"]
    assert len(services) > ANNEX_ROWS and len(shown) == ANNEX_ROWS
    ratios = [r["charge_nombre"] / r["capacite_nombre"] for r in context["charge_tous_services"]]
    assert ratios == sorted(ratios, reverse=True)  # most loaded first, so the table keeps them
    assert shown == context["charge_tous_services"][:ANNEX_ROWS]
    rest = len(context["charge_tous_services"]) - ANNEX_ROWS
    # Said in the annex itself: no sheet of a workbook the readers do not have.
    assert context["autres_services"] == f"… et {rest} services de plus, non reproduits ici."
    # The chart still draws every service (the others as one mean bar).
    assert len(chart_data(context)["charge"]) == len(context["charge_tous_services"])


def test_the_example_lists_every_service_and_no_overflow_sentence():
    data = scaled_example(1)
    roadmap, _ = build_roadmap(_sheets(data))
    context = minutes_context(roadmap, check_roadmap(roadmap, [], "x.xlsm"), [])
    assert len(context["charge_services"]) == len({row[0] for row in data[schema.CAPACITIES.sheet]})
    assert context["autres_services"] == ""


def test_success_factors_are_capped_and_counts_print_french_thousands():
    data = scaled_example(30, own_services=True)  # each copy repeats the example's factors
    roadmap, _ = build_roadmap(_sheets(data))
    factors = [r for r in roadmap.risks if r.type == schema.SUCCESS_FACTOR]
    context = minutes_context(roadmap, check_roadmap(roadmap, [], "x.xlsm"), [])
    assert len(factors) > ANNEX_ROWS and len(context["facteurs_cles"]) == ANNEX_ROWS
    rest = len(factors) - ANNEX_ROWS
    assert context["autres_facteurs"] == f"… et {rest} facteurs clés de succès de plus, non reproduits ici."
    from nr_xl.core import fmt
    assert fmt.plural(1188, "service") == "1\u202f188 services"
