"""Bad and hostile workbooks: every one ends with exit 1 (findings) or 3 (unreadable),
a French message that says where and what to do, and never a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data"))

from corpus import CASES, EXAMPLE_CODES, SECRET, WRITE_CASES  # noqa: E402

from test_cli import nr_xl  # noqa: E402


@pytest.fixture(scope="module")
def corpus_dir(example_master, tmp_path_factory):
    return tmp_path_factory.mktemp("corpus")


def _findings(report: dict) -> set[tuple]:
    return {(f["code"], f["sheet"], f["row"], f["key"]) for f in report["findings"]}


@pytest.fixture(scope="module")
def example_findings(example_master):
    """The example's own findings, through the same command: each case says what it changes."""
    run = nr_xl("check", str(example_master), "--format", "json")
    findings = _findings(json.loads(run.stdout))
    assert {code for code, *_ in findings} == EXAMPLE_CODES
    return findings


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_corpus_case(case, engine, example_master, corpus_dir, example_findings):
    folder = corpus_dir / f"{engine}-{case.build.__name__}"
    folder.mkdir()
    path = case.build(example_master, folder)
    run = nr_xl("check", str(path), "--format", "json", "--engine", engine)
    output = run.stdout + run.stderr
    assert run.returncode == case.exit_code, output[:500]
    assert "Traceback" not in output and SECRET not in output
    if case.exit_code == 3:
        assert run.stderr.startswith("Erreur : ") and run.stderr.count("\n") == 1
        assert case.says in run.stderr
        assert any(word in run.stderr for word in ("Ouvrez", "Repartez", "Retirez", "supprimez", "Enregistrez"))
        return
    report = json.loads(run.stdout)
    codes = {f["code"] for f in report["findings"]}
    assert codes == case.codes, (sorted(codes - case.codes), sorted(case.codes - codes))
    found = _findings(report)
    assert found - example_findings == case.added
    assert example_findings - found == case.removed
    if case.says:
        assert case.says in run.stdout
    for finding in report["findings"]:
        assert finding["message"] and finding["suggestion"]
        if finding["code"].startswith("input.") and finding["row"]:
            assert finding["sheet"] and finding["key"]


@pytest.mark.parametrize("build", [c.build for c in CASES if c.exit_code == 1][:6] + [
    c.build for c in CASES if c.name in ("texte très long", "émojis et écriture de droite à gauche")])
@pytest.mark.slow
def test_write_survives_bad_content(build, example_master, tmp_path):
    path = build(example_master, tmp_path)
    run = nr_xl("check", str(path), "--write")
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    from openpyxl import load_workbook

    ws = load_workbook(path)["Contrôles"]
    assert ws["A2"].value in ("À corriger", "Bloquant", "Alerte")
    assert all(len(str(c.value or "")) <= 32767 for row in ws.iter_rows() for c in row)


@pytest.mark.slow
def test_debug_flag_shows_the_traceback(tmp_path):
    path = tmp_path / "vide.xlsm"
    path.write_bytes(b"")
    run = nr_xl("--debug", "check", str(path))
    assert "Traceback" in run.stderr and "WorkbookUnreadable" in run.stderr


@pytest.mark.slow
@pytest.mark.parametrize("case", WRITE_CASES, ids=[c.name for c in WRITE_CASES])
def test_write_case(case, example_master, tmp_path):
    """check --write keeps what the user typed, writes the real file, or refuses saying where."""
    import os

    from openpyxl import load_workbook

    path = case.build(example_master, tmp_path)
    real = Path(os.path.realpath(path))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file() and not p.is_symlink()}
    run = nr_xl("check", str(path), "--write")
    output = run.stdout + run.stderr
    assert run.returncode == case.exit_code, output[:500]
    assert "Traceback" not in output
    if case.exit_code == 3:
        assert case.says in run.stderr and "Rien n'a été écrit" in run.stderr
        assert real.read_bytes() == before[real.name]
        return
    assert os.path.islink(path) == (path != real)
    wb = load_workbook(real)
    assert wb["Contrôles"]["A2"].value in ("À corriger", "Bloquant", "Alerte")
    for sheet, cell, text in case.kept:
        assert wb[sheet][cell].value == text
    for name, data in before.items():  # every other file, links' targets included, untouched
        if name != real.name:
            assert (tmp_path / name).read_bytes() == data, name
    assert not [p for p in tmp_path.iterdir() if p.is_dir() and any(p.iterdir())]
