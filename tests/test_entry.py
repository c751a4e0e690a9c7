"""The nr-xl entry point ends its process without Python's teardown: the exit code,
the whole output, the exit handlers and the other threads are as a normal exit has them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from nr_xl import __version__, api


def python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    # Buffered output, as a user's console or pipe has it (some shells set PYTHONUNBUFFERED).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=env)


def test_a_report_of_megabytes_reaches_the_pipe_whole(tmp_path):
    from nr_xl.example.scale import scaled_example

    workbook = tmp_path / "x20.xlsm"
    api.build_template(workbook, scaled_example(20, True))
    run = subprocess.run([sys.executable, "-m", "nr_xl", "check", str(workbook), "--format", "json"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr  # blocking findings
    report = json.loads(run.stdout)
    assert len(run.stdout) > 100_000
    assert report["findings"] == [f.to_dict() for f in api.check(workbook).findings]


def test_exit_codes_are_the_commands(tmp_path):
    for args, code in ((["--version"], 0), (["check"], 2), (["check", str(tmp_path / "absent.xlsm")], 3)):
        run = subprocess.run([sys.executable, "-m", "nr_xl", *args], capture_output=True, text=True, timeout=120)
        assert run.returncode == code, (args, run.stderr)


def test_exit_handlers_and_other_threads_finish_first(tmp_path):
    marker = tmp_path / "fil.txt"
    code = (
        "import atexit, sys, threading, time\n"
        "from pathlib import Path\n"
        "atexit.register(lambda: print('avant', flush=True))  # registered before the command\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        f"    Path({str(marker)!r}).write_text('écrit')\n"
        "threading.Thread(target=late).start()\n"
        "from nr_xl import entry\n"
        "sys.argv = ['nr-xl', '--version']\n"
        "atexit.register(lambda: print('pendant', flush=True))\n"
        "entry.main()\n"
    )
    run = python(code)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [f"nr-xl, version {__version__}", "pendant", "avant"]
    assert marker.read_text() == "écrit"


def test_an_exit_with_a_message_is_as_sys_exit_has_it():
    code = "from nr_xl import entry\nentry.end_now('arrêt demandé')\n"
    run = python(code)
    assert run.returncode == 1 and run.stderr.strip() == "arrêt demandé"
    assert python("from nr_xl import entry\nentry.end_now(None)\n").returncode == 0
    assert python("from nr_xl import entry\nentry.end_now(4)\n").returncode == 4
    # What is still in Python's buffers (print, not click.echo, which flushes) goes out too.
    buffered = python("import sys\nfrom nr_xl import entry\nfor _ in range(1001):\n    sys.stdout.write('x' * 100)\n"
                      "entry.end_now(0)\n")
    assert len(buffered.stdout) == 100_100


def test_a_command_ending_without_reading_leaves_nothing_to_parse(tmp_path):
    """A usage error after the early read started: its thread stops after the sheet in
    hand instead of keeping the process for the whole workbook."""
    path = str(tmp_path / "classeur.xlsm")
    code = (
        "import atexit, os\n"
        "from nr_xl import early_read, entry\n"
        f"early = early_read.EarlyRead({path!r})\n"
        f"early_read._pending[os.path.realpath({path!r})] = early\n"
        "atexit.register(lambda: print('à analyser :', 'tout' if early._wanted is None else sorted(early._wanted)))\n"
        "entry.end_now(2)\n"
    )
    run = python(code)
    assert run.returncode == 2 and run.stdout.strip() == "à analyser : []", run.stdout + run.stderr


def test_the_console_script_goes_through_the_entry():
    import tomllib

    from conftest import ROOT

    scripts = tomllib.loads(Path(ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["nr-xl"] == "nr_xl.entry:main"
    assert (ROOT / "nr_xl" / "__main__.py").read_text(encoding="utf-8").startswith("from nr_xl.entry import main")
