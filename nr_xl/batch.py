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
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_RELEASES: list[Callable[[], None]] = []
_depth = 0


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
        global _depth
        was_enabled = gc.isenabled()
        gc.disable()
        _depth += 1
        try:
            return func(*args, **kwargs)
        finally:
            _depth -= 1
            if _depth == 0:
                release_all()
            if was_enabled:
                gc.enable()
    return wrapper
