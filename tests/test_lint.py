"""ruff and mypy on the code base, with the settings of pyproject.toml: CI runs them by running the tests.

Both are in the ``test`` extra; a missing one fails here rather than being skipped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.slow
def test_ruff_finds_nothing_in_the_package_and_the_tests():
    result = run("ruff", "check", "--no-cache", "--output-format", "concise", "nr_xl", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_finds_nothing_in_the_package():
    # No cache: one left by another checkout or another mypy cannot hide an error.
    result = run("mypy", "--cache-dir", "/dev/null" if sys.platform != "win32" else "nul", "nr_xl")
    assert result.returncode == 0, result.stdout + result.stderr
