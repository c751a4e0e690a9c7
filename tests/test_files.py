"""Files as the operating system has them: links, backups, full disks, existing documents."""

from __future__ import annotations

import pytest

import os
import subprocess
import sys
import zipfile


from nr_xl import api
from nr_xl.workbook.backup import KEEP, backups_of


def test_a_symbolic_link_is_written_through_to_its_target(example_path, tmp_path):
    link = tmp_path / "raccourci.xlsm"
    link.symlink_to(example_path)
    before = example_path.read_bytes()
    api.check_and_write(link)
    assert link.is_symlink() and os.readlink(link) == str(example_path)
    assert example_path.read_bytes() != before
    (backup,) = backups_of(example_path)
    assert backup.read_bytes() == before


def test_a_bak_link_or_folder_is_never_followed_nor_written_into(example_path, tmp_path):
    precious = tmp_path / "notes.txt"
    precious.write_text("mes notes")
    (example_path.parent / (example_path.name + ".bak")).symlink_to(precious)
    folder = example_path.parent / "dossier.bak"
    folder.mkdir()
    api.check_and_write(example_path)
    api.check_and_write(example_path)
    assert precious.read_text() == "mes notes"
    assert list(folder.iterdir()) == []
    assert len(backups_of(example_path)) == 2


def test_a_backup_per_write_the_last_five_kept(example_path):
    states = []
    for _ in range(KEEP + 2):
        states.append(example_path.read_bytes())
        api.check_and_write(example_path)
    backups = backups_of(example_path)
    assert len(backups) == KEEP
    assert [b.read_bytes() for b in backups] == states[-KEEP:]


@pytest.mark.slow
def test_full_disk_leaves_no_truncated_backup(example_path):
    """A real write failure (the file size limit of the process), not a simulated one: the
    workbook stored uncompressed is larger than its rewritten copy, so the backup fails first."""
    stored = example_path.with_name("stocke.xlsm")
    with zipfile.ZipFile(example_path) as src, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info.filename), zipfile.ZIP_STORED)
    original = stored.read_bytes()
    limit = len(original) - 4096
    code = (
        "import resource, signal, sys\n"
        "from nr_xl import api\n"
        "from nr_xl.core.errors import NrXlError\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "try:\n"
        f"    api.check_and_write({str(stored)!r})\n"
        "except NrXlError as exc:\n"
        "    print(exc.message); sys.exit(3)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 3, run.stderr
    assert "disque est plein" in run.stdout and "intact" in run.stdout
    assert stored.read_bytes() == original
    leftovers = [p.name for p in stored.parent.iterdir() if "stocke" in p.name and p != stored]
    assert leftovers == []


def test_minutes_never_overwrite_an_edited_document(example_path):
    from nr_xl.documents.produce import MINUTES
    from nr_xl.jobs.documents import generate

    api.snapshot(example_path)
    (first,) = generate(MINUTES, example_path)
    edited = b"le compte rendu corrige dans Word"
    first.write_bytes(edited)
    (second,) = generate(MINUTES, example_path)
    assert second != first and second.name == f"{first.stem} (2).docx"
    assert first.read_bytes() == edited
    (third,) = generate(MINUTES, example_path, force=True, out=first)
    assert third == first


def test_demo_keeps_an_edited_workbook(tmp_path, monkeypatch):
    import shutil

    from nr_xl.cli.demo import DEMO_WORKBOOK, run_demo

    monkeypatch.setattr(shutil, "which", lambda name: None)  # no PDF: faster, same files logic
    out = tmp_path / "demo"
    out.mkdir()
    edited = out / DEMO_WORKBOOK
    edited.write_bytes(b"le classeur de l'utilisateur")
    outputs = run_demo(out, echo=lambda _: None)
    assert edited.read_bytes() == b"le classeur de l'utilisateur"
    assert outputs["Classeur"].name == "feuille_de_route_orvane (2).xlsm"
    assert outputs["Support du comité"].name == "support_comite.pptx"
    assert backups_of(outputs["Classeur"]) == []


def test_a_document_never_replaces_a_file_that_came_meanwhile(tmp_path):
    """The name was free when chosen; a colleague's document took it before ours was complete."""
    from nr_xl.workbook.publish import publish

    out = tmp_path / "cr.docx"

    def save_while_another_arrives(tmp):  # type: ignore[no-untyped-def]
        out.write_bytes(b"le compte rendu d'un collegue")
        tmp.write_bytes(b"le notre")

    written = publish(out, save_while_another_arrives)
    assert written.name == "cr (2).docx" and written.read_bytes() == b"le notre"
    assert out.read_bytes() == b"le compte rendu d'un collegue"
    assert publish(out, lambda tmp: tmp.write_bytes(b"remplace"), replace=True) == out
    assert out.read_bytes() == b"remplace"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cr (2).docx", "cr.docx"]  # no temporary file left


@pytest.mark.slow
def test_three_minutes_at_once_write_three_documents(example_path):
    out = example_path.parent / "cr.docx"
    runs = [subprocess.Popen([sys.executable, "-m", "nr_xl", "minutes", str(example_path), "-o", str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    said = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
        said += [line.removeprefix("Écrit : ") for line in stdout.splitlines() if line.startswith("Écrit : ")]
    assert sorted(said) == sorted({str(out), str(out.with_name("cr (2).docx")), str(out.with_name("cr (3).docx"))})
    assert sorted(p.name for p in example_path.parent.glob("cr*.docx")) == ["cr (2).docx", "cr (3).docx", "cr.docx"]


@pytest.mark.parametrize("part", ["_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_a_part_that_no_longer_reads_back_is_a_damaged_file_for_every_command(example_path, part):
    """A copy that went wrong (one byte changed, the zip's directory intact): `check --write` and
    `doctor --reparer` ended in « Erreur inattendue (BadZipFile …) », the others in the library's
    English (« Bad CRC-32 for file … »)."""
    from click.testing import CliRunner

    from nr_xl.cli.commands import main
    from nr_xl.core.errors import ExitCode
    from test_doctor import _with_bad_crc

    damaged = _with_bad_crc(example_path, example_path.with_name("copie ratee.xlsm"), part)
    before = damaged.read_bytes()
    for args in (["check"], ["check", "--write"], ["snapshot"], ["log"], ["minutes"], ["doctor", "--reparer"]):
        result = CliRunner().invoke(main, [args[0], str(damaged), *args[1:]])
        assert result.exit_code == ExitCode.FILE, (args, result.output)
        assert f"« copie ratee.xlsm » est endommagé : la partie « {part} » ne se relit plus" in result.output
        assert "Erreur inattendue" not in result.output and "CRC" not in result.output
    assert damaged.read_bytes() == before and not backups_of(damaged)
