"""Findings are declared once, on their Code: every message a check writes is its
code's template filled in, and every template can be rendered."""

from __future__ import annotations

import re
import string

import pytest

from nr_xl import api, reference_docs
from nr_xl.core.findings import CODES, Code, Finding, Wording, finding

import factory


def _wordings(code):
    return [code.wording(), *code.variants.values()]


def _pattern(template: str) -> re.Pattern[str]:
    """The template as a regular expression: each placeholder stands for any text."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append("(.*?)")
    return re.compile("".join(parts) + r"\Z", re.S)


def worded_by_its_code(f: Finding) -> bool:
    """Whether the message and suggestion of ``f`` are one of its code's wordings filled in."""
    return any(_pattern(w.message).match(f.message) and _pattern(w.suggestion).match(f.suggestion)
               for w in _wordings(CODES[f.code]))


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_wording_renders_with_the_catalogue_values(code):
    spec = CODES[code]
    assert spec.title and spec.key and spec.rule and spec.message and spec.suggestion
    values = {**reference_docs.SAMPLE, **spec.example}
    for wording in _wordings(spec):
        for template in wording:
            rendered = template.format_map(values)
            assert "{" not in rendered and "}" not in rendered


def test_a_finding_is_rendered_from_its_code_with_its_location():
    f = finding("ids.duplicate", sheet="Risques", row=9, field="ID", key="R1", first_row=4)
    assert f.message == "L'identifiant « R1 » de « Risques » est utilisé deux fois (lignes 4 et 9)."
    assert f.suggestion == CODES["ids.duplicate"].suggestion
    person = finding("resources.concentration", variant="person", key="Léa", person="Léa", count=7,
                     total=12, duties="suit I1")
    assert person.message == "Léa cumule 7 des 12 responsabilités nommées (suit I1)."
    assert person.suggestion == CODES["resources.concentration"].variants["person"].suggestion


def test_a_missing_value_fails_loudly_rather_than_printing_a_gap():
    with pytest.raises(KeyError):
        finding("kpi.action_without_kpi", key="A1")


def test_the_pattern_of_a_template_rejects_other_words():
    code = Code("x.y", CODES["ids.duplicate"].severity, "Structure", "t",
                message="L'action {action} n'a pas de {missing}.", suggestion="Corrigez.")
    worded = Wording(code.message, code.suggestion)
    assert _pattern(worded.message).match("L'action A1 n'a pas de Fin.")
    assert not _pattern(worded.message).match("L'action A1 a une Fin.")


def test_every_finding_of_the_example_is_worded_by_its_code(example_master):
    report = api.check(example_master)
    assert report.findings
    for f in report.findings:
        assert worded_by_its_code(f), (f.code, f.message, f.suggestion)


def test_every_finding_of_a_troubled_roadmap_is_worded_by_its_code():
    roadmap = factory.sound(actions=(factory.action("A1", dependencies=("A2",), priorities=("P9",), indicators=()),
                                     factory.action("A2", 3, dependencies=("A1",), start="2027-T4",
                                                    end="2027-T1", skills=("Écoconception",))),
                            governance=(), risks=())
    findings = api.check_roadmap(roadmap, [], "x").findings
    assert len({f.code for f in findings}) >= 5
    for f in findings:
        assert worded_by_its_code(f), (f.code, f.message)
