"""Several writers on one workbook at the same moment: real OS processes, no lost row.

Two colleagues (or a script and a person) on a shared drive run commands that
write the same file. Each writer holds the workbook's lock for its whole
read-compute-write, so the second sees the first's rows; a file changed behind
the lock is never overwritten.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from nr_xl import api
from nr_xl.core.errors import WorkbookWriteError
from nr_xl.workbook.edit import CellEdit, apply_edits
from nr_xl.workbook.lock import WAIT_ENV, WorkbookChanged, WorkbookLocked, exclusive, lock_path
from nr_xl.workbook.writer import write_owned_sheets

PAIRS = int(os.environ.get("NR_XL_CONCURRENT_PAIRS", "50"))
# Each writer edits its own cell of Capacités, then logs: one Journal row per edit.
CELLS = [({"Service": "DSI", "Année": 2027}, 250), ({"Service": "Communication", "Année": 2027}, 40)]


def _writer(index: int, path: str, rounds: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    os.environ[WAIT_ENV] = "120"
    match, base = CELLS[index]
    numbers: list[int] = []
    errors: list[str] = []
    for k in range(rounds):
        barrier.wait()  # both writers start each round together
        try:
            apply_edits(Path(path), [CellEdit("Capacités", match, "Jours-homme disponibles", base + k + 1)])
            numbers += [row.number for row in api.log(Path(path), reason=f"écrivain {index}, tour {k}")]
        except Exception as exc:  # reported to the test, which fails on it
            errors.append(f"{type(exc).__name__}: {exc}")
    results.put((index, numbers, errors))


def nr_xl(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "nr_xl.cli.commands", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


@pytest.mark.slow
def test_pairs_of_concurrent_writers_lose_no_row(example_path):
    from nr_xl.jobs.journal import read

    api.snapshot(example_path)
    first = len(read(example_path).journal) + 1
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=_writer, args=(i, str(example_path), PAIRS, barrier, results))
               for i in range(2)]
    for worker in workers:
        worker.start()
    outcome = dict((i, (numbers, errors)) for i, numbers, errors in (results.get(timeout=900) for _ in workers))
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert outcome[0][1] == [] and outcome[1][1] == []
    reported = outcome[0][0] + outcome[1][0]
    # Every edit is one Journal row, and every row was reported to exactly one writer.
    assert sorted(reported) == list(range(first, first + 2 * PAIRS))
    with zipfile.ZipFile(example_path) as zf:
        assert zf.testzip() is None
    report = api.check(example_path)
    assert not [f for f in report.findings if f.code.startswith("journal.")]
    book = read(example_path)
    assert [r.number for r in book.journal] == list(range(1, first + 2 * PAIRS))
    # The last value each writer set is the one the journal ends on.
    last_new = {}
    for row in book.journal[first - 1:]:
        last_new[row.key] = row.new
    assert sorted(last_new.values()) == sorted(str(base + PAIRS) for _, base in CELLS)
    assert not lock_path(example_path).exists()


@pytest.mark.slow
def test_two_logs_at_the_same_moment_record_the_change_once(example_path):
    """The issue's case through the real command line, twice."""
    api.snapshot(example_path)
    for value in (300, 310):
        apply_edits(example_path, [CellEdit("Capacités", {"Service": "DSI", "Année": 2027},
                                            "Jours-homme disponibles", value)])
        runs = [nr_xl("log", str(example_path), "--reason", f"essai {value}") for _ in range(2)]
        outs = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0]
        added = [out for out, _ in outs if "ajoutée(s)" in out]
        nothing = [out for out, _ in outs if "Aucun ajustement" in out]
        assert len(added) == 1 and len(nothing) == 1
    from nr_xl.jobs.journal import read

    book = read(example_path)
    assert [r.new for r in book.journal] == ["300", "310"]
    assert not [f for f in api.check(example_path).findings if f.code == "journal.tampered"]


@pytest.mark.slow
def test_second_writer_waits_then_says_who_holds_the_lock(example_path):
    original = example_path.read_bytes()
    with exclusive(example_path):
        start = time.monotonic()
        run = nr_xl("snapshot", str(example_path), env={WAIT_ENV: "1"})
        out, err = run.communicate(timeout=120)
        waited = time.monotonic() - start
    assert run.returncode == 4  # busy: the same command later will do
    assert "en cours d'écriture" in err and f"processus {os.getpid()}" in err and "--break-lock" in err
    assert "Traceback" not in err
    assert waited >= 1
    assert example_path.read_bytes() == original


def test_break_lock_never_breaks_a_live_local_holder(example_path):
    with exclusive(example_path):
        with pytest.raises(WorkbookLocked) as err:
            with exclusive(example_path, break_lock=True, wait=0):
                pass
    assert "toujours actif" in err.value.message


@pytest.mark.slow
def test_lock_of_a_killed_process_is_reclaimed(example_path):
    """A command killed while writing leaves its lock; on the same computer the next one takes it."""
    code = ("import os, signal\nfrom pathlib import Path\nfrom nr_xl.workbook.lock import exclusive\n"
            f"with exclusive(Path({str(example_path)!r})):\n    os.kill(os.getpid(), signal.SIGKILL)\n")
    assert subprocess.run([sys.executable, "-c", code]).returncode == -9
    assert lock_path(example_path).exists()
    api.snapshot(example_path)
    assert not lock_path(example_path).exists()


@pytest.mark.slow
def test_lock_left_by_another_computer_is_reported_then_broken_on_request(example_path):
    marker = lock_path(example_path)
    marker.write_text("4242\nPC-FINANCES-07\n")
    run = nr_xl("snapshot", str(example_path), env={WAIT_ENV: "0.5"})
    _, err = run.communicate(timeout=120)
    assert run.returncode == 4 and "PC-FINANCES-07" in err and "processus 4242" in err
    run = nr_xl("snapshot", str(example_path), "--break-lock")
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "Version de référence" in out and not marker.exists()


def test_file_changed_during_the_operation_is_not_overwritten(example_path):
    """Excel (or anyone ignoring the lock) saves the file while nr_xl computes."""
    from nr_xl.core import schema
    from nr_xl.core import layout

    before = example_path.read_bytes()
    with exclusive(example_path) as guard:
        with zipfile.ZipFile(example_path, "a") as zf:  # another program adds a part
            zf.writestr("docProps/custom_other.xml", "<x/>")
        changed = example_path.read_bytes()
        with pytest.raises(WorkbookChanged) as err:
            write_owned_sheets(example_path, {schema.FINDINGS.sheet: layout.findings_sheet(None)}, guard=guard)
    assert "modifié pendant l'opération" in err.value.message and "relancez" in err.value.message.lower()
    assert example_path.read_bytes() == changed != before


def test_file_changed_between_verification_and_replacement_is_not_overwritten(example_path, monkeypatch):
    from nr_xl.core import schema
    from nr_xl.core import layout

    from test_writer import interrupt_at

    def excel_saves() -> None:
        with zipfile.ZipFile(example_path, "a") as zf:
            zf.writestr("docProps/custom_other.xml", "<x/>")

    interrupt_at(monkeypatch, "backed_up", excel_saves)
    with pytest.raises(WorkbookWriteError) as err:
        write_owned_sheets(example_path, {schema.FINDINGS.sheet: layout.findings_sheet(None)})
    assert "modifié pendant l'opération" in err.value.message
    with zipfile.ZipFile(example_path) as zf:
        assert "docProps/custom_other.xml" in zf.namelist()
    assert not list(example_path.parent.glob(".*.tmp"))
