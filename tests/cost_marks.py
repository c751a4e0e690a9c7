"""Tests by cost: a test that starts a process (LibreOffice, Node, a build, nr-xl itself)
or a thread is marked « slow », so that ``python -m pytest -m "not slow"`` is the quick
run. The mark is not left to memory: a test that starts one unmarked fails, saying what
it started. Its hooks are imported by conftest.py."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest

_running: list[pytest.Item] = []
_PROCESS_EVENTS = {"subprocess.Popen", "os.system", "os.posix_spawn", "os.exec", "os.spawn", "os.fork"}
_STARTED = pytest.StashKey[list[str]]()


def _record(what: str) -> None:
    if _running:
        _running[-1].stash.setdefault(_STARTED, []).append(what)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event in _PROCESS_EVENTS:
        _record(f"un processus ({event})")


sys.addaudithook(_audit)
_thread_start = threading.Thread.start


def _start_recorded(self: threading.Thread) -> None:
    _record(f"un fil d'exécution ({type(self).__name__})")
    _thread_start(self)


threading.Thread.start = _start_recorded  # type: ignore[method-assign]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    _running.append(item)
    try:
        yield
    finally:
        _running.remove(item)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    started = item.stash.get(_STARTED, [])
    if call.when == "teardown" and started and not item.get_closest_marker("slow") and report.passed:
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} démarre {started[0]} sans la marque « slow » "
                           "(@pytest.mark.slow) : le lancement rapide (-m \"not slow\") l'exécuterait.")


# --- One run, the quick tests first: each part has its own summary line -----------------

class _Phase:
    def __init__(self, name: str) -> None:
        self.name, self.counts, self.start, self.end = name, {"passed": 0, "failed": 0, "skipped": 0}, 0.0, 0.0

    def line(self) -> str:
        counts = ", ".join(f"{n} {word}" for word, n in (("réussis", self.counts["passed"]),
                                                          ("en échec", self.counts["failed"]),
                                                          ("ignorés", self.counts["skipped"])) if n)
        return f"{self.name} : {counts or 'aucun'} en {self.end - self.start:.0f} s"


_phases = {False: _Phase("Tests rapides"), True: _Phase("Tests lents (processus, LibreOffice, Node, fils)")}
_slow_ids: set[str] = set()
_config: list[pytest.Config] = []


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("slow") is not None)  # stable: the quick ones first
    _slow_ids.update(item.nodeid for item in items if item.get_closest_marker("slow"))
    _config[:] = [config]


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    """The quick part's line as soon as it is over: a CI log shows it before the slow part runs."""
    quick, slow = _phases[False], _phases[True]
    if nodeid in _slow_ids and quick.start and not slow.start and _config:
        reporter = _config[0].pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("")
            reporter.write_line(quick.line())


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    import time

    phase = _phases[report.nodeid in _slow_ids]
    now = time.monotonic()
    phase.start = phase.start or now
    phase.end = now
    if report.when == "call" or (report.when != "call" and report.outcome != "passed"):
        phase.counts["failed" if report.outcome == "failed" else report.outcome] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for phase in _phases.values():
        if phase.start:
            terminalreporter.write_line(phase.line())
