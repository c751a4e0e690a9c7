"""The command line is a thin layer over nr_xl.api, as its docstring promises: it parses
arguments, calls the api, and presents the result."""

from __future__ import annotations

import pytest

import ast
import json
import re
import subprocess
import sys

from conftest import ROOT

CLI = ROOT / "nr_xl" / "cli" / "commands.py"
# What the commands may import from nr_xl, and why:
ALLOWED = {
    "nr_xl.api": "the library: every command is one call into it",
    "nr_xl.cli.console": "the terminal's presentation of a report (rich), the CLI's own output",
    "nr_xl.cli.json_report": "the JSON presentation of a report (check --format json), the CLI's own output",
    "nr_xl.core.errors": "the exception types the CLI turns into a French line and an exit code",
    "nr_xl.cli.click_fr": "click's own words (usage, errors, help options) in French, the CLI's own output",
    "nr_xl.cli.output": "what the commands print, written whole or reported (exit 5), the CLI's own output",
    # Pure data, no I/O: the names the help texts and messages print come from their single source.
    "nr_xl.core.schema": "the workbook's sheet names that help texts and messages print",
    "nr_xl.core.vocabulary": "the committee's decision words, to word what validate recorded",
    # doctor must answer when a dependency the api imports (Babel, python-calamine…) is missing
    # or broken, which is what it reports: it loads nothing but the standard library.
    "nr_xl.release.doctor": "the diagnostic, which must not depend on what it diagnoses",
    "nr_xl.cli.demo": "the demo: the committee's journey on the example, a sequence of api calls",
}


def nr_xl_modules_named(source: str) -> set[str]:
    """Every nr_xl module cli.py imports, or looks up by name (``sys.modules.get("nr_xl.x")``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "nr_xl"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "nr_xl":
            # « from nr_xl.core import schema » names the module nr_xl.core.schema.
            found |= {f"{node.module}.{a.name}" if _is_module(f"{node.module}.{a.name}") else node.module
                      for a in node.names}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and re.fullmatch(r"nr_xl(\.\w+)+", node.value):
            found.add(node.value)
    return found


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def test_cli_imports_only_the_api_and_its_own_helpers():
    named = nr_xl_modules_named(CLI.read_text(encoding="utf-8"))
    assert "nr_xl.api" in named
    assert named <= set(ALLOWED), sorted(named - set(ALLOWED))


def test_the_check_finds_a_deeper_import():
    source = CLI.read_text(encoding="utf-8") + (
        "\ndef extra():\n    from nr_xl.documents.produce import generate\n    import nr_xl.workbook.writer\n"
        "    return sys.modules.get('nr_xl.workbook.writer')\n")
    assert nr_xl_modules_named(source) - set(ALLOWED) == {"nr_xl.documents.produce", "nr_xl.workbook.writer"}


@pytest.mark.slow
def test_doctor_loads_no_library_beyond_the_standard_one():
    code = ("import sys, json\nbefore = set(sys.modules)\nimport nr_xl.release.doctor\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in set(sys.modules) - before})))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(run.stdout)) - {"nr_xl"}
    assert {m for m in loaded if m not in sys.stdlib_module_names and not m.startswith("_")} == set()
