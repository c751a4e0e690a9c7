"""A spreadsheet that is not an nr_xl workbook is said to be so, once, and nothing is
written from it; an .xlsb is named as such; the readers' English never reaches a message."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from nr_xl import api
from nr_xl.cli.commands import main
from nr_xl.core.errors import WorkbookUnreadable

COMMANDS = [["check"], ["check", "--format", "json"], ["snapshot"], ["log"], ["validate"],
            ["minutes", "-o", "{out}/cr.docx"], ["kickoff", "--force", "-o", "{out}/an.docx"],
            ["support", "-o", "{out}/s.pptx"], ["verify", "--contre", "N° 1 à 2 — 3F2A 9C1B 77E0"],
            ["suivi", "-o", "{out}/suivi.docx"], ["bilan", "--annee", "2027", "-o", "{out}/bilan.docx"]]


def foreign(path: Path) -> Path:
    """A spreadsheet of someone else: a budget follow-up, one sheet, no table of nr_xl."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Suivi 2027"
    sheet.append(["Poste", "Montant"])
    sheet.append(["Ordinateurs", 12000])
    book.save(path)
    return path


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:1]) for a in COMMANDS])
def test_every_command_says_once_that_the_file_is_not_an_nr_xl_workbook(tmp_path, args):
    path = foreign(tmp_path / "suivi.xlsx")
    before = path.read_bytes()
    result = CliRunner().invoke(main, [args[0], str(path), *[a.format(out=tmp_path) for a in args[1:]]])
    assert result.exit_code == 3, result.output
    assert result.output.count("Erreur :") == 1 and "n'est pas un classeur nr_xl" in result.output
    assert "« Suivi 2027 »" in result.output and "introuvable" not in result.output
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".docx", ".pptx")]


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_the_library_says_it_too(tmp_path, engine):
    path = foreign(tmp_path / "suivi.xlsx")
    with pytest.raises(WorkbookUnreadable, match="pas un classeur nr_xl"):
        api.check(path, engine=engine)
    with pytest.raises(WorkbookUnreadable, match="pas un classeur nr_xl"):
        api.read_roadmap(path, engine=engine)


def test_an_xlsb_is_named_as_such(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:  # the parts Excel writes for « Classeur binaire »
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
        zf.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00")
    path = tmp_path / "classeur.xlsb"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(WorkbookUnreadable) as refused:
        api.check(path)
    assert "binaire" in refused.value.message and ".xlsb" in refused.value.message
    assert "pas un classeur Excel" not in refused.value.message


def test_a_zip_whose_workbook_part_is_broken_says_so_in_french(tmp_path, example_master):
    path = tmp_path / "casse.xlsm"
    with zipfile.ZipFile(example_master) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(info, b"<workbook><sheets><sheet" if info.filename == "xl/workbook.xml" else data)
    with pytest.raises(WorkbookUnreadable) as refused:
        api.check(path)
    assert "mal formée" in refused.value.message
    assert not any(word in refused.value.message for word in ("Premature", "line 1", "XML declaration", "tag"))
