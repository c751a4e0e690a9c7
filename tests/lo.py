"""LibreOffice headless, each call with its own profile so runs never collide."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import soffice


def convert(src: Path, fmt: str, outdir: Path) -> Path:
    exe = soffice()
    if exe is None:
        pytest.skip("LibreOffice (soffice) n'est pas installé")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                       check=True, capture_output=True, timeout=300)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), f"LibreOffice n'a rien produit pour {src.name}"
    return out
