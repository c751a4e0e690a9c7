"""Every command, not only check, ends in a French message on the corpus of bad inputs,
and the console never decides whether a write happened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "data"))

from corpus import CASES, absurd_parameters, huge_numbers, implausible_plan, journal_with_errors  # noqa: E402

from test_cli import nr_xl  # noqa: E402

ABSURD = [huge_numbers, absurd_parameters, implausible_plan, journal_with_errors]


@pytest.mark.slow
@pytest.mark.parametrize("build", ABSURD, ids=[b.__name__ for b in ABSURD])
def test_every_command_reports_absurd_values_instead_of_crashing(build, example_master, tmp_path):
    path = build(example_master, tmp_path)
    for args in (["check", path], ["minutes", path, "-o", tmp_path / "cr.docx"],
                 ["kickoff", path, "-o", tmp_path / "an.docx"], ["snapshot", path], ["log", path],
                 ["validate", path], ["check", path, "--write"]):
        run = nr_xl(*map(str, args))
        output = run.stdout + run.stderr
        assert run.returncode in (0, 1), (args[0], output[-800:])
        assert "Erreur inattendue" not in output and "Traceback" not in output, (args[0], output[-800:])


def test_the_corpus_grew_with_the_absurd_cases():
    names = {c.build for c in CASES}
    assert set(ABSURD) <= names


def windows_console(*args: str) -> subprocess.CompletedProcess[str]:
    """nr-xl as a French Windows console runs it with « > rapport.txt »: code page 1252, a file."""
    return subprocess.run([sys.executable, "-m", "nr_xl", *args], capture_output=True, encoding="cp1252",
                          env={**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"})


@pytest.mark.slow
def test_a_windows_console_with_output_redirected_shows_what_it_can(example_path):
    run = windows_console("check", str(example_path))
    assert run.returncode == 1, run.stderr
    assert "Erreur" not in run.stderr
    assert "Bloquant" in run.stdout and "?" in run.stdout  # « ● » and « → » replaced, the rest kept


@pytest.mark.slow
def test_log_under_a_windows_console_writes_and_says_so(example_path):
    from nr_xl import api
    from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
    from nr_xl.workbook.edit import apply_edits

    api.snapshot(example_path)
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[1][1])
    run = windows_console("log", str(example_path), "--reason", "Renfort de la DSI")
    assert run.returncode == 0, run.stderr
    assert "ajoutée(s)" in run.stdout and api.adjustments(example_path)


def test_an_error_after_the_write_never_claims_the_workbook_is_untouched(example_path, monkeypatch):
    from nr_xl import api
    from nr_xl.cli import commands as cli
    from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
    from nr_xl.workbook.edit import apply_edits

    api.snapshot(example_path)
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[1][1])
    real_echo = cli.click.echo

    def failing_echo(message=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        if message and "ajoutée(s)" in str(message):
            raise OSError("la console a disparu")
        return real_echo(message, *args, **kwargs)

    monkeypatch.setattr(cli.click, "echo", failing_echo)
    result = CliRunner().invoke(cli.main, ["log", str(example_path)])
    assert result.exit_code == 70  # an error nr_xl did not foresee (a console cannot vanish like this)
    assert "a pourtant bien eu lieu" in result.output and "n'a pas été modifié" not in result.output
    assert len(api.adjustments(example_path)) >= 1


@pytest.mark.slow
def test_findings_do_not_depend_on_the_hash_seed(example_path):
    """Two runs, two string-hash seeds: the same report, byte for byte (sets never decide an order)."""
    outputs = set()
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-m", "nr_xl", "check", str(example_path), "--format", "json"],
                             capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert run.returncode == 1, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1
