"""One table of exit codes for every command (nr_xl.core.errors.EXIT_CODES), printed by
``nr-xl --help``, shown in the README, and returned command by command: each command is
run in process through click's runner on real files, a few through the real process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from nr_xl import api
from nr_xl.cli import commands
from nr_xl.cli.commands import main
from nr_xl.core.errors import COMMAND_EXIT_CODES, EXIT_CODES, ExitCode, exit_codes_of
from nr_xl.workbook.lock import WAIT_ENV, exclusive

from conftest import ROOT
from factory import corrected_example


def run(*args: object, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The command in process; whatever it returns must be one of the codes it declares."""
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    assert "Traceback" not in result.output, result.output
    if str(args[0]) in COMMAND_EXIT_CODES:
        assert result.exit_code in exit_codes_of(str(args[0])), (args, result.exit_code, result.output)
    return result


def test_help_prints_the_table_of_every_code():
    result = run("--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Codes de sortie (toutes les commandes)" in text
    for code, meaning in EXIT_CODES.items():
        assert f"{int(code)} {' '.join(meaning.split())}" in text


def test_the_readme_shows_the_same_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Codes de sortie de toutes les commandes", 1)[1].split("\n#", 1)[0]
    rows = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", section, flags=re.M))
    assert {int(code): meaning for code, meaning in rows.items()} == {int(c): m for c, m in EXIT_CODES.items()}


def test_every_command_declares_its_codes_from_the_table():
    assert set(COMMAND_EXIT_CODES) == set(main.commands)
    for command, codes in COMMAND_EXIT_CODES.items():
        assert set(codes) <= set(EXIT_CODES) and ExitCode.OK in codes and ExitCode.USAGE in codes, command
        assert exit_codes_of(command)[-2:] == (ExitCode.INTERNAL, ExitCode.INTERRUPTED)


@pytest.mark.parametrize("command", sorted(COMMAND_EXIT_CODES))
def test_each_command_help_ends_with_its_own_codes(command):
    result = run(command, "--help")
    assert result.exit_code == ExitCode.OK
    table = result.output.split(f"Codes de sortie de nr-xl {command} :", 1)[1]
    shown = {int(code): " ".join(meaning.split())
             for code, meaning in re.findall(r"^ +(\d+)  (.+)$", table, flags=re.M)}
    assert shown == {int(code): " ".join(EXIT_CODES[code].split()) for code in exit_codes_of(command)}


def test_the_readme_says_which_codes_each_command_returns():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([\d, ]+) \|$", readme, flags=re.M))
    assert {command: [int(c) for c in codes.split(", ")] for command, codes in rows.items()} == {
        command: [int(c) for c in exit_codes_of(command)] for command in COMMAND_EXIT_CODES}


def test_codes_are_distinct_and_3_keeps_its_meaning():
    assert len(set(EXIT_CODES)) == len(EXIT_CODES) == len(ExitCode)
    assert "illisible" in EXIT_CODES[ExitCode.FILE] and "verrou" not in EXIT_CODES[ExitCode.FILE]


@pytest.fixture
def feasible(tmp_path: Path) -> Path:
    return api.build_template(tmp_path / "faisable.xlsm", corrected_example())


@pytest.fixture
def unreadable(tmp_path: Path) -> Path:
    path = tmp_path / "vide.xlsm"
    path.write_bytes(b"")
    return path


def test_check(example_path, feasible, unreadable):
    assert run("check", feasible).exit_code == ExitCode.OK
    assert run("check", example_path).exit_code == ExitCode.BLOCKING
    assert run("check", example_path, "--format", "xml").exit_code == ExitCode.USAGE
    assert run("check", unreadable).exit_code == ExitCode.FILE


def test_a_held_lock_is_busy_not_unreadable(example_path):
    with exclusive(example_path):
        for args in (("check", example_path, "--write"), ("snapshot", example_path), ("log", example_path),
                     ("validate", example_path, "--reserves", "r"), ("configure", example_path, "--interpreter", "p")):
            result = run(*args, env={WAIT_ENV: "0"})
            assert result.exit_code == ExitCode.BUSY, (args, result.output)
            assert "en cours d'écriture" in result.output


def test_a_workbook_open_in_excel_is_busy(example_path):
    (example_path.parent / ("~$" + example_path.name)).write_bytes(b"")
    result = run("check", example_path, "--write")
    assert result.exit_code == ExitCode.BUSY and "ouvert dans Excel" in result.output


def test_journal_commands(example_path, unreadable):
    assert run("log", example_path).exit_code == ExitCode.BLOCKING  # no reference version yet: refused
    assert run("snapshot", example_path).exit_code == ExitCode.OK
    assert run("log", example_path).exit_code == ExitCode.OK
    assert run("validate", example_path).exit_code == ExitCode.BLOCKING  # blocking points remain
    assert run("validate", example_path, "--reserves", "x", "--ajournee").exit_code == ExitCode.USAGE
    assert run("validate", example_path, "--reserves", "à revoir").exit_code == ExitCode.OK
    for command in ("snapshot", "log", "validate"):
        assert run(command, unreadable).exit_code == ExitCode.FILE


def test_verify(example_path):
    api.snapshot(example_path)
    api.validate(example_path, reservations="à revoir")
    fingerprint = api.check(example_path).figures.journal_fingerprint
    assert run("verify", example_path, "--contre", fingerprint).exit_code == ExitCode.OK
    other = fingerprint[:-4] + ("0000" if not fingerprint.endswith("0000") else "1111")
    assert run("verify", example_path, "--contre", other).exit_code == ExitCode.BLOCKING
    assert run("verify", example_path, "--contre", "rien").exit_code == ExitCode.USAGE


def test_documents(example_path, tmp_path):
    assert run("minutes", example_path, "-o", tmp_path / "cr.docx").exit_code == ExitCode.OK
    assert run("kickoff", example_path, "-o", tmp_path / "an.docx").exit_code == ExitCode.BLOCKING  # not validated
    assert run("minutes", example_path, "--date", "demain").exit_code == ExitCode.USAGE
    assert run("support", example_path, "-o", tmp_path / "support.pdf").exit_code == ExitCode.USAGE
    assert run("support", example_path, "-o", tmp_path / "support.pptx").exit_code == ExitCode.OK
    a_file = tmp_path / "un_fichier"
    a_file.write_text("pas un dossier")
    result = run("minutes", example_path, "-o", a_file / "cr.docx")
    assert result.exit_code == ExitCode.OUTPUT and "n'a pas pu être écrit" in result.output


def test_follow_up_documents(example_path, unreadable, tmp_path):
    assert run("suivi", example_path, "--date", "15/09/2027", "-o", tmp_path / "suivi.docx").exit_code == ExitCode.OK
    assert run("suivi", example_path, "--date", "demain").exit_code == ExitCode.USAGE
    assert run("bilan", example_path, "--annee", "2027", "-o", tmp_path / "bilan.docx").exit_code == ExitCode.OK
    assert run("bilan", example_path).exit_code == ExitCode.USAGE  # --annee is required
    for command in (["suivi", unreadable, "--date", "15/09/2027"], ["bilan", unreadable, "--annee", "2027"]):
        assert run(*command).exit_code == ExitCode.FILE


def test_a_refused_template_is_a_refused_file(example_path, tmp_path):
    template = tmp_path / "modele.docx"
    template.write_bytes(b"pas un document Word")
    result = run("minutes", example_path, "--template", template)
    assert result.exit_code == ExitCode.FILE and "Modèle refusé" in result.output
    assert run("template-check", template).exit_code == ExitCode.BLOCKING
    assert run("template-check", ROOT / "nr_xl/documents/templates/compte_rendu.docx").exit_code == ExitCode.OK


def test_configure_template_and_doctor(example_path, unreadable, tmp_path):
    assert run("configure", example_path, "--interpreter", "/opt/python").exit_code == ExitCode.OK
    assert run("configure", example_path, "--interpreter", " ").exit_code == ExitCode.USAGE
    assert run("configure", unreadable, "--interpreter", "/opt/python").exit_code == ExitCode.FILE
    assert run("template", "-o", tmp_path / "modele.xlsm").exit_code == ExitCode.OK
    assert run("template", "-o", tmp_path / "modele.xlsm").exit_code == ExitCode.USAGE  # exists, no --force
    assert run("doctor", unreadable).exit_code == ExitCode.BLOCKING


def test_demo(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no LibreOffice: no PDF, the same codes
    assert run("demo", "--out", tmp_path / "demo").exit_code == ExitCode.OK


def test_a_template_or_a_demo_that_cannot_be_written_is_an_output_error(tmp_path):
    """A file where the folder should be: « Erreur inattendue (NotADirectoryError) », exit 70, before."""
    a_file = tmp_path / "un_fichier"
    a_file.write_text("pas un dossier")
    for args in (("template", "-o", a_file / "modele.xlsm"), ("demo", "--out", a_file / "demo")):
        result = run(*args)
        assert result.exit_code == ExitCode.OUTPUT, result.output
        assert result.output.startswith("Erreur : ") and "un fichier se trouve là où il faut un dossier" in result.output
        assert "Erreur inattendue" not in result.output
    assert a_file.read_text() == "pas un dossier"


@click.command()
@click.argument("what")
@commands._friendly
def _failing(what: str) -> None:
    """A command whose body fails as a bug or a Ctrl+C would: what the wrapper makes of it."""
    if what == "bug":
        raise RuntimeError("un défaut de nr_xl")
    raise KeyboardInterrupt


def test_an_unexpected_error_is_internal_not_unreadable():
    result = CliRunner().invoke(_failing, ["bug"])
    assert result.exit_code == ExitCode.INTERNAL and "Erreur inattendue" in result.output
    assert CliRunner().invoke(_failing, ["ctrl-c"]).exit_code == ExitCode.INTERRUPTED


def nr_xl(*args: object, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "nr_xl", *map(str, args)], capture_output=True, text=True,
                          **kwargs)


@pytest.mark.slow
def test_through_the_real_process(example_path, unreadable):
    assert nr_xl("check", example_path).returncode == ExitCode.BLOCKING
    assert nr_xl("check", unreadable).returncode == ExitCode.FILE
    assert nr_xl("check", example_path, "--nimporte").returncode == ExitCode.USAGE
    with exclusive(example_path):
        busy = nr_xl("snapshot", example_path, env={**os.environ, WAIT_ENV: "0"})
    assert busy.returncode == ExitCode.BUSY and "--break-lock" in busy.stderr
    assert "Codes de sortie" in nr_xl("--help").stdout
