"""Région-sized roadmaps: formatting, findings and suggestions stay what they are
on one copy (costs are measured in benchmarks/run.py, never asserted here)."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from fractions import Fraction

from babel.numbers import format_currency, format_decimal
from hypothesis import assume, given
from hypothesis import strategies as st

from nr_xl import api

from nr_xl.core import fmt
from nr_xl.core.build import build_roadmap
from nr_xl.core.checks import capacity
from nr_xl.example.scale import scaled_example
from nr_xl.core.findings import Finding

numbers = st.one_of(
    st.integers(-10**9, 10**9),
    st.decimals(-10**7, 10**7, places=3, allow_nan=False, allow_infinity=False),
    st.fractions(max_denominator=48).filter(lambda f: abs(f) < 10**7),
    st.floats(-1e7, 1e7, allow_nan=False),
)


def _exact(value):
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return value if isinstance(value, Decimal) else Decimal(str(value))


@given(numbers)
def test_compiled_formats_print_what_babel_prints(value):
    # The patterns are parsed once; the text must stay Babel's own, per call, except
    # for a negative zero, which Babel prints « -0 » and French « 0 » (below).
    exact = _exact(value)
    assume(not exact.is_zero() or not exact.is_signed())
    assert fmt.number(value) == format_decimal(exact, format="#,##0.#", locale="fr_FR")
    assert fmt.number(value, 0) == format_decimal(exact, format="#,##0", locale="fr_FR")
    assert fmt.keuros(value) == format_decimal(exact / 1000, format="#,##0.#", locale="fr_FR") + "\u00a0k€"
    assert fmt.percent(value) == format_decimal(exact * 100, format="#,##0", locale="fr_FR") + "\u00a0%"
    assert fmt.euros(value) == format_currency(exact.quantize(Decimal(1)), "EUR", format="#,##0\u00a0¤",
                                               locale="fr_FR", currency_digits=False)


def test_a_negative_zero_prints_as_zero_whichever_zero_came_first():
    for first, then in ((-0.0, 0), (0, -0.0), (Decimal("-0.000"), Decimal(0))):
        assert [fmt.number(first), fmt.number(then)] == ["0", "0"]
        assert fmt.days(first) == "0\u00a0j-h" and fmt.euros(first) == "0\u00a0€" and fmt.percent(first) == "0\u00a0%"


def test_finding_to_dict_has_every_field_with_the_severity_as_text(example_master):
    report = api.check(example_master)
    assert report.findings
    for f in report.findings:
        expected = dataclasses.asdict(f) | {"severity": f.severity.value}
        assert f.to_dict() == expected
    assert [n.name for n in dataclasses.fields(Finding)] == list(report.findings[0].to_dict())


def _sheets(data):
    """Sheet rows as a reader returns them: the header row, then the data."""
    from nr_xl.core import schema

    sheets = {}
    for table in schema.INPUT_TABLES:
        if table.sheet in data:
            sheets[table.sheet] = [[c.header for c in table.columns], *data[table.sheet]]
    return sheets


def _capacity_findings(factor):  # noqa: D103
    data = scaled_example(factor, own_services=True)
    roadmap, _ = build_roadmap(_sheets(data))
    return [f for f in capacity.check(roadmap) if f.code.startswith("capacity.")]


SERVICES = {row[0] for row in scaled_example(1)["Capacités"]}


def _strip(text, k):
    """The text of copy ``k`` as copy 1 writes it: services « DSI 2 », actions « B3.1-2 »."""
    text = re.sub(rf"(?<=\d)-{k}\b", "", text or "")
    for service in SERVICES:
        text = text.replace(f"{service} {k}", service)
    return text


def test_copies_with_their_own_services_each_get_the_findings_of_copy_one():
    # Each copy's services only meet that copy's actions: the suggestions (« vers
    # 2028-T1, où … restent disponibles ») must come from the same service only.
    found = _capacity_findings(3)
    copies = {k: [f for f in found if re.search(rf" {k}/", f.key or "")] for k in (2, 3)}
    first = [f for f in found if f not in copies[2] + copies[3]]
    assert sum(f.code == "capacity.overload" and " vers " in f.suggestion for f in first) >= 3
    reference = {(f.code, f.row, f.key, f.message, f.suggestion) for f in first}
    for k, mine in copies.items():
        assert len(mine) == len(first)
        assert {(f.code, f.row - (k - 1) * 18, _strip(f.key, k), _strip(f.message, k), _strip(f.suggestion, k))
                for f in mine} == reference


def test_copies_sharing_services_keep_one_set_of_services():
    data = scaled_example(4)
    assert {r[0] for r in data["Capacités"]} == {r[0] for r in scaled_example(1)["Capacités"]}
    own = scaled_example(4, own_services=True)
    assert len({r[0] for r in own["Capacités"]}) == 4 * len({r[0] for r in data["Capacités"]})
