"""The finding catalogue is documented: every code of findings.CODES is in the generated
docs/constats.md with its severity, dimension, key, rule and example message, and every
legal floor with its source."""

from __future__ import annotations

import re

from nr_xl import reference_docs
from nr_xl.core.findings import CODES
from nr_xl.core.obligations import OBLIGATIONS

from conftest import ROOT


def _catalogue() -> str:
    return (ROOT / "docs" / "constats.md").read_text(encoding="utf-8")


def test_every_code_is_documented_with_its_severity_dimension_rule_and_example():
    text = _catalogue()
    rows: dict[str, tuple[str, str]] = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        dimension = section.splitlines()[0]
        for m in re.finditer(r"^\| `([a-z_]+\.[a-z_]+)` \| `(\w+)` \(", section, re.M):
            rows[m.group(1)] = (m.group(2), dimension)
    assert set(rows) == set(CODES)
    for code, spec in CODES.items():
        assert rows[code] == (spec.severity.value, spec.dimension), code
        assert spec.rule and spec.key and spec.rule in text, code
        assert reference_docs.example_message(spec) in text, code


def test_every_legal_floor_is_documented_with_its_source():
    text = _catalogue()
    for obligation in OBLIGATIONS:
        assert obligation.name in text and obligation.source in text


def test_the_catalogue_keeps_the_synonyms_and_the_committee_decision():
    text = _catalogue()
    assert "« Réalisée », « Passée », « Faite » → « Tenue »" in text
    assert "- **Statuts enveloppe** : « À confirmer » — l'enveloppe est traitée comme « À confirmer »." in text
    assert "## La décision du comité" in text and "`--ajournee`" in text


def test_no_markdown_link_points_to_a_missing_file():
    pages = [ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = []
    for page in (p for p in pages if p.exists()):
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                missing.append(f"{page.name} -> {target}")
    assert not missing
