"""The pure core never imports the adapters' libraries; the check path stays lean."""

from __future__ import annotations

import json
import subprocess
import sys

CORE = ["nr_xl.schema", "nr_xl.parse", "nr_xl.model", "nr_xl.tables", "nr_xl.build",
        "nr_xl.checks", "nr_xl.checks.figures", "nr_xl.committee", "nr_xl.findings"]
ADAPTERS = ["xlwings", "openpyxl", "python_calamine", "docx", "docxtpl", "pandas", "matplotlib", "lxml"]


def loaded_after(imports: list[str]) -> set[str]:
    code = ("import sys, json\n" + "".join(f"import {m}\n" for m in imports)
            + "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_core_imports_no_adapter():
    loaded = loaded_after(CORE)
    assert not {m for m in ADAPTERS if m in loaded}


def test_cli_check_path_does_not_load_heavy_libraries():
    loaded = loaded_after(["nr_xl.cli", "nr_xl.api"])
    assert not {m for m in ["xlwings", "pandas", "docx", "docxtpl", "matplotlib", "openpyxl"] if m in loaded}


def test_core_is_mypy_clean():
    from conftest import ROOT

    core = ["nr_xl/schema.py", "nr_xl/parse.py", "nr_xl/model.py", "nr_xl/tables.py", "nr_xl/build.py",
            "nr_xl/findings.py", "nr_xl/checks", "nr_xl/journal/snapshot.py", "nr_xl/journal/chain.py",
            "nr_xl/documents/context.py", "nr_xl/vocabulary.py", "nr_xl/obligations.py"]
    run = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-error-summary",
                          *core], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-2000:]
