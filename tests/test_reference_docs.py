"""docs/classeur.md and docs/constats.md are generated from the code and kept fresh."""

from __future__ import annotations

import difflib

import pytest

from nr_xl import reference_docs

from nr_xl.core import schema
from nr_xl.core.findings import CODES

from conftest import ROOT


@pytest.mark.parametrize("name", sorted(reference_docs.DOCS))
def test_committed_reference_docs_are_what_the_code_generates(name):
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    fresh = reference_docs.DOCS[name]()
    diff = "".join(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True),
                                        f"docs/{name} (dans le dépôt)", f"docs/{name} (d'après le code)"))
    assert committed == fresh, ("docs/" + name + " ne correspond plus au code ; "
                                "« python -m nr_xl.reference_docs » le régénère :\n" + diff)


def test_the_docs_name_every_table_column_parameter_and_code():
    workbook = reference_docs.workbook_markdown()
    for spec in schema.ALL_TABLES:
        assert f"`{spec.table}`" in workbook
        for header in spec.headers:
            assert f"`{header}`" in workbook, header
    for parameter in schema.PARAMETERS:
        assert f"`{parameter.key}`" in workbook
    findings = reference_docs.findings_markdown()
    for code in CODES.values():
        assert f"`{code.code}` | `{code.severity.value}`" in findings, code.code
