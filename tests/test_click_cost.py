"""What a ribbon click loads before its first Excel call (each click is a new
interpreter): xlwings, without the optional libraries nr_xl.macros never uses."""

from __future__ import annotations

import pytest

import json
import subprocess
import sys

from conftest import ROOT

HEAVY = ["pandas", "numpy", "matplotlib", "PIL"]


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT / "tests",
                         env={"XLWINGS_LICENSE_KEY": "noncommercial", "NR_XL_NO_OPEN": "1",
                              "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_click_path_imports_xlwings_without_pandas_numpy_or_matplotlib():
    loaded = _run("import sys, json\nimport nr_xl.macros\n"
                  f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules] + "
                  "[m for m in ['xlwings'] if m in sys.modules]))")
    assert loaded == ["xlwings"]


@pytest.mark.slow
def test_libraries_hidden_from_xlwings_still_import_afterwards_and_a_button_runs(example_master):
    # The documents need matplotlib after xlwings is loaded; the check button runs end to end
    # on a remote-engine Book of a real workbook, in the same interpreter.
    result = _run(
        "import sys, json\nimport nr_xl.macros\n"
        "from matplotlib.figure import Figure\n"
        "from remote_book import run_button\n"
        f"actions = run_button(__import__('pathlib').Path({str(example_master)!r}), "
        "'import nr_xl.macros; nr_xl.macros.check()')\n"
        "print(json.dumps({'figure': Figure.__name__, 'funcs': sorted({a['func'] for a in actions})}))")
    assert result["figure"] == "Figure"
    assert {"setValues", "alert"} <= set(result["funcs"])
