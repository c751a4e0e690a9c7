"""The finding catalogue is documented: every code of findings.CODES is in
docs/checks.md with its severity and dimension, and every legal floor with its source."""

from __future__ import annotations

import re

from nr_xl.findings import CODES
from nr_xl.obligations import OBLIGATIONS

from conftest import ROOT


def test_every_code_is_documented_with_its_severity_and_dimension():
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    rows = {m.group(1): (m.group(2), m.group(3).strip())
            for m in re.finditer(r"^\| `([a-z_]+\.[a-z_]+)` \| (\w+) \| ([^|]+) \|", text, re.M)}
    assert set(rows) == set(CODES)
    for code, spec in CODES.items():
        assert rows[code] == (spec.severity.value, spec.dimension), code


def test_every_legal_floor_is_documented_with_its_source():
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for obligation in OBLIGATIONS:
        assert obligation.name in text and obligation.source in text
