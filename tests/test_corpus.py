"""Every command over spreadsheets that other projects ship as test files (tests/corpus/,
with their licences): none is an nr_xl workbook, so each command ends in one French message
and exit code 3, writes nothing and leaves the file as it was.

The quick run reads each file with ``check``; the slow run gives each file to every command.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from nr_xl.cli.commands import main

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"))
IDS = [str(p.relative_to(CORPUS)) for p in FILES]

COMMANDS = [
    ["check", "--format", "json"], ["check", "--write"], ["snapshot"], ["log", "--reason", "Séance"],
    ["validate"], ["validate", "--reserves", "Chiffrer le renfort"], ["minutes", "-o", "{out}/cr.docx"],
    ["kickoff", "--force", "-o", "{out}/an.docx"], ["support", "-o", "{out}/s.pptx"],
    ["suivi", "-o", "{out}/suivi.docx"], ["suivi", "--ordre-du-jour", "-o", "{out}/odj.docx"],
    ["bilan", "--annee", "2027", "-o", "{out}/bilan.docx"],
    ["verify", "--contre", "N° 1 à 2 — 3F2A 9C1B 77E0"],
]

# What the readers say in their own words (English), which must not reach a message.
ENGLISH = re.compile(r"\b(?:Error|error|Cannot|cannot|Invalid|invalid|panicked|unsupported|Unsupported|File is|"
                     r"not a zip|No such|Permission|expected|Expected|found|Traceback)\b")


def run(command: list[str], path: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [command[0], str(path), *[a.format(out=out) for a in command[1:]]])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{command[0]} : exception non rattrapée {result.exception!r}\n{result.output}")
    return result.exit_code, result.output


def refused_once(command: list[str], original: Path, tmp_path: Path) -> str:
    path = tmp_path / original.name
    shutil.copy2(original, path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, output = run(command, path, tmp_path)
    where = f"{command[0]} {original.name} : {output}"
    assert code == 3, where
    assert output.count("Erreur :") == 1 and "Erreur inattendue" not in output, where
    assert not ENGLISH.search(output), where
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before, where  # nothing written
    return output


def test_the_corpus_is_there_with_its_licences():
    assert len(FILES) >= 150
    for folder in {p.parent for p in FILES}:
        assert list(folder.glob("LICENSE*")), folder


@pytest.mark.parametrize("original", FILES, ids=IDS)
def test_check_refuses_each_file_in_one_french_message(original, tmp_path):
    output = refused_once(["check", "--format", "json"], original, tmp_path)
    suffix = original.suffix.lower()
    if "mot de passe" in output:  # encrypted: whatever its format, that is what to say
        return
    if suffix == ".xls":
        assert ".xls" in output
    elif suffix == ".ods":
        assert "OpenDocument" in output
    elif suffix == ".xlsb":
        assert "binaire" in output


@pytest.mark.slow
@pytest.mark.parametrize("original", FILES, ids=IDS)
def test_every_command_refuses_each_file_and_writes_nothing(original, tmp_path):
    for command in COMMANDS:
        refused_once(command, original, tmp_path)
