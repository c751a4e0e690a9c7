"""The quick run is quick because no test that starts a process or a thread escapes the
« slow » mark (cost_marks.py): an unmarked one fails, a marked one passes."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

INNER = '''
import subprocess, sys, threading
import pytest

def test_starts_a_process_unmarked():
    subprocess.run([sys.executable, "-c", "pass"], check=True)

def test_starts_a_thread_unmarked():
    t = threading.Thread(target=lambda: None); t.start(); t.join()

@pytest.mark.slow
def test_starts_a_process_marked():
    subprocess.run([sys.executable, "-c", "pass"], check=True)

def test_starts_nothing():
    assert sum(range(3)) == 3
'''


@pytest.mark.slow
def test_an_unmarked_test_that_starts_a_process_or_a_thread_fails(pytester):
    pytester.makeconftest("from cost_marks import pytest_runtest_makereport, pytest_runtest_protocol\n")
    pytester.makeini("[pytest]\nmarkers =\n    slow: starts a process or a thread\n")
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, errors=2)
    result.stdout.fnmatch_lines(["*test_starts_a_process_unmarked démarre un processus*",
                                 "*test_starts_a_thread_unmarked démarre un fil d'exécution*"])
