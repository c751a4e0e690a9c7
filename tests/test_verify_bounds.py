"""verify reads a compte rendu within bounds: a small .docx whose parts inflate to hundreds
of megabytes (a 3 MB file made verify allocate 4 GB) costs a moment and a little memory;
a damaged one is refused in French."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nr_xl.core.errors import UsageError
from nr_xl.jobs.verify import MAX_BODY, minutes_anchor

ANCHOR = "Empreinte du journal : N° 1 à 3 — 3F2A 9C1B 77E0"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY = f'<w:document {W}><w:body><w:p><w:r><w:t>{ANCHOR}</w:t></w:r></w:p></w:body></w:document>'


def docx(path: Path, headers: dict[str, bytes | tuple[int, str]], body: bytes | str = BODY) -> Path:
    """A .docx of ``body`` and ``headers``: a header's XML, or (runs, text) to stream a header
    of that many runs without building it in this process."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", body)
        for name, xml in headers.items():
            if isinstance(xml, bytes):
                zf.writestr(name, xml)
                continue
            runs, text = xml
            with zf.open(name, "w", force_zip64=True) as part:
                part.write(f'<w:hdr {W}><w:p>'.encode())
                chunk = f"<w:r><w:t>{text}</w:t></w:r>".encode() * 100_000
                for _ in range(runs // 100_000):
                    part.write(chunk)
                part.write(b"</w:p></w:hdr>")
    return path


def header(runs: int, text: str = "x") -> bytes:
    return (f'<w:hdr {W}><w:p>'.encode() + f"<w:r><w:t>{text}</w:t></w:r>".encode() * runs + b"</w:p></w:hdr>")


def body(runs: int) -> bytes:
    """The minutes' body with a paragraph of ``runs`` runs before the fingerprint's line."""
    return (f'<w:document {W}><w:body><w:p>'.encode() + b"<w:r><w:t>x</w:t></w:r>" * runs
            + f"</w:p><w:p><w:r><w:t>{ANCHOR}</w:t></w:r></w:p></w:body></w:document>".encode())


def peak_mb(document: Path) -> tuple[float, str]:
    """Peak memory (MB) of a fresh process reading ``document``, and what it said."""
    # VmHWM, not ru_maxrss: the latter keeps the parent's size from before exec.
    code = ("import re, sys\nfrom pathlib import Path\nfrom nr_xl.jobs.verify import minutes_anchor\n"
            "try:\n    said = minutes_anchor(Path(sys.argv[1])).short\nexcept Exception as exc:\n    said = str(exc)\n"
            "status = Path('/proc/self/status').read_text()\n"
            "print(int(re.search(r'VmHWM:\\s*(\\d+)', status).group(1)) / 1024)\nprint(said)")
    run = subprocess.run([sys.executable, "-c", code, str(document)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    peak, said = run.stdout.split("\n", 1)
    return float(peak), said.strip()


def test_an_honest_document_is_read(tmp_path):
    path = docx(tmp_path / "cr.docx", {"word/header1.xml": header(3, "Compte rendu")})
    assert minutes_anchor(path).short == "3F2A 9C1B 77E0"


@pytest.mark.slow
def test_header_parts_that_inflate_to_hundreds_of_megabytes_cost_little_memory(tmp_path):
    big = (11_000_000, "x")  # 200 MB once inflated (the old bound was 250 MB a part), 200 kB in the file
    path = docx(tmp_path / "cr.docx", {"word/header1.xml": big, "word/header2.xml": big})
    assert path.stat().st_size < 3 * 1024 * 1024
    baseline, _ = peak_mb(docx(tmp_path / "petit.docx", {}))
    peak, said = peak_mb(path)
    assert said == "3F2A 9C1B 77E0"
    assert peak - baseline < 64, (baseline, peak)


@pytest.mark.slow
def test_a_body_within_the_bound_is_streamed_not_built_as_a_tree(tmp_path):
    """A body just under the bound, a million elements: read as a stream, not as a tree of
    a million objects."""
    runs = (MAX_BODY - 400) // len(b"<w:r><w:t>x</w:t></w:r>")
    path = docx(tmp_path / "cr.docx", {}, body(runs))
    baseline, _ = peak_mb(docx(tmp_path / "petit.docx", {}))
    peak, said = peak_mb(path)
    assert said == "3F2A 9C1B 77E0"
    assert peak - baseline < 64, (baseline, peak)


def test_a_body_beyond_the_bound_is_refused(tmp_path):
    runs = MAX_BODY // len(b"<w:r><w:t>x</w:t></w:r>") + 10
    with pytest.raises(UsageError, match="anormalement volumineux"):
        minutes_anchor(docx(tmp_path / "cr.docx", {}, body(runs)))


def test_a_damaged_body_is_refused_in_french(tmp_path):
    path = docx(tmp_path / "cr.docx", {}, b"<w:document><w:body><w:p>")
    with pytest.raises(UsageError) as refused:
        minutes_anchor(path)
    assert "n'est pas un document Word lisible" in refused.value.message
    assert "line" not in refused.value.message and "Premature" not in refused.value.message
