"""The schema is the single source of the workbook's names: no module of nr_xl retypes
a sheet name, an input table's header, a list value or a parameter key.

Every string constant of nr_xl/ (docstrings aside, read with ``ast``) is checked:
it must not *be* one of these names, nor quote one « like this », nor use one in a
formula (``tbl_Budget[Année]``, ``Listes!A1``). Words that are only ordinary prose
(« les jours-homme disponibles ») are not quoted and pass.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import nr_xl
from nr_xl.core import schema, vocabulary

PACKAGE = Path(nr_xl.__file__).parent

SHEETS = {t.sheet for t in schema.ALL_TABLES} | {s.name for s in schema.OTHER_SHEETS}
HEADERS = {c.header for t in schema.INPUT_TABLES for c in t.columns}
# The probability and impact notes « 1 » to « 4 » are digits every module uses for other
# things: they are left out.
LIST_VALUES = {v for name, values in schema.LISTS.items() for v in values if values is not schema.SCORES}
PARAMETER_KEYS = {p.key for p in schema.PARAMETERS}
NAMES = SHEETS | HEADERS | LIST_VALUES | PARAMETER_KEYS | {schema.LAUNCH}

# Modules that may spell these names, and why.
ALLOWED_MODULES = {
    # The legal obligations are declared there, with their sources; schema.py imports the names.
    "core/obligations.py": "declares the « Obligations » list",
    # The words users type, mapped to list values: data about the lists, keyed by the
    # schema's tuples; test_synonyms_name_values_of_their_list checks every target.
    "core/vocabulary.py": "synonym tables of the lists",
    # Headings of the Word templates: words for the readers of the minutes, which follow
    # the documents' wording, not the workbook's cells.
    "documents/template_builder.py": "headings of the Word documents",
    "documents/followup_templates.py": "headings of the follow-up Word documents",
    # The same for the committee's deck: the headings of its tables (« Année », « Financement »,
    # « Échéance »…) are words for the committee, in the deck's wording.
    "documents/deck_context.py": "headings of the deck's tables",
    # The catalogue of findings: each code's message and suggestion, French sentences for
    # the reader that name the sheets and columns they point to. Declared once there and
    # checked against every finding by test_finding_codes.py.
    "core/findings.py": "message templates of the findings catalogue",
    # Generates docs/constats.md and docs/classeur.md: prose about the workbook for its readers.
    "reference_docs.py": "prose of the generated reference documents",
    # Not changed here (other parts of the same issue move or rewrite them).
    "excel/ribbon.py": "sheet names in two ribbon messages",
    "workbook/writer.py": "XML writer; « Type » there is an XML attribute",
}
# A name that is also an ordinary word in one module, and why.
ALLOWED = {
    ("sources/ooxml.py", "Type"): "the Type attribute of an OOXML relationship",
    ("release/installer.py", "Description"): "a value name of the Windows registry",
    ("cli/console.py", "Statut"): "column title of the console's table of dimensions",
    ("core/layout.py", "Statut"): "heading of the Contrôles sheet's own summary",
    ("core/layout.py", "Année"): "heading of the Contrôles sheet's budget detail",
    ("core/layout.py", "Financement"): "heading of the Contrôles sheet's budget detail",
    ("core/layout.py", "Service"): "heading of the Contrôles sheet's workload detail",
    ("core/layout.py", "Nature"): "heading of the Contrôles sheet's budget detail (also a column of « Dépenses »)",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _dimension_arguments(tree: ast.AST) -> set[int]:
    """String arguments of ``Code(...)`` in the catalogue: dimension names (« Budget »,
    « Risques »…), which share their words with sheet names."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Code":
            found.update(id(a) for a in node.args if isinstance(a, ast.Constant))
    return found


def spelled(text: str) -> set[str]:
    """The schema names ``text`` spells: as a whole, quoted, or in a formula."""
    if text in NAMES:
        return {text}
    if not any(mark in text for mark in ("«", "[", "!")):
        return set()
    return {n for n in NAMES if f"« {n} »" in text or f"[{n}]" in text
            or (n in SHEETS and (f"{n}!" in text or f"'{n}'!" in text))}


def literals() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if module == "core/schema.py" or module in ALLOWED_MODULES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree) | _dimension_arguments(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                out.extend((module, node.lineno, name) for name in sorted(spelled(node.value))
                           if (module, name) not in ALLOWED)
    return out


def test_no_module_retypes_a_name_of_the_schema():
    found = literals()
    assert not found, "Lisez ces noms dans nr_xl.core.schema :\n" + "\n".join(
        f"  {module}:{line}: « {name} »" for module, line, name in found)


@pytest.mark.parametrize("text, names", [
    ("Budget", {"Budget"}),
    ("voir la feuille « Contrôles ».", {"Contrôles"}),
    ("=SUM(tbl_Budget[Investissement (€)])", {"Investissement (€)"}),
    ("=Listes!$A$2", {"Listes"}),
    ("Abandonnée", {"Abandonnée"}),
    ("Date de formalisation", {"Date de formalisation"}),
    ("le budget prévu par la collectivité", set()),
    ("1", set()),
])
def test_spelled_finds_each_way_of_writing_a_name(text, names):
    assert spelled(text) == names


def test_the_scan_sees_f_strings_and_skips_docstrings(tmp_path, monkeypatch):
    (tmp_path / "m.py").write_text('"""« Budget » in a docstring."""\n'
                                   'x = f"{1} dans « Charge »"\n'
                                   'y = "Jours-homme disponibles"\n', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    assert sorted((line, name) for _, line, name in literals()) == [(2, "Charge"), (3, "Jours-homme disponibles")]


def test_synonyms_name_values_of_their_list():
    """vocabulary.py spells list values: each must be a value of the list it maps to."""
    for values, table in vocabulary.SYNONYMS.items():
        assert set(table.values()) <= set(values), set(table.values()) - set(values)


def test_allowances_are_still_needed():
    """An allowance for a module or a literal that no longer spells a name goes."""
    for module in ALLOWED_MODULES:
        assert (PACKAGE / module).exists(), module
    for module, name in ALLOWED:
        tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
        assert any(isinstance(n, ast.Constant) and isinstance(n.value, str) and name in spelled(n.value)
                   for n in ast.walk(tree)), (module, name)
