"""The workbook's lock as users meet it: a marker that says too little to be judged, a waiting
time typed by hand, a folder where the marker goes. Each ends in a French message, an exit
code of the table, and a way out that needs no hidden file deleted by hand."""

from __future__ import annotations

import os
import socket

import pytest
from click.testing import CliRunner

from nr_xl.cli.commands import main
from nr_xl.core.errors import ExitCode, UsageError, WorkbookWriteError
from nr_xl.workbook.lock import WAIT_ENV, WorkbookLocked, exclusive, lock_path, wait_seconds


def test_a_marker_without_start_token_held_by_pid_1_is_cleared_by_break_lock(example_path):
    """pid 1 always runs, so « is it alive? » always says yes: without the start time the marker
    cannot tell that process from the one that wrote it. Only a hidden file deleted by hand
    cleared it."""
    marker = lock_path(example_path)
    marker.write_text(f"1\n{socket.gethostname()}\n")
    with pytest.raises(WorkbookLocked) as err:
        with exclusive(example_path, wait=0):
            pass
    assert "--break-lock" in err.value.message and "ne dit pas quand" in err.value.message
    with exclusive(example_path, break_lock=True, wait=0):
        pass
    assert not marker.exists()


def test_break_lock_from_the_command_line_clears_it_and_writes(example_path):
    marker = lock_path(example_path)
    marker.write_text(f"1\n{socket.gethostname()}\n")
    result = CliRunner().invoke(main, ["check", str(example_path), "--write"], env={WAIT_ENV: "0"})
    assert result.exit_code == ExitCode.BUSY and "--break-lock" in result.output
    result = CliRunner().invoke(main, ["check", str(example_path), "--write", "--break-lock"], env={WAIT_ENV: "0"})
    assert result.exit_code == ExitCode.BLOCKING, result.output  # written: the example is « bloquant »
    assert not marker.exists()


def test_a_live_holder_with_its_start_token_is_never_broken(example_path):
    with exclusive(example_path):
        with pytest.raises(WorkbookLocked) as err:
            with exclusive(example_path, break_lock=True, wait=0):
                pass
    assert "toujours actif" in err.value.message and f"processus {os.getpid()}" in err.value.message


@pytest.mark.parametrize("typed", ["inf", "-1", "nan", "1e9", "dix", "-inf"])
def test_a_waiting_time_that_is_not_a_bounded_number_is_refused(typed, monkeypatch):
    monkeypatch.setenv(WAIT_ENV, typed)
    with pytest.raises(UsageError) as err:
        wait_seconds()
    assert f"« {typed} »" in err.value.message and "entre 0 et 3600" in err.value.message


@pytest.mark.parametrize("typed, seconds", [("0", 0.0), ("2.5", 2.5), ("2,5", 2.5), (" 30 ", 30.0), ("", 10.0)])
def test_a_waiting_time_in_seconds_is_taken(typed, seconds, monkeypatch):
    monkeypatch.setenv(WAIT_ENV, typed)
    assert wait_seconds() == seconds


def test_an_infinite_wait_is_a_usage_error_before_anything_waits(example_path):
    with exclusive(example_path):
        result = CliRunner().invoke(main, ["snapshot", str(example_path)], env={WAIT_ENV: "inf"})
    assert result.exit_code == ExitCode.USAGE and "NR_XL_LOCK_WAIT" in result.output


def test_a_folder_where_the_marker_goes_is_a_french_message(example_path):
    marker = lock_path(example_path)
    marker.mkdir()
    before = example_path.read_bytes()
    for break_lock in (False, True):
        with pytest.raises(WorkbookWriteError) as err:
            with exclusive(example_path, break_lock=break_lock, wait=0):
                pass
        assert err.value.exit_code == ExitCode.FILE
        assert "dossier" in err.value.message and marker.name in err.value.message
        assert "Is a directory" not in err.value.message and "droits" not in err.value.message
    result = CliRunner().invoke(main, ["log", str(example_path)])
    assert result.exit_code == ExitCode.FILE and "Erreur inattendue" not in result.output
    assert marker.is_dir() and example_path.read_bytes() == before  # nr_xl deletes no folder of the user's
