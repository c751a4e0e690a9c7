"""Whole-workbook jobs pause the cycle collector and always give it back."""

from __future__ import annotations

import gc

import pytest

from nr_xl import api
from nr_xl.batch import batch_job


@batch_job
def _job(fail: bool = False) -> bool:
    if fail:
        raise ValueError("boom")
    return gc.isenabled()


@pytest.fixture
def collector():
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


def test_paused_during_the_job_and_restored_after_even_on_error(collector):
    gc.enable()
    assert _job() is False and gc.isenabled()
    with pytest.raises(ValueError):
        _job(fail=True)
    assert gc.isenabled()


def test_a_host_that_disabled_the_collector_keeps_it_disabled(collector):
    gc.disable()
    assert _job() is False and not gc.isenabled()


def test_the_public_jobs_run_paused_and_nested_jobs_do_not_turn_it_back_on(example_master, collector):
    gc.enable()
    seen = []
    original = api.check_sheets.__wrapped__  # type: ignore[attr-defined]

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    api_check_sheets = api.check_sheets
    try:
        api.check_sheets = batch_job(spy)  # nested inside api.check's own pause
        report = api.check(example_master)
    finally:
        api.check_sheets = api_check_sheets
    assert seen == [False] and report.findings and gc.isenabled()


def test_a_job_leaves_no_workbook_data_in_module_caches(example_master, collector):
    """Excel's Python and Pyodide keep the process: the last roadmap (and its
    spread) and the reference versions read back must not stay alive after the job."""
    import weakref

    from nr_xl.core.build import build_roadmap
    from nr_xl.core.checks import capacity
    from nr_xl.core.journal import store
    from nr_xl.sources import read_rows

    sheets = read_rows(example_master).sheets
    seen = {}

    @batch_job
    def job():
        roadmap, _ = build_roadmap(sheets)
        first = capacity.spread(roadmap)
        seen["same"] = capacity.spread(roadmap) is first  # remembered for the next step
        store._READ_BACK.append(({}, "texte"))
        return weakref.ref(roadmap)

    roadmap_ref = job()
    assert seen["same"] and store._READ_BACK == []
    assert roadmap_ref() is None  # nothing holds the roadmap once the job is over
    api.check(example_master)
    assert store._READ_BACK == []


def test_the_collector_is_back_on_before_a_release_can_fail(collector, monkeypatch):
    from nr_xl import batch

    def failing_release():
        raise RuntimeError("release")

    monkeypatch.setattr(batch, "_RELEASES", [*batch._RELEASES, failing_release])
    gc.enable()
    with pytest.raises(RuntimeError):
        _job()
    assert gc.isenabled() and batch._depth == 0


def test_jobs_on_two_threads_give_the_collector_back_once_both_end(collector):
    import threading

    gc.enable()
    inside, release = threading.Event(), threading.Event()
    seen = []

    @batch_job
    def long_job():
        inside.set()
        release.wait(10)
        seen.append(gc.isenabled())

    worker = threading.Thread(target=long_job)
    worker.start()
    inside.wait(10)
    assert _job() is False  # a second job meanwhile, on this thread
    assert not gc.isenabled()  # the first one still runs: still paused
    release.set()
    worker.join(10)
    assert seen == [False] and gc.isenabled()


def test_a_ribbon_button_leaves_nothing_of_the_workbook_behind(example_path, collector):
    """The ribbon's Python (and Pyodide in xlwings Lite) keeps its process between
    clicks: after « Journaliser » (which reads the reference versions back) and
    « Vérifier » (which memoises the spread), nothing of the workbook stays in
    module caches, and the collector is as it was."""
    from nr_xl.core.checks import capacity, figures
    from nr_xl.core.journal import store

    from remote_book import ExcelLikeBook
    from test_macros import COMMANDS

    gc.enable()
    book = ExcelLikeBook.from_file(example_path)
    book.click(COMMANDS["NR_FigerReference"])
    book.type("Budget", "D2", "99999")
    book.click(COMMANDS["NR_Journaliser"])
    assert store._READ_BACK == [] and gc.isenabled()
    book.click(COMMANDS["NR_Verifier"])
    for memoised in (capacity.spread, figures.capacity_figures, figures.budget_figures):
        remembered = [c.cell_contents for c in memoised.__closure__ or ()
                      if isinstance(c.cell_contents, dict)]  # memo_last's « last » entry
        assert remembered == [{}], memoised.__name__
    assert gc.isenabled()
