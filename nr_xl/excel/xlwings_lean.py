"""xlwings without the optional libraries it would load at import time.

xlwings imports pandas, numpy, matplotlib (with pyplot) and Pillow when they are
installed, to convert DataFrames and insert pictures; the ribbon uses none of
that (it sends plain 2-D lists and writes Word documents itself), yet these
imports were most of the time a click spent before the first Excel call. Each
click starts a new interpreter, so they are hidden from xlwings' own import, and
only from it: once xlwings is loaded, any later ``import matplotlib`` (documents)
works as usual.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

# Optional for xlwings (each in a try/except ImportError there), unused by nr_xl.macros.
OPTIONAL = ("pandas", "numpy", "matplotlib", "PIL", "plotly")


def _import_xlwings():
    hidden = [name for name in OPTIONAL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes "import name" fail at once
    try:
        import xlwings
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return xlwings


if TYPE_CHECKING:
    import xlwings as xw
else:
    xw = _import_xlwings()
