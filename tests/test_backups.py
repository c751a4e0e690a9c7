"""Backups that keep a way back: the copy of an intact journal outlives any number of writes
after an accidental edit, the rotation deletes nothing it did not write, and a backup is
as readable as the workbook it copies. Real workbooks, real writes, files as a user leaves them."""

from __future__ import annotations

import json
import os
import stat

import pytest
from click.testing import CliRunner

from nr_xl import api
from nr_xl.cli.commands import main
from nr_xl.core import schema
from nr_xl.jobs.journal import read
from nr_xl.workbook.backup import KEEP, backups_of, last_intact, manifest_path

from test_journal_workbook import edit_with_openpyxl


def tampered(path) -> bool:  # type: ignore[no-untyped-def]
    return any(f.code == "journal.tampered" for f in api.check(path).findings)


@pytest.fixture
def logged(example_path):  # type: ignore[no-untyped-def]
    """The example presented, one adjustment journalled, then checked: every state so far intact."""
    api.snapshot(example_path)
    edit_with_openpyxl(example_path, "Budget", "C18", 100000)
    assert len(api.log(example_path, reason="ajustement")) == 1
    api.check_and_write(example_path)
    return example_path


def test_after_an_accidental_journal_edit_the_intact_backup_outlives_every_write(logged):
    edit_with_openpyxl(logged, schema.JOURNAL.sheet, "J2", "motif réécrit à la main")
    assert tampered(logged)
    for _ in range(KEEP):
        api.check_and_write(logged)
    backups = backups_of(logged)
    restore = last_intact(logged)
    assert restore is not None and restore in backups and not tampered(restore)
    assert [r.reason for r in read(restore).journal] == ["ajustement"]  # the row as it was journalled
    damaged = [b for b in backups if b != restore]
    assert len(damaged) == KEEP and all(tampered(b) and ".journal-modifie.bak" in b.name for b in damaged)


def test_check_and_log_name_the_backup_to_restore(logged):
    edit_with_openpyxl(logged, schema.JOURNAL.sheet, "J2", "motif réécrit à la main")
    api.check_and_write(logged)
    restore = last_intact(logged)
    assert restore is not None
    result = CliRunner().invoke(main, ["check", str(logged)])
    assert result.exit_code == 1 and f"« {restore.name} »" in result.output
    result = CliRunner().invoke(main, ["log", str(logged)])
    assert result.exit_code == 1 and f"« {restore.name} »" in result.output


def test_a_users_file_named_like_a_backup_is_never_deleted(example_path):
    own = example_path.with_name(f"{example_path.name}.2020-01-01_00-00-00.bak")
    own.write_bytes(b"ma copie d'avant la reunion")
    api.check_and_write(example_path)
    replaced = backups_of(example_path)[0]
    replaced.write_bytes(b"ma version, rangee sous le nom d'une sauvegarde")  # the user's now
    for _ in range(KEEP + 2):
        api.check_and_write(example_path)
    assert own.read_bytes() == b"ma copie d'avant la reunion"
    assert replaced.read_bytes() == b"ma version, rangee sous le nom d'une sauvegarde"
    assert len(backups_of(example_path)) == KEEP and own not in backups_of(example_path)


def test_a_manifest_that_names_another_file_is_not_obeyed(example_path):
    precious = example_path.with_name("budget_2027.xlsx")
    precious.write_bytes(b"un autre classeur")
    for _ in range(KEEP):
        api.check_and_write(example_path)
    manifest = manifest_path(example_path)
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    recorded["backups"][0]["name"] = precious.name  # a manifest edited by hand, or by another program
    manifest.write_text(json.dumps(recorded), encoding="utf-8")
    api.check_and_write(example_path)
    api.check_and_write(example_path)
    assert precious.read_bytes() == b"un autre classeur"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_backups_keep_the_workbook_permissions(example_path, mode):
    os.chmod(example_path, mode)
    _, backup = api.check_and_write(example_path)
    assert stat.S_IMODE(backup.stat().st_mode) == mode
    assert stat.S_IMODE(manifest_path(example_path).stat().st_mode) == mode
    assert stat.S_IMODE(example_path.stat().st_mode) == mode


def test_a_folder_where_the_manifest_goes_stops_no_write_and_loses_nothing(example_path):
    manifest_path(example_path).mkdir()
    for _ in range(KEEP + 2):
        api.check_and_write(example_path)
    kept = [p for p in example_path.parent.iterdir() if p.name.endswith(".bak")]
    assert len(kept) == KEEP + 2 and manifest_path(example_path).is_dir()  # unrecorded: never deleted
