"""verify reads a compte rendu within bounds: a small .docx whose parts inflate to hundreds
of megabytes (a 3 MB file made verify allocate 4 GB) is refused in French, in a moment and
a little memory; an honest one is read as before."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nr_xl.core.errors import UsageError
from nr_xl.jobs.verify import MAX_PART, docx_text, parse_anchor

ANCHOR = "Empreinte du journal : N° 1 à 3 — 3F2A 9C1B 77E0"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY = f'<w:document {W}><w:body><w:p><w:r><w:t>{ANCHOR}</w:t></w:r></w:p></w:body></w:document>'


def docx(path: Path, headers: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", BODY)
        for name, xml in headers.items():
            zf.writestr(name, xml)
    return path


def header(runs: int, text: str = "x") -> bytes:
    return (f'<w:hdr {W}><w:p>'.encode() + f"<w:r><w:t>{text}</w:t></w:r>".encode() * runs + b"</w:p></w:hdr>")


def peak_mb(document: Path) -> tuple[float, str]:
    """Peak memory (MB) of a fresh process reading ``document``, and what it said."""
    # VmHWM, not ru_maxrss: the latter keeps the parent's size from before exec.
    code = ("import re, sys\nfrom pathlib import Path\nfrom nr_xl.jobs.verify import docx_text\n"
            "try:\n    said = str(len(docx_text(Path(sys.argv[1]))))\nexcept Exception as exc:\n    said = str(exc)\n"
            "status = Path('/proc/self/status').read_text()\n"
            "print(int(re.search(r'VmHWM:\\s*(\\d+)', status).group(1)) / 1024)\nprint(said)")
    run = subprocess.run([sys.executable, "-c", code, str(document)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    peak, said = run.stdout.split("\n", 1)
    return float(peak), said.strip()


def test_an_honest_document_is_read_whole(tmp_path):
    path = docx(tmp_path / "cr.docx", {"word/header1.xml": header(3, "Compte rendu")})
    text = docx_text(path)
    assert parse_anchor(text).short == "3F2A 9C1B 77E0" and text.count("Compte rendu") == 3


@pytest.mark.slow
def test_header_parts_that_inflate_to_hundreds_of_megabytes_are_refused_in_little_memory(tmp_path):
    big = header(11_000_000)  # 200 MB once inflated (the old bound was 250 MB a part), 200 kB in the file
    path = docx(tmp_path / "cr.docx", {"word/header1.xml": big, "word/header2.xml": big})
    assert path.stat().st_size < 3 * 1024 * 1024
    del big
    baseline, _ = peak_mb(docx(tmp_path / "petit.docx", {}))
    peak, said = peak_mb(path)
    assert "anormalement volumineux" in said
    assert peak - baseline < 64, (baseline, peak)


@pytest.mark.slow
def test_a_part_within_the_bound_is_streamed_not_built_as_a_tree(tmp_path):
    """A header just under the bound, a million elements: read as a stream, not as a tree of
    a million objects."""
    runs = (MAX_PART - 200) // len(b"<w:r><w:t>x</w:t></w:r>")
    path = docx(tmp_path / "cr.docx", {"word/header1.xml": header(runs)})
    baseline, _ = peak_mb(docx(tmp_path / "petit.docx", {}))
    peak, said = peak_mb(path)
    assert said.isdigit() and int(said) > runs  # every character read
    assert peak - baseline < 64, (baseline, peak)


def test_a_document_declaring_entities_is_refused(tmp_path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<w:hdr ' + W.encode() + b'><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:hdr>')
    with pytest.raises(UsageError, match="refusé par sécurité"):
        docx_text(docx(tmp_path / "cr.docx", {"word/header1.xml": bomb}))


def test_a_damaged_part_is_refused_in_french(tmp_path):
    path = docx(tmp_path / "cr.docx", {"word/header1.xml": b"<w:hdr><w:p>"})
    with pytest.raises(UsageError) as refused:
        docx_text(path)
    assert "n'est pas un document Word lisible" in refused.value.message
    assert "line" not in refused.value.message and "Premature" not in refused.value.message
