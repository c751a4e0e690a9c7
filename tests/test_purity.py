"""The pure core, once loaded, holds no adapter and touches no file; the check path stays lean."""

from __future__ import annotations

import pytest

import json
import subprocess
import sys

# Where files are read, locked, backed up and replaced: the core loads none of them.
FILE_IO = ["nr_xl.jobs.journal", "nr_xl.sources.calamine_source", "nr_xl.sources.openpyxl_source",
           "nr_xl.workbook.writer", "nr_xl.workbook.lock", "nr_xl.workbook.backup", "filelock", "zipfile"]
ADAPTERS = ["xlwings", "openpyxl", "python_calamine", "docx", "docxtpl", "pandas", "matplotlib", "lxml"]


def loaded_after(imports: list[str]) -> set[str]:
    code = ("import sys, json\n" + "".join(f"import {m}\n" for m in imports)
            + "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


@pytest.mark.slow
def test_the_whole_core_loads_no_adapter_and_no_file_io_module():
    from test_architecture import modules_in

    loaded = loaded_after(modules_in("core"))
    assert not {m for m in ADAPTERS + FILE_IO if m in loaded}


# Run twice on rows read beforehand: once to load what the functions import lazily, then under an
# audit hook that fails on any file opened, replaced, removed or process started.
NO_FILE_ACCESS = """
import dataclasses, datetime as dt, sys
from nr_xl.core import schema
from nr_xl.core.journal import book as book_module, plans, review
from nr_xl.sources import read_rows

sheets = read_rows(sys.argv[1], list(schema.CHECKED_SHEETS)).sheets
now = dt.datetime(2027, 3, 1, 10, 0)

def session():
    book = book_module.from_sheets(sheets)
    snap = plans.plan_snapshot(book, now, author="Léa")
    budget = [list(r) for r in sheets["Budget"]]
    budget[1][2] = 123456
    edited = book_module.Workbook({**sheets, "Budget": budget}, snap.state, snap.journal)
    logged = plans.plan_log(edited, "orvane.xlsm", author="Léa", reason="Report", now=now)
    after = book_module.Workbook(edited.sheets, logged.state, logged.journal)
    try:
        plans.plan_validate(after, "orvane.xlsm", author="Léa", now=now)
        refused = False
    except plans.ValidationRefused:
        refused = True
    validated = plans.plan_validate(after, "orvane.xlsm", author="Léa", now=now, reservations="Renfort")
    return (len(logged.new_rows), refused, validated.new_version, len(review.net_adjustments(after)),
            review.journal_findings(after), review.journal_fingerprint(after) is not None,
            # the follow-up tables are never compared by the journal: not in the presented version
            sorted(review.presented_sheets(after) or {}) == sorted(t.sheet for t in schema.INPUT_TABLES
                                                                 if t.sheet in sheets
                                                                 and t not in schema.FOLLOWUP_TABLES))

first = session()

def refuse(event, args):
    if event in ("open", "os.replace", "os.rename", "os.remove", "os.mkdir", "shutil.copyfile",
                 "subprocess.Popen", "os.system", "socket.connect"):
        raise RuntimeError(f"file access in a pure module: {event} {args[:1]}")

sys.addaudithook(refuse)
second = session()
assert second == first, (first, second)
print(repr(second))
"""


@pytest.mark.slow
def test_journal_plans_and_review_touch_no_file(example_master):
    out = subprocess.run([sys.executable, "-c", NO_FILE_ACCESS, str(example_master)], capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == repr((1, True, "1.1", 1, [], True, True))


@pytest.mark.slow
def test_cli_check_path_does_not_load_heavy_libraries():
    loaded = loaded_after(["nr_xl.cli.commands", "nr_xl.api"])
    assert not {m for m in ["xlwings", "pandas", "docx", "docxtpl", "matplotlib", "openpyxl"] if m in loaded}
