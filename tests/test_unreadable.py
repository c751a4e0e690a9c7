"""Files that are not a workbook end in one clear French error, exit code 3."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nr_xl import api
from nr_xl.core.errors import WorkbookUnreadable


def _make(kind: str, tmp_path: Path, example_master: Path) -> Path:
    path = tmp_path / f"{kind}.xlsm"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(bytes(range(256)) * 40)
    elif kind == "truncated":
        path.write_bytes(example_master.read_bytes()[:20000])
    elif kind == "xls":
        path = tmp_path / "ancien.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    elif kind == "csv":
        path = tmp_path / "export.xlsx"
        path.write_text("ID;Action\nB1.1;Gouvernance\n", encoding="utf-8")
    elif kind == "ods":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            zf.writestr("content.xml", "<office:document-content/>")
        path = tmp_path / "calc.ods"
        path.write_bytes(buf.getvalue())
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", "pas un classeur")
    elif kind == "directory":
        path = tmp_path / "dossier.xlsm"
        path.mkdir()
    elif kind == "missing":
        path = tmp_path / "absent.xlsm"
    return path


KINDS = {
    "empty": "vide", "random": "pas un classeur", "truncated": "endommagé", "xls": "97-2003",
    "csv": "CSV", "ods": "OpenDocument", "zip": "pas un classeur Excel", "directory": "dossier",
    "missing": "introuvable",
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_unreadable_files_raise_one_french_error(kind, tmp_path, example_master):
    path = _make(kind, tmp_path, example_master)
    with pytest.raises(WorkbookUnreadable) as err:
        api.check(path)
    assert KINDS[kind] in err.value.message
    assert err.value.exit_code == 3


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["empty", "truncated", "csv"])
def test_cli_exit_code_3_without_traceback(kind, tmp_path, example_master):
    path = _make(kind, tmp_path, example_master)
    run = subprocess.run([sys.executable, "-m", "nr_xl", "check", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 3
    assert run.stderr.startswith("Erreur : ")
    assert "Traceback" not in run.stderr + run.stdout
