"""The release: wheel and sdist, then the zips the people who install receive.

    python -m nr_xl.release [--dist DIST] [--wheel FICHIER.whl] [--source DÉPÔT]

Four zips, each holding one folder ``nr_xl-<version>/``: the wheel, ``workbook_template.xlsm``
(built fresh, with the wheel embedded in its xlwings Lite code), the installer, a one-page
``LISEZMOI.txt`` and ``lite/`` (xlwings Lite's main.py, requirements.txt and guide):

- ``nr_xl-<version>-windows.zip`` and ``…-macos.zip``, complete: a ``wheels/`` folder holds
  every dependency for each supported CPython (``PYTHONS``) and processor (``TARGETS``), so
  the installer needs no network (``pip install --no-index``);
- ``nr_xl-<version>-windows-en-ligne.zip`` and ``…-macos-en-ligne.zip``, light (under 1 Mo):
  the installer fetches the dependencies from PyPI (directly or through the proxy).

The dependency wheels are fetched with ``pip download --platform … --python-version …
--only-binary :all:``. pip evaluates environment markers on the machine that downloads, not
on the target (``--platform`` changes the wheel tags it accepts, not the markers), so the
requirements marked for Windows or macOS only are added from ``PLATFORM_ONLY``;
tests/test_release.py reads the markers of every downloaded wheel for each target and fails
if this list misses one, then resolves each target's folder with pip itself, offline.
"""

from __future__ import annotations

import importlib.util
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
PYTHONS = ("3.11", "3.12", "3.13")  # the CPythons the complete bundles carry wheels for


@dataclass(frozen=True)
class Target:
    system: str  # windows | macos
    platform: str  # pip's --platform
    required: bool  # False: skipped, and said, if some dependency has no wheel for it


# x64 first (nearly every collectivité's PC); ARM64 Windows where every dependency has a wheel.
# macOS 13 is what Excel for Mac asks; pip also accepts wheels for older macOS and universal2.
TARGETS = (
    Target("windows", "win_amd64", True),
    Target("windows", "win_arm64", False),
    Target("macos", "macosx_13_0_x86_64", True),
    Target("macos", "macosx_13_0_arm64", True),
)
# Requirements pip cannot see from another system (markers evaluated on the downloading machine):
# xlwings drives Excel through pywin32 on Windows, through appscript and psutil on macOS. Named
# for ARM64 Windows too, where only xlwings' pure wheel exists and does not ask for pywin32, which
# the ribbon needs all the same. (click no longer asks for colorama on Windows: the test that
# reads each downloaded wheel's markers says what to add here when a dependency changes.)
PLATFORM_ONLY: dict[str, tuple[str, ...]] = {
    "windows": ("pywin32>=224",),
    "macos": ("appscript>=1.0.1", "psutil>=2.0.0"),
}
TARGETS_FILE = "CIBLES.txt"  # in wheels/: which Python and processor the folder covers


@dataclass(frozen=True)
class Flavour:
    name: str  # windows | macos
    launcher: str  # the file a user double-clicks
    crlf: bool  # Windows' cmd.exe wants CRLF line ends


FLAVOURS = (Flavour("windows", "installer.cmd", True), Flavour("macos", "installer.command", False))
ONLINE_SUFFIX = "-en-ligne"


def _resource(name: str) -> bytes:
    return resources.files("nr_xl.release").joinpath(name).read_bytes()


def build_distributions(root: Path, dist: Path) -> Path:
    """``python -m build`` on the source tree at ``root``; returns the wheel."""
    if not _is_module(importlib.util.find_spec("build")):
        raise NrXlError("Le module « build » manque : installez-le (pip install build, ou pip install -e "
                        "\".[release]\"), puis relancez python -m nr_xl.release.")
    dist.mkdir(parents=True, exist_ok=True)
    # Run from the output folder: a leftover build/ folder in the current one would otherwise
    # be imported as the « build » package (« No module named build.__main__ »).
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist.resolve()), str(root.resolve())],
                            capture_output=True, text=True, cwd=dist)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise NrXlError(f"La construction de la roue a échoué (python -m build) :\n{tail}")
    wheel = dist / f"nr_xl-{__version__}-py3-none-any.whl"
    if not wheel.exists():
        raise NrXlError(f"python -m build n'a pas produit {wheel.name} dans {dist}.")
    return wheel


def _is_module(spec: object) -> bool:
    """An installed package, not a folder of the current directory that merely bears its name
    (which Python takes for a namespace package: origin None, or « namespace »)."""
    return spec is not None and getattr(spec, "origin", None) not in (None, "namespace")


def download_wheels(wheel: Path, system: str, folder: Path, log=print) -> list[str]:
    """Every dependency wheel of ``wheel`` for ``system``'s targets and each CPython of
    ``PYTHONS`` into ``folder``; returns the targets covered (« win_amd64 / CPython 3.12 »)."""
    folder.mkdir(parents=True, exist_ok=True)
    covered = []
    for target in (t for t in TARGETS if t.system == system):
        for python in PYTHONS:
            command = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--only-binary", ":all:",
                       "--platform", target.platform, "--python-version", python, "--implementation", "cp",
                       "--dest", str(folder), str(wheel), *PLATFORM_ONLY[system]]
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode == 0:
                covered.append(f"{target.platform} / CPython {python}")
                continue
            tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-6:])
            if target.required:
                raise NrXlError(f"Le téléchargement des roues pour {target.platform} et Python {python} a échoué "
                                f"(pip download ; accès à PyPI ou proxy ?) :\n{tail}")
            log(f"Pas de roues pour {target.platform} et Python {python} : ce poste installera en ligne.\n{tail}")
    (folder / wheel.name).unlink(missing_ok=True)  # the bundle carries it once, beside the installer
    (folder / TARGETS_FILE).write_text("\n".join(covered) + "\n", encoding="utf-8")
    return covered


Member = tuple[bytes | Path, int]  # content (or a file to copy), Unix mode


def bundle_files(flavour: Flavour, wheel: Path, workbook: Path, wheels: Path | None = None) -> dict[str, Member]:
    """Name in the zip -> (content, Unix mode); ``wheels``: the dependency folder of a complete bundle."""
    readme = _resource(f"LISEZMOI-{flavour.name}.txt").decode("utf-8").replace("{version}", __version__)
    launcher = _resource(flavour.launcher)
    if flavour.crlf:
        readme = readme.replace("\n", "\r\n")
        launcher = launcher.replace(b"\n", b"\r\n")
    files: dict[str, Member] = {
        wheel.name: (wheel, 0o644),
        "workbook_template.xlsm": (workbook, 0o644),
        "installer.py": (_resource("installer.py"), 0o644),
        flavour.launcher: (launcher, 0o755),
        # Notepad opens UTF-8 with a BOM as UTF-8 on every Windows version.
        "LISEZMOI.txt": (("\ufeff" if flavour.crlf else "").encode("utf-8") + readme.encode("utf-8"), 0o644),
    }
    for name in ("main.py", "requirements.txt", "GUIDE.md"):
        files[f"lite/{name}"] = (resources.files("nr_xl.lite").joinpath(name).read_bytes(), 0o644)
    if wheels is not None:
        for path in sorted(wheels.iterdir()):
            files[f"wheels/{path.name}"] = (path, 0o644)
    return files


def write_bundle(out: Path, folder: str, files: dict[str, Member]) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            content, mode = files[name]
            info = zipfile.ZipInfo(f"{folder}/{name}", FIXED_TIME)
            # Wheels are zips already: stored as they are, the bundle is written in seconds.
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".whl") else zipfile.ZIP_DEFLATED
            info.external_attr = (0o100000 | mode) << 16
            data = content.read_bytes() if isinstance(content, Path) else content
            zf.writestr(info, data)
    tmp.replace(out)
    return out


def release(root: Path, dist: Path, wheel: Path | None = None, log=print) -> list[Path]:
    """Build (unless ``wheel`` is given) and bundle; returns every file written."""
    from nr_xl.api import build_template

    written: list[Path] = []
    if wheel is None:
        wheel = build_distributions(root, dist)
        written += sorted(dist.glob(f"nr_xl-{__version__}*.tar.gz")) + [wheel]
    with tempfile.TemporaryDirectory() as tmp:
        # The release's workbook carries the wheel in its xlwings Lite code: nothing to host.
        workbook = build_template(Path(tmp) / "workbook_template.xlsm", lite_wheel=wheel)
        for flavour in FLAVOURS:
            wheels = Path(tmp) / f"wheels-{flavour.name}"
            download_wheels(wheel, flavour.name, wheels, log)
            folder = f"nr_xl-{__version__}"
            for suffix, with_wheels in (("", wheels), (ONLINE_SUFFIX, None)):
                out = dist / f"nr_xl-{__version__}-{flavour.name}{suffix}.zip"
                written.append(write_bundle(out, folder, bundle_files(flavour, wheel, workbook, with_wheels)))
    return written


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m nr_xl.release",
                                     description="Construit la roue, le sdist et les paquets Windows et macOS "
                                                 "(complets, hors ligne, et en ligne).")
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="Dossier de sortie (défaut : dist).")
    parser.add_argument("--wheel", type=Path, help="Roue déjà construite (sinon : python -m build).")
    parser.add_argument("--source", type=Path, default=Path("."), help="Dépôt source (défaut : dossier courant).")
    args = parser.parse_args(argv)
    if args.wheel is None and not (args.source / "pyproject.toml").exists():
        print(f"Erreur : pas de pyproject.toml dans « {args.source.resolve()} » : lancez la commande à la "
              "racine du dépôt, ou passez --source ou --wheel.", file=sys.stderr)
        return 2
    try:
        written = release(args.source, args.dist, args.wheel, log=lambda m: print(m, file=sys.stderr))
    except NrXlError as exc:
        print(f"Erreur : {exc.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Erreur : écriture impossible ({exc.strerror or exc}) : {exc.filename or args.dist}. Vérifiez le "
              "dossier de sortie (--dist) et la place sur le disque.", file=sys.stderr)
        return 1
    for path in written:
        print(f"{path}  ({_size(path.stat().st_size)})")
    return 0


def _size(n: int) -> str:
    return f"{n / 1e6:,.1f} Mo".replace(",", " ").replace(".", ",") if n >= 1e6 else \
        f"{n / 1e3:,.0f} Ko".replace(",", " ")

