"""The ``nr-xl`` command and ``python -m nr_xl``.

The workbook a command names starts being parsed (``nr_xl.sources.early``) before
the command line interface and the rest of nr_xl are imported: the two overlap.
"""

from __future__ import annotations

import sys


def main() -> None:
    from nr_xl.early_read import start_for

    start_for(sys.argv[1:])
    from nr_xl.cli import main as command_line

    command_line()
