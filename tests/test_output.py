"""What a command prints or writes reaches its reader whole, or the command says it did not
(exit 5): a report cut short by a full disk or a reader that stopped, a document or a workbook
on a full disk, is never taken for a complete one. Real processes writing to /dev/full, to a
pipe closed early and to a small full file system, as a script would see them."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from nr_xl import api
from nr_xl.core.errors import COMMAND_EXIT_CODES, ExitCode, exit_codes_of
from nr_xl.example.scale import scaled_example
from nr_xl.workbook.backup import backups_of

from conftest import ROOT

pytestmark = pytest.mark.slow
FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="/dev/full (Linux) absent")


def command(*args: object) -> list[str]:
    return [sys.executable, "-m", "nr_xl", *map(str, args)]


@needs_dev_full
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_report_to_a_full_disk_is_an_error_not_a_cut_report(example_path, fmt):
    with FULL.open("w") as full:
        run = subprocess.run(command("check", example_path, "--format", fmt), stdout=full,
                             stderr=subprocess.PIPE, text=True)
    assert run.returncode == ExitCode.OUTPUT, run.stderr
    assert run.stderr.startswith("Erreur : ") and "disque est plein" in run.stderr and "incomplet" in run.stderr
    assert "Erreur inattendue" not in run.stderr and "Traceback" not in run.stderr


@needs_dev_full
def test_a_full_disk_after_the_write_says_the_workbook_was_written(example_path):
    before = example_path.read_bytes()
    with FULL.open("w") as full:
        run = subprocess.run(command("check", example_path, "--write"), stdout=full, stderr=subprocess.PIPE,
                             text=True)
    assert run.returncode == ExitCode.OUTPUT
    assert "a bien eu lieu" in run.stderr and "n'a pas été modifié" not in run.stderr
    assert example_path.read_bytes() != before and backups_of(example_path)


@needs_dev_full
@pytest.mark.parametrize("args", [("--help",), ("--version",), ("check", "--help")])
def test_help_and_version_to_a_full_disk_are_said_not_a_traceback(args):
    """What click prints itself went out unchecked: a Python traceback (OSError) and exit 1."""
    with FULL.open("w") as full:
        run = subprocess.run(command(*args), stdout=full, stderr=subprocess.PIPE, text=True)
    assert run.returncode == ExitCode.OUTPUT, run.stderr
    assert run.stderr.startswith("Erreur : ") and "disque est plein" in run.stderr
    assert "Traceback" not in run.stderr and "OSError" not in run.stderr


@needs_dev_full
def test_a_document_whose_line_cannot_be_printed_is_still_named(example_path):
    """The document is complete; only « Écrit : … » failed: the error said « le classeur n'a pas
    été modifié » and nothing of the document, and a script running it again made « cr (2).docx »."""
    out = example_path.parent / "cr.docx"
    with FULL.open("w") as full:
        run = subprocess.run(command("minutes", example_path, "-o", out), stdout=full, stderr=subprocess.PIPE,
                             text=True)
    assert run.returncode == ExitCode.OUTPUT, run.stderr
    assert f"Le fichier « {out} » est pourtant écrit, complet." in run.stderr and out.stat().st_size > 0


def test_a_reader_that_stops_early_is_reported(tmp_path):
    """100 kB of JSON into a pipe whose reader keeps 100 bytes: Python alone wrote 64 kB, said
    nothing and exited 0 (the report looked complete to whoever checked the exit code)."""
    path = api.build_template(tmp_path / "region.xlsm", scaled_example(5, own_services=True))
    read_end, write_end = os.pipe()
    with subprocess.Popen(command("check", path, "--format", "json"), stdout=write_end,
                          stderr=subprocess.PIPE, text=True) as run:
        os.close(write_end)
        first = os.read(read_end, 100)
        os.close(read_end)
        _, err = run.communicate(timeout=300)
    assert first.startswith(b"{")
    assert run.returncode == ExitCode.OUTPUT, err
    assert "fermée avant la fin" in err and "Traceback" not in err


@contextlib.contextmanager
def small_disk(folder: Path, size: int):  # type: ignore[no-untyped-def]
    """``folder`` on a file system of ``size`` bytes (needs root to mount), for a full disk."""
    folder.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("monter un petit système de fichiers demande les droits root")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("mount -t tmpfs refusé ici")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def full_folder(tmp_path):  # type: ignore[no-untyped-def]
    """A folder on a 64 kB file system, filled up."""
    with small_disk(tmp_path / "disque_plein", 64 * 1024) as folder:
        with contextlib.suppress(OSError), (folder / "remplissage").open("wb") as fh:
            fh.write(b"\0" * 60_000)  # what the system left is too little for any document
        yield folder


@pytest.mark.parametrize("args, name", [
    (("minutes", "{wb}", "-o", "{out}/cr.docx"), "cr.docx"),
    (("support", "{wb}", "-o", "{out}/support.pptx"), "support.pptx"),
    (("template", "-o", "{out}/modele.xlsm"), "modele.xlsm"),
])
def test_a_file_written_to_a_full_disk_is_an_error_and_leaves_nothing(example_path, full_folder, args, name):
    run = subprocess.run(command(*(a.format(wb=example_path, out=full_folder) for a in args)),
                         capture_output=True, text=True)
    assert run.returncode == ExitCode.OUTPUT, run.stdout + run.stderr
    assert f"« {name} » n'a pas pu être écrit" in run.stderr and "disque est plein" in run.stderr
    assert "Écrit" not in run.stdout and "Traceback" not in run.stderr and "Erreur inattendue" not in run.stderr
    assert sorted(p.name for p in full_folder.iterdir()) == ["remplissage"]  # no half file, no temporary one


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_a_pdf_that_does_not_fit_is_said_in_french(example_path, tmp_path):
    """Room for the Word document, not for its PDF: LibreOffice's own English (« Error: Please
    verify input parameters… », a Java warning) was the message."""
    size = len(api.document("compte_rendu", example_path, tmp_path / "mesure.docx")[0].read_bytes())
    with small_disk(tmp_path / "presque_plein", size + 16 * 1024) as folder:
        run = subprocess.run(command("minutes", example_path, "-o", folder / "cr.docx", "--pdf"),
                             capture_output=True, text=True, timeout=600)
        assert run.returncode == ExitCode.OUTPUT, run.stdout + run.stderr
        assert "Le PDF de « cr.docx » n'a pas pu être écrit : il reste moins de 1 Mo" in run.stderr
        assert "Le document Word est prêt" in run.stderr and (folder / "cr.docx").exists()
        assert not any(word in run.stderr for word in ("Error", "Warning", "java", "verify"))
        assert not (folder / "cr.pdf").exists()


def _validated(path: Path) -> Path:
    api.snapshot(path)
    api.validate(path, reservations="à revoir")
    return path


# For each command, a run that succeeds (exit 0 on a terminal) and prints something.
SUCCEEDING: dict[str, Callable[[Path, Path], list[object]]] = {
    "bilan": lambda wb, tmp: ["bilan", wb, "--annee", "2027", "-o", tmp / "bilan.docx"],
    "check": lambda wb, tmp: ["check", wb],
    "configure": lambda wb, tmp: ["configure", wb, "--interpreter", sys.executable],
    "demo": lambda wb, tmp: ["demo", "--out", tmp / "demo"],
    "doctor": lambda wb, tmp: ["doctor"],
    "kickoff": lambda wb, tmp: ["kickoff", _validated(wb), "-o", tmp / "annonce.docx"],
    "log": lambda wb, tmp: ["log", _validated(wb)],
    "minutes": lambda wb, tmp: ["minutes", wb, "-o", tmp / "cr.docx"],
    "snapshot": lambda wb, tmp: ["snapshot", wb],
    "suivi": lambda wb, tmp: ["suivi", wb, "--date", "15/09/2027", "-o", tmp / "suivi.docx"],
    "support": lambda wb, tmp: ["support", wb, "-o", tmp / "support.pptx"],
    "template": lambda wb, tmp: ["template", "-o", tmp / "modele.xlsm"],
    "template-check": lambda wb, tmp: ["template-check", ROOT / "nr_xl/documents/templates/compte_rendu.docx"],
    "validate": lambda wb, tmp: ["validate", _validated(wb), "--reserves", "à revoir encore"],
    "verify": lambda wb, tmp: ["verify", _validated(wb), "--contre",
                               api.check(wb).figures.journal_fingerprint],
}


@needs_dev_full
@pytest.mark.parametrize("name", sorted(COMMAND_EXIT_CODES))
def test_every_command_says_when_its_output_is_lost(name, example_path, tmp_path):
    """Exit 5 is in every command's row of the table: each, sent to a full disk, returns it and says so."""
    args = SUCCEEDING[name](example_path, tmp_path)
    env = {**os.environ, "PATH": ""}  # no LibreOffice: the demo writes no PDF, and quickly
    with FULL.open("w") as full:
        run = subprocess.run(command(*args), stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=600)
    assert run.returncode == ExitCode.OUTPUT == ExitCode(5), (name, run.stderr)
    assert ExitCode.OUTPUT in exit_codes_of(name)
    assert "disque est plein" in run.stderr and "Traceback" not in run.stderr, run.stderr
