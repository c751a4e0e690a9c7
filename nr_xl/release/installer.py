"""Installe nr_xl pour l'utilisateur courant, sans droits d'administrateur.

    py installer.py [--emplacement-approuve] [--hors-ligne]      (Windows)
    python3 installer.py                                          (macOS)

Ce fichier voyage seul dans le paquet de diffusion, à côté de la roue (.whl)
et du classeur : il n'utilise que la bibliothèque standard de Python.

What touches Windows only (registry, alternate data streams, known folders)
sits behind ``System`` so the whole run can be tested on any machine.
"""

from __future__ import annotations

import argparse
import glob
import os
import platform
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass, field
from pathlib import Path

MINIMUM_PYTHON = (3, 11)
PYTHON_DOWNLOAD = "https://www.python.org/downloads/"
WORKBOOK_SOURCE = "workbook_template.xlsm"
# A folder of its own, not all of Documents: a Trusted Location lets every macro in it run.
# No accent in the path: it travels through VBA, the registry and xlwings' command line.
WORKBOOK_FOLDER = "Numerique responsable"
WORKBOOK_NAME = "Feuille de route NR.xlsm"
# Office 2016, 2019, 2021 and Microsoft 365 all keep their settings under 16.0.
TRUSTED_LOCATIONS = r"Software\Microsoft\Office\16.0\Excel\Security\Trusted Locations"
TRUSTED_DESCRIPTION = "nr_xl (Numérique responsable)"
ZONE_STREAM = ":Zone.Identifier"


class System:
    """What differs between Windows, macOS and a test: folders, the Mark of the
    Web, the Trusted Locations of Excel."""

    name = "windows"
    interpreter_key = "Interpreter_Win"

    def __init__(self, home: Path | None = None, registry: Registry | None = None) -> None:
        self.home = home or Path.home()
        self.registry = registry or WindowsRegistry()

    def app_data(self) -> Path:
        return Path(os.environ.get("LOCALAPPDATA") or self.home / "AppData" / "Local")

    def documents(self) -> Path:
        return _windows_documents() or self.home / "Documents"

    def has_mark_of_the_web(self, path: Path) -> bool:
        # On NTFS the mark is an alternate data stream named Zone.Identifier.
        return os.path.exists(str(path) + ZONE_STREAM)

    def remove_mark_of_the_web(self, path: Path) -> bool:
        if not self.has_mark_of_the_web(path):
            return False
        os.remove(str(path) + ZONE_STREAM)
        return True

    def trusted_locations(self) -> dict[str, str]:
        """Registry key name -> folder, for the user's Excel Trusted Locations."""
        return {name: str(values.get("Path", "")) for name, values in self.registry.subkeys(TRUSTED_LOCATIONS).items()}

    def add_trusted_location(self, name: str, folder: Path) -> None:
        # Excel wants the trailing backslash; subfolders stay untrusted on purpose.
        self.registry.set_values(TRUSTED_LOCATIONS + "\\" + name, {
            "Path": str(folder).rstrip("\\/") + "\\", "AllowSubfolders": 0, "Description": TRUSTED_DESCRIPTION})

    def undo_trusted_location(self, name: str) -> str:
        return f'reg delete "HKCU\\{TRUSTED_LOCATIONS}\\{name}" /f'


class Registry:
    """The few registry calls the installer makes, under HKEY_CURRENT_USER."""

    def subkeys(self, path: str) -> dict[str, dict[str, object]]:
        raise NotImplementedError

    def set_values(self, path: str, values: dict[str, object]) -> None:
        raise NotImplementedError


class WindowsRegistry(Registry):
    def subkeys(self, path: str) -> dict[str, dict[str, object]]:
        if sys.platform != "win32":  # only Windows has a registry (and mypy knows winreg only there)
            raise OSError("no Windows registry on this system")
        import winreg

        found: dict[str, dict[str, object]] = {}
        try:
            root = winreg.OpenKey(winreg.HKEY_CURRENT_USER, path)
        except OSError:
            return found  # no Trusted Location yet (or no Office)
        with root:
            index = 0
            while True:
                try:
                    name = winreg.EnumKey(root, index)
                except OSError:
                    return found
                index += 1
                values: dict[str, object] = {}
                with winreg.OpenKey(root, name) as key:
                    n = 0
                    while True:
                        try:
                            value_name, data, _ = winreg.EnumValue(key, n)
                        except OSError:
                            break
                        values[value_name] = data
                        n += 1
                found[name] = values

    def set_values(self, path: str, values: dict[str, object]) -> None:
        if sys.platform != "win32":  # only Windows has a registry (and mypy knows winreg only there)
            raise OSError("no Windows registry on this system")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, path) as key:
            for name, value in values.items():
                kind = winreg.REG_DWORD if isinstance(value, int) else winreg.REG_SZ
                winreg.SetValueEx(key, name, 0, kind, value)


class MacSystem(System):
    name = "macos"
    interpreter_key = "Interpreter_Mac"

    def app_data(self) -> Path:
        return self.home / "Library" / "Application Support"

    def documents(self) -> Path:
        return self.home / "Documents"

    # On macOS the mark is the com.apple.quarantine extended attribute.
    def has_mark_of_the_web(self, path: Path) -> bool:
        return "com.apple.quarantine" in _xattrs(path)

    def remove_mark_of_the_web(self, path: Path) -> bool:
        if not self.has_mark_of_the_web(path):
            return False
        subprocess.run(["xattr", "-d", "com.apple.quarantine", str(path)], check=True)
        return True

    def trusted_locations(self) -> dict[str, str]:
        return {}  # Excel for Mac has no Trusted Locations: macros are enabled at opening.


def _xattrs(path: Path) -> str:
    try:
        return subprocess.run(["xattr", str(path)], capture_output=True, text=True).stdout
    except OSError:
        return ""


def _windows_documents() -> Path | None:
    """The real Documents folder, which OneDrive or a DSI policy may have moved."""
    if os.name != "nt":
        return None
    import ctypes
    from ctypes import wintypes

    buffer = ctypes.create_unicode_buffer(wintypes.MAX_PATH)
    # CSIDL_PERSONAL = 5: the user's Documents.
    if ctypes.windll.shell32.SHGetFolderPathW(None, 5, None, 0, buffer) == 0:  # type: ignore[attr-defined]
        return Path(buffer.value)
    return None


def current_system() -> System:
    return MacSystem() if platform.system() == "Darwin" else System()


@dataclass
class Outcome:
    done: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    undo: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = ["Ce qui a été fait :"] + [f"  - {d}" for d in self.done or ["rien : tout était déjà en place"]]
        if self.unchanged:
            lines += ["Déjà en place (inchangé) :"] + [f"  - {u}" for u in self.unchanged]
        lines += ["Pour tout défaire :"] + [f"  - {u}" for u in self.undo]
        return "\n".join(lines)


class InstallError(Exception):
    """A step that cannot go on; the message says what to do, in French."""


def check_python(version: tuple[int, ...] = tuple(sys.version_info[:3])) -> None:
    if version[:2] < MINIMUM_PYTHON:
        raise InstallError(
            f"nr_xl demande Python 3.11 ou plus récent ; celui-ci est le {'.'.join(map(str, version))}. "
            f"Téléchargez Python depuis {PYTHON_DOWNLOAD} (cochez « Add python.exe to PATH »), "
            "puis relancez : py installer.py"
        )


def find_wheel(bundle: Path) -> Path:
    wheels = sorted(bundle.glob("nr_xl-*.whl"))
    if not wheels:
        raise InstallError(f"Aucun fichier nr_xl-….whl dans « {bundle} » : décompressez tout le paquet "
                           "de diffusion dans un même dossier, puis relancez.")
    return wheels[-1]


def wheel_version(wheel: Path) -> str:
    return wheel.name.split("-")[1]


def venv_python(env: Path, windowless: bool = False) -> Path:
    """The venv's python; ``windowless`` prefers pythonw.exe, so Excel opens no console."""
    names = ["Scripts/pythonw.exe", "Scripts/python.exe"] if windowless else ["Scripts/python.exe"]
    for name in names + ["bin/python3", "bin/python"]:
        if (env / name).exists():
            return env / name
    raise InstallError(f"L'environnement « {env} » n'a pas d'interpréteur Python : supprimez ce dossier "
                       "et relancez l'installation.")


def pip_command(python: Path, wheel: Path, wheels_dir: Path | None) -> list[str]:
    command = [str(python), "-I", "-m", "pip", "install", "--disable-pip-version-check", str(wheel)]
    if wheels_dir is not None:
        # An offline DSI ships every dependency in wheels/: never reach out to PyPI then.
        command[5:5] = ["--no-index", "--find-links", str(wheels_dir)]
    return command


def installed_version(python: Path) -> str | None:
    probe = "import importlib.metadata as m\ntry: print(m.version('nr_xl'))\nexcept Exception: pass"
    # -I: only the venv counts, not the current folder nor PYTHONPATH.
    result = subprocess.run([str(python), "-I", "-c", probe], capture_output=True, text=True)
    return result.stdout.strip() or None


def install(bundle: Path, system: System, trusted: bool = False, offline: bool = False,
            echo=print) -> Outcome:
    outcome = Outcome()
    wheel = find_wheel(bundle)
    workbook = bundle / WORKBOOK_SOURCE
    if not workbook.exists():
        raise InstallError(f"« {WORKBOOK_SOURCE} » manque dans « {bundle} » : décompressez tout le paquet.")
    wheels_dir = bundle / "wheels"
    if offline and not wheels_dir.is_dir():
        raise InstallError(f"--hors-ligne demande un dossier « wheels » à côté de l'installateur ({bundle}).")
    use_wheels = wheels_dir if wheels_dir.is_dir() else None

    env = system.app_data() / "nr_xl" / "venv"
    if not env.exists():
        echo(f"Création de l'environnement Python dans {env}…")
        venv.EnvBuilder(with_pip=True, clear=False).create(env)
        outcome.done.append(f"environnement Python créé : {env}")
    else:
        outcome.unchanged.append(f"environnement Python : {env}")
    outcome.undo.append(f"supprimez le dossier {env.parent}")

    python = venv_python(env)
    version = wheel_version(wheel)
    if installed_version(python) != version:
        echo(f"Installation de nr_xl {version}" + (" depuis le dossier wheels…" if use_wheels else "…"))
        result = subprocess.run(pip_command(python, wheel, use_wheels), capture_output=True, text=True)
        if result.returncode != 0:
            tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-5:])
            raise InstallError("L'installation de nr_xl a échoué (pip). Vérifiez l'accès à Internet, "
                               "ou placez les dépendances dans un dossier « wheels » à côté de "
                               f"l'installateur, puis relancez. Détail :\n{tail}")
        outcome.done.append(f"nr_xl {version} installé dans l'environnement")
    else:
        outcome.unchanged.append(f"nr_xl {version} déjà installé")

    folder = system.documents() / WORKBOOK_FOLDER
    copy = folder / WORKBOOK_NAME
    created = not copy.exists()
    if created:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(workbook, copy)
        outcome.done.append(f"classeur copié : {copy}")
    else:
        # Never replace it: the user's roadmap may already be in it.
        outcome.unchanged.append(f"classeur conservé tel quel : {copy}")
    outcome.undo.append(f"supprimez le classeur {copy} (après avoir sauvegardé votre travail)")

    interpreter = venv_python(env, windowless=True)
    result = subprocess.run([str(python), "-I", "-m", "nr_xl", "configure", str(copy), "--interpreter",
                             str(interpreter), "--systeme", system.name],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise InstallError((result.stderr or result.stdout).strip())
    if created:  # backups of the blank template we just made: nothing to keep
        for backup in copy.parent.glob(glob.escape(copy.name) + "*.bak"):
            if backup.is_file() and not backup.is_symlink():
                backup.unlink()
    message = f"{system.interpreter_key} = {interpreter} dans la feuille xlwings.conf du classeur"
    (outcome.unchanged if "inchangé" in result.stdout else outcome.done).append(message)

    if system.remove_mark_of_the_web(copy):
        outcome.done.append("marque « fichier venu d'Internet » retirée du classeur (les macros peuvent s'activer)")

    if trusted:
        _trust(system, folder, outcome)
    if system.name == "macos":
        _mac_runpython(env, outcome)
    return outcome


def trusted_key(system: System, folder: Path) -> str | None:
    """The registry key of a Trusted Location covering ``folder``, if any."""
    wanted = os.path.normcase(os.path.normpath(str(folder)))
    for name, path in system.trusted_locations().items():
        if os.path.normcase(os.path.normpath(path.rstrip("\\/"))) == wanted:
            return name
    return None


def _trust(system: System, folder: Path, outcome: Outcome) -> None:
    if system.name != "windows":
        outcome.unchanged.append("emplacement approuvé : sans objet sur macOS (activez les macros à l'ouverture)")
        return
    name = trusted_key(system, folder)
    if name is None:
        taken = set(system.trusted_locations())
        name = next(f"Location{n}" for n in range(100, 1000) if f"Location{n}" not in taken)
        system.add_trusted_location(name, folder)
        outcome.done.append(f"dossier {folder} ajouté aux emplacements approuvés d'Excel (clé {name})")
    else:
        outcome.unchanged.append(f"dossier {folder} déjà emplacement approuvé (clé {name})")
    outcome.undo.append(f"retirez l'emplacement approuvé : {system.undo_trusted_location(name)}")


def _mac_runpython(env: Path, outcome: Outcome) -> None:
    """Excel for Mac may only start Python through a script xlwings installs."""
    xlwings = env / "bin" / "xlwings"
    result = subprocess.run([str(xlwings), "runpython", "install"], capture_output=True, text=True)
    if result.returncode == 0:
        outcome.done.append("Excel autorisé à lancer Python (xlwings runpython install)")
    else:
        outcome.done.append(f"à faire à la main : {xlwings} runpython install")


def main(argv: list[str] | None = None, system: System | None = None) -> int:
    parser = argparse.ArgumentParser(prog="installer.py", description="Installe nr_xl pour vous seul, "
                                     "sans droits d'administrateur.")
    parser.add_argument("--emplacement-approuve", dest="trusted", action="store_true",
                        help="Ajoute le dossier du classeur aux emplacements approuvés d'Excel (macros actives).")
    parser.add_argument("--hors-ligne", dest="offline", action="store_true",
                        help="N'installe que depuis le dossier « wheels » (sans Internet).")
    args = parser.parse_args(argv)
    bundle = Path(__file__).resolve().parent
    try:
        check_python()
        outcome = install(bundle, system or current_system(), args.trusted, args.offline)
    except InstallError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    print(outcome.text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
