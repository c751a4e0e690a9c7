"""The findings written and the digest that guards the write are of the same bytes.

Excel or a synchronisation client may save the workbook twice during a ``check --write``
(A, then B, then A again). The guard's digest, taken when the lock is held, then matches
the file at the moment of writing; if the findings had been computed from a second read
of the file (B), B's « Contrôles » would be written onto A. Every command that reads under
the lock parses the bytes the lock saw, so what it writes always describes the file it
replaces: the backup (the bytes replaced) gives back exactly the findings written.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest

from nr_xl import api
from nr_xl.core.errors import WorkbookBusy
from nr_xl.workbook.edit import CellEdit, apply_edits

# A second version of the example: the DSI's capacity cut to one day a year, so its checks
# differ from the example's (overloads everywhere).
LESS_STAFF = [CellEdit("Capacités", {"Service": "DSI", "Année": 2027}, "Jours-homme disponibles", 1)]


def keys(report) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return [(f.code, f.key) for f in report.findings]


@pytest.fixture
def two_versions(example_path: Path, tmp_path: Path) -> tuple[bytes, bytes]:
    other = tmp_path / "autre.xlsm"
    shutil.copy2(example_path, other)
    apply_edits(other, LESS_STAFF)
    a, b = example_path.read_bytes(), other.read_bytes()
    assert keys(api.check(example_path)) != keys(api.check(other))
    return a, b


def saved_twice_while_read(monkeypatch, path: Path, a: bytes, b: bytes) -> None:  # type: ignore[no-untyped-def]
    """B is saved just before the sheets are read, A again just after: exactly where a second
    read of the file would see the other version."""
    from nr_xl.sources import calamine_source

    real_read = calamine_source.read

    def read(*args, **kwargs):  # type: ignore[no-untyped-def]
        path.write_bytes(b)
        try:
            return real_read(*args, **kwargs)
        finally:
            path.write_bytes(a)

    monkeypatch.setattr(calamine_source, "read", read)


def test_a_file_saved_twice_during_check_write_gets_its_own_findings(example_path, two_versions, monkeypatch):
    a, b = two_versions
    saved_twice_while_read(monkeypatch, example_path, a, b)
    report, backup = api.check_and_write(example_path)
    monkeypatch.undo()
    assert backup.read_bytes() == a
    assert keys(report) == keys(api.check(backup))  # the findings of A, written onto A


def test_log_under_the_same_saves_journals_the_bytes_it_replaces(example_path, tmp_path, monkeypatch):
    from nr_xl.jobs.journal import read

    api.snapshot(example_path)
    other = tmp_path / "autre.xlsm"
    shutil.copy2(example_path, other)
    apply_edits(other, LESS_STAFF)  # B: a change since the reference
    saved_twice_while_read(monkeypatch, example_path, example_path.read_bytes(), other.read_bytes())
    rows = api.log(example_path)
    monkeypatch.undo()
    assert rows == []  # A has no change since its reference: B's DSI capacity is not journalled onto A
    assert read(example_path).journal == []


def _save_in_turn(path: str, versions: tuple[bytes, bytes], stop) -> None:  # type: ignore[no-untyped-def]
    """What a synchronisation client does: whole files renamed into place, A and B in turn."""
    k = 0
    while not stop.is_set():
        tmp = f"{path}.sync{k % 2}"
        with open(tmp, "wb") as fh:
            fh.write(versions[k % 2])
        os.replace(tmp, path)
        k += 1
        time.sleep(0.005)


@pytest.mark.slow
def test_check_write_against_a_process_that_keeps_saving(example_path, two_versions):
    """A real process saves A and B in turn while check --write runs again and again: each
    write that goes through describes exactly the bytes it replaced (the backup)."""
    ctx = multiprocessing.get_context("spawn")
    stop = ctx.Event()
    saver = ctx.Process(target=_save_in_turn, args=(str(example_path), two_versions, stop))
    saver.start()
    written = 0
    try:
        # Each try goes through only if the file holds again the bytes it read (A after B after A):
        # on a loaded machine many tries in a row can miss, so try until five went through.
        for _ in range(150):
            if written == 5:
                break
            try:
                report, backup = api.check_and_write(example_path)
            except WorkbookBusy:  # the file changed between the read and the write: nothing written
                continue
            written += 1
            assert backup.read_bytes() in two_versions
            assert keys(report) == keys(api.check(backup))
    finally:
        stop.set()
        saver.join(timeout=30)
    assert written > 0
