"""The release: wheel and sdist, then one zip per system for the people who install.

    python -m nr_xl.release [--dist DIST] [--wheel FICHIER.whl]

``dist/nr_xl-<version>-windows.zip`` and ``…-macos.zip`` each hold, under one
folder: the wheel, ``workbook_template.xlsm`` (built fresh from this version),
the installer and a one-page ``LISEZMOI.txt``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from nr_xl import __version__
from nr_xl.core.errors import NrXlError

FIXED_TIME = (2025, 1, 1, 0, 0, 0)  # same inputs, same zip bytes


@dataclass(frozen=True)
class Flavour:
    name: str  # windows | macos
    launcher: str  # the file a user double-clicks
    crlf: bool  # Windows' cmd.exe wants CRLF line ends


FLAVOURS = (Flavour("windows", "installer.cmd", True), Flavour("macos", "installer.command", False))


def _resource(name: str) -> bytes:
    return resources.files("nr_xl.release").joinpath(name).read_bytes()


def build_distributions(root: Path, dist: Path) -> Path:
    """``python -m build`` on the source tree at ``root``; returns the wheel."""
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(root)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise NrXlError(f"La construction de la roue a échoué (python -m build) :\n{tail}")
    wheel = dist / f"nr_xl-{__version__}-py3-none-any.whl"
    if not wheel.exists():
        raise NrXlError(f"python -m build n'a pas produit {wheel.name} dans {dist}.")
    return wheel


def bundle_files(flavour: Flavour, wheel: Path, workbook: Path) -> dict[str, tuple[bytes, int]]:
    """Name in the zip -> (bytes, Unix mode)."""
    readme = _resource(f"LISEZMOI-{flavour.name}.txt").decode("utf-8").replace("{version}", __version__)
    launcher = _resource(flavour.launcher)
    if flavour.crlf:
        readme = readme.replace("\n", "\r\n")
        launcher = launcher.replace(b"\n", b"\r\n")
    return {
        wheel.name: (wheel.read_bytes(), 0o644),
        "workbook_template.xlsm": (workbook.read_bytes(), 0o644),
        "installer.py": (_resource("installer.py"), 0o644),
        flavour.launcher: (launcher, 0o755),
        # Notepad opens UTF-8 with a BOM as UTF-8 on every Windows version.
        "LISEZMOI.txt": (("\ufeff" if flavour.crlf else "").encode("utf-8") + readme.encode("utf-8"), 0o644),
    }


def write_bundle(out: Path, folder: str, files: dict[str, tuple[bytes, int]]) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            data, mode = files[name]
            info = zipfile.ZipInfo(f"{folder}/{name}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100000 | mode) << 16
            zf.writestr(info, data)
    tmp.replace(out)
    return out


def release(root: Path, dist: Path, wheel: Path | None = None) -> list[Path]:
    """Build (unless ``wheel`` is given) and bundle; returns every file written."""
    from nr_xl.api import build_template

    written: list[Path] = []
    if wheel is None:
        wheel = build_distributions(root, dist)
        written += sorted(dist.glob(f"nr_xl-{__version__}*.tar.gz")) + [wheel]
    with tempfile.TemporaryDirectory() as tmp:
        workbook = build_template(Path(tmp) / "workbook_template.xlsm")
        for flavour in FLAVOURS:
            out = dist / f"nr_xl-{__version__}-{flavour.name}.zip"
            written.append(write_bundle(out, f"nr_xl-{__version__}", bundle_files(flavour, wheel, workbook)))
    return written


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m nr_xl.release",
                                     description="Construit la roue, le sdist et les paquets Windows et macOS.")
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="Dossier de sortie (défaut : dist).")
    parser.add_argument("--wheel", type=Path, help="Roue déjà construite (sinon : python -m build).")
    parser.add_argument("--source", type=Path, default=Path("."), help="Dépôt source (défaut : dossier courant).")
    args = parser.parse_args(argv)
    if args.wheel is None and not (args.source / "pyproject.toml").exists():
        print(f"Erreur : pas de pyproject.toml dans « {args.source.resolve()} » : lancez la commande à la "
              "racine du dépôt, ou passez --source ou --wheel.", file=sys.stderr)
        return 2
    try:
        written = release(args.source, args.dist, args.wheel)
    except NrXlError as exc:
        print(f"Erreur : {exc.message}", file=sys.stderr)
        return 1
    for path in written:
        print(f"{path}  ({path.stat().st_size / 1024:,.0f} Ko)".replace(",", " "))
    return 0
