"""Whole-workbook jobs: run with Python's cycle collector paused, and leave
nothing of the workbook behind in module caches when they end.

A check builds hundreds of thousands of short-lived objects (cells, rows,
findings) and no reference cycles worth collecting: every generation-2 pass
the collector makes meanwhile walks all of them again, about an eighth of a
région-sized check. Reference counting still frees everything as usual; the
collector is switched back on (if it was on) when the job ends, so a
long-lived process hosting the library keeps its own setting.

Some steps remember their last result for the next step of the same job
(the capacity spread, the reference read back): they register a release
here, run when the outermost job ends, so that a process kept alive (Excel's
Python, Pyodide in xlwings Lite) does not hold the last workbook's data.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_RELEASES: list[Callable[[], None]] = []
# The collector is process-wide: the outermost job (on any thread) pauses it and
# the last one to end puts it back as it found it, then runs the releases.
_lock = threading.Lock()
_depth = 0
_collector_was_on = False


def on_release(release: Callable[[], None]) -> Callable[[], None]:
    """Register ``release``, run by ``release_all``."""
    _RELEASES.append(release)
    return release


def release_all() -> None:
    """Drop what the steps of a job remembered (also called by a job between two
    phases, once the first one's data is no longer needed)."""
    for release in _RELEASES:
        release()


def batch_job(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        _enter()
        try:
            return func(*args, **kwargs)
        finally:
            if _leave():
                release_all()
    return wrapper


def _enter() -> None:
    global _depth, _collector_was_on
    with _lock:
        if _depth == 0:
            _collector_was_on = gc.isenabled()
            gc.disable()
        _depth += 1


def _leave() -> bool:
    """Whether the job ending was the last one running (the collector is then back on,
    if it was, before anything else can fail)."""
    global _depth
    with _lock:
        _depth -= 1
        if _depth:
            return False
        if _collector_was_on:
            gc.enable()
        return True
