"""A Word template someone else edited is input too: hostile or broken ones are refused
in French, quickly, before they cost time or memory."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx import Document

from nr_xl.documents.produce import MINUTES, check_template

from nr_xl.jobs.documents import generate

from test_cli import nr_xl


def template_with(tmp_path, text: str, name="modele.docx"):  # type: ignore[no-untyped-def]
    doc = Document()
    doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(str(path))
    return path


@pytest.mark.parametrize("tag,why", [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "expression interdite"),
    ("{{ 9 ** 99999999 }}", "expression interdite"),
    ("{{ 'x' * 1000000000 }}", "expression interdite"),
])
@pytest.mark.slow
def test_a_template_that_reaches_too_far_is_refused(example_path, tmp_path, tag, why):
    template = template_with(tmp_path, "Compte rendu " + tag)
    start = time.monotonic()
    run = nr_xl("minutes", str(example_path), "-o", str(tmp_path / "cr.docx"), "--template", str(template))
    assert time.monotonic() - start < 60
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith("Erreur : Modèle refusé") and why in run.stderr
    assert "Erreur inattendue" not in run.stderr and not (tmp_path / "cr.docx").exists()


@pytest.mark.slow
def test_a_template_that_is_not_a_docx_is_refused(example_path, tmp_path):
    fake = tmp_path / "faux.docx"
    fake.write_bytes(b"PK\x03\x04 ceci n'est pas un document")
    run = nr_xl("minutes", str(example_path), "-o", str(tmp_path / "cr.docx"), "--template", str(fake))
    assert run.returncode == 1 and "Modèle refusé" in run.stderr and "Erreur inattendue" not in run.stderr
    assert check_template(fake, MINUTES)[0].startswith("Modèle refusé")


def test_a_template_bomb_in_modeles_is_refused_from_the_zip_directory(example_path, tmp_path):
    """A few MB inflating to gigabytes, picked up from modeles/ beside the workbook."""
    folder = example_path.parent / "modeles"
    folder.mkdir()
    bomb = folder / "compte_rendu.docx"
    good = io.BytesIO()
    Document().save(good)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info.filename))
        with out.open("word/media/zeros.bin", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):  # 300 MB of zeros, about 300 KB compressed
                fh.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    start = time.monotonic()
    with pytest.raises(Exception) as err:
        generate(MINUTES, example_path, tmp_path / "cr.docx")
    assert time.monotonic() - start < 10
    assert "Modèle refusé" in str(err.value) and "décompresse" in str(err.value)
