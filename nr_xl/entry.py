"""The ``nr-xl`` command and ``python -m nr_xl``.

The workbook a command names starts being parsed (``nr_xl.early_read``) before
the command line interface and the rest of nr_xl are imported: the two overlap.

Once the command has ended, the process ends without taking its objects apart
one by one: on a région's roadmap Python's own teardown frees millions of them
(about 0.08 s), for a process about to vanish. Everything the command wrote is
closed by then (each write goes to a temporary file, closed, then renamed); the
other threads are joined, the exit handlers run and the output flushed first,
as the interpreter would.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading


def main() -> None:
    from nr_xl.early_read import start_for

    start_for(sys.argv[1:])
    from nr_xl.cli import main as command_line

    try:
        command_line()
    except SystemExit as done:  # how click always ends, with the command's exit code
        end_now(done.code)
        raise


def end_now(code: object) -> None:
    """End the process with ``code`` as ``sys.exit(code)`` would, without the teardown."""
    from nr_xl import early_read

    early_read.abandon()  # a command that ended without reading: no parse to wait for
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what the interpreter does with sys.exit("message")
        code = 1
    # The interpreter's own order: the other threads (and what they registered to be told
    # of the end, as a thread pool does), then the exit handlers, then the output.
    shutdown = getattr(threading, "_shutdown", None)
    if shutdown is not None:
        shutdown()
    else:  # pragma: no cover - every CPython this runs on has it
        for thread in threading.enumerate():
            if thread is not threading.current_thread() and not thread.daemon:
                thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):  # closed, a broken pipe, no console
            pass
    os._exit(code or 0)
