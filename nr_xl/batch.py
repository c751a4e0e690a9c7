"""Whole-workbook jobs run with Python's cycle collector paused.

A check builds hundreds of thousands of short-lived objects (cells, rows,
findings) and no reference cycles worth collecting: every generation-2 pass
the collector makes meanwhile walks all of them again, about an eighth of a
région-sized check. Reference counting still frees everything as usual; the
collector is switched back on (if it was on) when the job ends, so a
long-lived process hosting the library keeps its own setting.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def batch_job(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return wrapper
