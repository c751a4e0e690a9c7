"""Installe nr_xl pour l'utilisateur courant, sans droits d'administrateur.

    installer.cmd [--emplacement-approuve] [--hors-ligne | --en-ligne] [--proxy URL]   (Windows)
    python3 installer.py [--hors-ligne | --en-ligne] [--proxy URL]                     (macOS)

Ce fichier voyage seul dans le paquet de diffusion, à côté de la roue (.whl), du classeur
et, dans le paquet complet, du dossier « wheels » (toutes les dépendances) : il n'utilise
que la bibliothèque standard de Python, et n'importe quel Python 3.8 ou plus récent peut
le lancer ; il cherche lui-même un Python 3.11 à 3.13 (py -3.13, py -3.12, py -3.11).
Il écrit ce qu'il fait dans installer.log, à côté de lui.

What touches Windows only (registry, alternate data streams, known folders, the py
launcher) sits behind ``System`` so the whole run can be tested on any machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable

MINIMUM_PYTHON = (3, 11)
# The CPythons the complete bundle carries wheels for, most recent first (the one chosen
# when several are installed).
SUPPORTED_PYTHONS = ((3, 13), (3, 12), (3, 11))
PYTHON_DOWNLOAD = "https://www.python.org/downloads/"
WORKBOOK_SOURCE = "workbook_template.xlsm"
WHEELS = "wheels"
TARGETS_FILE = "CIBLES.txt"  # written by the release in wheels/: the Pythons and processors covered
LOG_NAME = "installer.log"
# A folder of its own, not all of Documents: a Trusted Location lets every macro in it run.
# No accent in the path: it travels through VBA, the registry and xlwings' command line.
WORKBOOK_FOLDER = "Numerique responsable"
WORKBOOK_NAME = "Feuille de route NR.xlsm"
# Office 2016, 2019, 2021 and Microsoft 365 all keep their settings under 16.0.
TRUSTED_LOCATIONS = r"Software\Microsoft\Office\16.0\Excel\Security\Trusted Locations"
TRUSTED_DESCRIPTION = "nr_xl (Numérique responsable)"
ZONE_STREAM = ":Zone.Identifier"

HOW_TO_GET_PYTHON = {
    "windows": (
        "Pour installer Python sans droits d'administrateur : ouvrez " + PYTHON_DOWNLOAD + "windows/, "
        "choisissez la dernière version « Python 3.13 » > « Windows installer (64-bit) » (ARM64 sur un "
        "poste ARM), lancez le fichier, laissez décochée la case « Use admin privileges when installing "
        "py.exe », cochez « Add python.exe to PATH » puis « Install Now » : Python s'installe pour vous "
        "seul. (Autre voie : Microsoft Store > « Python 3.13 » > Obtenir.) Puis relancez installer.cmd."),
    "macos": (
        "Pour installer Python : ouvrez " + PYTHON_DOWNLOAD + "macos/, choisissez la dernière version "
        "« Python 3.13 » > « macOS 64-bit universal2 installer », ouvrez le fichier .pkg et suivez les "
        "étapes (votre mot de passe de session suffit). Puis relancez installer.command."),
}


# --- what differs between Windows, macOS and a test -----------------------------------

class System:
    """What differs between Windows, macOS and a test: folders, the Mark of the Web, the
    Trusted Locations of Excel, where Pythons are found."""

    name = "windows"
    interpreter_key = "Interpreter_Win"

    def __init__(self, home: Path | None = None, registry: Registry | None = None) -> None:
        self.home = home or Path.home()
        self.registry = registry or WindowsRegistry()

    def app_data(self) -> Path:
        return Path(os.environ.get("LOCALAPPDATA") or self.home / "AppData" / "Local")

    def documents(self) -> Path:
        return _windows_documents() or self.home / "Documents"

    def python_commands(self) -> list[list[str]]:
        """Commands that start a Python, most wanted first: the py launcher's supported versions."""
        launcher = shutil.which("py")
        if launcher is None:
            return []
        return [[launcher, f"-{major}.{minor}"] for major, minor in SUPPORTED_PYTHONS] + [[launcher, "-3"]]

    def has_mark_of_the_web(self, path: Path) -> bool:
        # On NTFS the mark is an alternate data stream named Zone.Identifier.
        return os.path.exists(str(path) + ZONE_STREAM)

    def remove_mark_of_the_web(self, path: Path) -> bool:
        if not self.has_mark_of_the_web(path):
            return False
        os.remove(str(path) + ZONE_STREAM)
        return True

    def trusted_locations(self) -> dict:
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

    def subkeys(self, path: str) -> dict:
        raise NotImplementedError

    def set_values(self, path: str, values: dict) -> None:
        raise NotImplementedError


class WindowsRegistry(Registry):
    def subkeys(self, path: str) -> dict:
        if sys.platform != "win32":  # only Windows has a registry (and mypy knows winreg only there)
            raise OSError("no Windows registry on this system")
        import winreg

        found: dict = {}
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
                values: dict = {}
                try:
                    with winreg.OpenKey(root, name) as key:
                        n = 0
                        while True:
                            try:
                                value_name, data, _ = winreg.EnumValue(key, n)
                            except OSError:
                                break
                            values[value_name] = data
                            n += 1
                except OSError:
                    values = {"Path": ""}  # a slot we cannot read is still taken
                found[name] = values

    def set_values(self, path: str, values: dict) -> None:
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

    def python_commands(self) -> list[list[str]]:
        found = []
        for major, minor in SUPPORTED_PYTHONS:
            for candidate in (shutil.which(f"python{major}.{minor}"),
                              f"/Library/Frameworks/Python.framework/Versions/{major}.{minor}/bin/python3"):
                if candidate and os.path.exists(candidate):
                    found.append([candidate])
        return found

    # On macOS the mark is the com.apple.quarantine extended attribute.
    def has_mark_of_the_web(self, path: Path) -> bool:
        return "com.apple.quarantine" in _xattrs(path)

    def remove_mark_of_the_web(self, path: Path) -> bool:
        if not self.has_mark_of_the_web(path):
            return False
        subprocess.run(["xattr", "-d", "com.apple.quarantine", str(path)], check=True)
        return True

    def trusted_locations(self) -> dict:
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
    if platform.system() == "Darwin":
        return MacSystem()
    if platform.system() != "Windows":
        raise InstallError(
            "Ce paquet installe nr_xl pour Excel sous Windows ou macOS. Sous Linux, Excel n'existe pas : "
            "installez la ligne de commande depuis la roue de ce dossier : python3 -m venv ~/.nr_xl && "
            "~/.nr_xl/bin/pip install nr_xl-….whl, puis ~/.nr_xl/bin/nr-xl --help.")
    return System()


# --- what happened: for the user, for the log -----------------------------------------

@dataclass
class Outcome:
    done: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    undo: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = ["Ce qui a été fait :"] + [f"  - {d}" for d in self.done or ["rien : tout était déjà en place"]]
        if self.unchanged:
            lines += ["Déjà en place (inchangé) :"] + [f"  - {u}" for u in self.unchanged]
        if self.warnings:
            lines += ["À faire à la main :"] + [f"  - {w}" for w in self.warnings]
        lines += ["Pour tout défaire :"] + [f"  - {u}" for u in self.undo]
        return "\n".join(lines)


class InstallError(Exception):
    """A step that cannot go on; the message says what to do, in French."""


class Log:
    """installer.log beside the installer (or in the temporary folder if that one is read-only):
    every step, every command and its full output, for the DSI."""

    def __init__(self, folder: Path | None) -> None:
        self.path: Path | None = None
        for candidate in ([folder / LOG_NAME] if folder else []) + [Path(tempfile.gettempdir()) / f"nr_xl-{LOG_NAME}"]:
            try:
                with open(candidate, "a", encoding="utf-8") as fh:
                    fh.write("")
                self.path = candidate
                break
            except OSError:
                continue

    def write(self, text: str) -> None:
        if self.path is None:
            return
        try:
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(f"[{dt.datetime.now():%Y-%m-%d %H:%M:%S}] {text}\n")
        except OSError:
            pass

    def where(self) -> str:
        return f"Journal de l'installation : {self.path}" if self.path else "Aucun journal n'a pu être écrit."


class NoLog(Log):
    def __init__(self) -> None:
        self.path = None


# --- Python ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Interpreter:
    path: str
    version: tuple[int, int]
    platform: str  # sysconfig.get_platform(): win-amd64, win-arm64, macosx-10.13-universal2…
    machine: str  # platform.machine(): AMD64, ARM64, arm64, x86_64…

    @property
    def target(self) -> str:
        """The label of the release's targets (wheels/CIBLES.txt) this Python needs."""
        machine = self.machine.lower()
        if self.platform.startswith("win"):
            arch = {"win-amd64": "win_amd64", "win-arm64": "win_arm64"}.get(self.platform, self.platform)
        elif self.platform.startswith("macosx"):
            arch = "macosx_13_0_arm64" if machine == "arm64" else "macosx_13_0_x86_64"
        else:
            arch = f"{self.platform.split('-')[0]}_{machine}"
        return f"{arch} / CPython {self.version[0]}.{self.version[1]}"

    def describe(self) -> str:
        return f"Python {self.version[0]}.{self.version[1]} ({self.platform}) : {self.path}"


PROBE = ("import platform, sys, sysconfig; print(sys.executable); print('%d.%d' % sys.version_info[:2]); "
         "print(sysconfig.get_platform()); print(platform.machine())")


def probe(command: list[str], log: Log) -> Interpreter | None:
    try:
        result = subprocess.run(command + ["-I", "-c", PROBE], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.write(f"{' '.join(command)} : {exc}")
        return None
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or len(lines) < 4:
        log.write(f"{' '.join(command)} : code {result.returncode} {result.stderr.strip()[-300:]}")
        return None
    major, minor = (int(x) for x in lines[1].split("."))
    found = Interpreter(lines[0], (major, minor), lines[2], lines[3])
    log.write(f"{' '.join(command)} -> {found.describe()}")
    return found


def covered_targets(wheels: Path | None) -> set:
    if wheels is None or not (wheels / TARGETS_FILE).is_file():
        return set()
    return {line.strip() for line in (wheels / TARGETS_FILE).read_text(encoding="utf-8").splitlines() if line.strip()}


def find_pythons(system: System, log: Log) -> list[Interpreter]:
    """Every Python found (the one running this script, then the py launcher's or macOS's)."""
    found: dict = {}
    for command in [[sys.executable]] + system.python_commands():
        interpreter = probe(command, log)
        if interpreter is not None:
            found.setdefault(os.path.normcase(interpreter.path), interpreter)
    return list(found.values())


def choose_python(pythons: list[Interpreter], covered: set, offline: bool, system_name: str
                  ) -> tuple[Interpreter, bool]:
    """The Python to build nr_xl's environment with, and whether the wheels folder serves it."""
    recent = [p for p in pythons if p.version >= MINIMUM_PYTHON]
    served = [p for p in recent if p.target in covered]

    def preference(p: Interpreter) -> tuple[int, int]:
        order = list(SUPPORTED_PYTHONS)
        return (order.index(p.version) if p.version in order else len(order), 0)

    if served:
        return sorted(served, key=preference)[0], True
    how = HOW_TO_GET_PYTHON.get(system_name, HOW_TO_GET_PYTHON["windows"])
    if offline:
        have = ", ".join(p.describe() for p in pythons) or "aucun"
        wanted = ", ".join(sorted(covered)) or "aucun (ce paquet n'a pas de dossier wheels)"
        raise InstallError(
            f"--hors-ligne : le dossier « {WHEELS} » ne sert aucun des Python de ce poste ({have}). Il couvre : "
            f"{wanted}. {how}")
    if not recent:
        have = ", ".join(p.describe() for p in pythons)
        raise InstallError(
            "nr_xl demande Python 3.11 ou plus récent"
            + (f" ; ce poste n'a que : {have}" if have else " ; aucun Python n'a été trouvé sur ce poste")
            + f". {how}")
    return sorted(recent, key=preference)[0], False


def check_python(version: tuple[int, ...] = tuple(sys.version_info[:3])) -> None:
    if version[:2] < MINIMUM_PYTHON:
        raise InstallError(
            f"nr_xl demande Python 3.11 ou plus récent ; celui-ci est le {'.'.join(map(str, version))}. "
            f"{HOW_TO_GET_PYTHON['windows']}"
        )


# --- the bundle ------------------------------------------------------------------------------

def find_wheel(bundle: Path) -> Path:
    wheels = sorted(bundle.glob("nr_xl-*.whl"))
    if not wheels:
        raise InstallError(f"Aucun fichier nr_xl-….whl dans « {bundle} » : décompressez tout le paquet "
                           "de diffusion dans un même dossier (clic droit > « Extraire tout… »), puis relancez.")
    return wheels[-1]


def wheel_version(wheel: Path) -> str:
    return wheel.name.split("-")[1]


def venv_python(env: Path, windowless: bool = False) -> Path:
    """The venv's python; ``windowless`` prefers pythonw.exe, so Excel opens no console."""
    names = ["Scripts/pythonw.exe", "Scripts/python.exe"] if windowless else ["Scripts/python.exe"]
    for name in names + ["bin/python3", "bin/python"]:
        path = env / name
        if path.exists() and (path.is_symlink() or path.stat().st_size > 0):
            return path
    raise InstallError(f"L'environnement « {env} » n'a pas d'interpréteur Python : supprimez ce dossier "
                       "et relancez l'installation.")


def pip_command(python: Path, wheel: Path, wheels_dir: Path | None, proxy: str | None = None) -> list[str]:
    command = [str(python), "-I", "-m", "pip", "install", "--disable-pip-version-check", str(wheel)]
    if wheels_dir is not None:
        # The complete bundle carries every dependency in wheels/: never reach out to PyPI then.
        command[5:5] = ["--no-index", "--find-links", str(wheels_dir)]
    else:
        command[5:5] = ["--timeout", "30", "--retries", "2"] + (["--proxy", proxy] if proxy else [])
    return command


def installed_version(python: Path) -> str | None:
    probe_code = "import importlib.metadata as m\ntry: print(m.version('nr_xl'))\nexcept Exception: pass"
    # -I: only the venv counts, not the current folder nor PYTHONPATH.
    try:
        result = subprocess.run([str(python), "-I", "-c", probe_code], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None


def proxies() -> dict:
    """The proxies pip will use (environment variables; on Windows also the system's settings)."""
    try:
        return {k: v for k, v in urllib.request.getproxies().items() if k in ("http", "https", "no")}
    except Exception:  # a malformed setting: pip would fail on it too, and say so
        return {}


def masked(url: str) -> str:
    return re.sub(r"//[^/@]+@", "//***@", url)


def network_line(proxy: str | None) -> str:
    if proxy:
        return f"Accès à Internet : par le proxy {masked(proxy)} (option --proxy)."
    found = proxies()
    chosen = found.get("https") or found.get("http")
    if chosen:
        return (f"Accès à Internet : par le proxy {masked(chosen)} (réglage du système ou variable HTTPS_PROXY), "
                "que pip utilise aussi.")
    return "Accès à Internet : direct (aucun proxy réglé sur ce poste)."


PROXY_HELP = (
    "Si votre organisation passe par un proxy : demandez son adresse à la DSI et relancez avec "
    "--proxy http://adresse:port (ou http://identifiant:motdepasse@adresse:port) ; pip ne sait pas lire "
    "un script de configuration automatique du proxy (fichier PAC). Sans Internet : prenez le paquet "
    "complet (nr_xl-…-windows.zip, avec son dossier wheels), qui n'a besoin d'aucun réseau.")


def explain_pip_failure(output: str, offline: bool) -> str:
    low = output.lower()
    tail = "\n".join(output.strip().splitlines()[-6:])
    if "winerror 32" in low or "permissionerror" in low or "access is denied" in low or "accès refusé" in low:
        why = ("un fichier de l'environnement est utilisé par un autre programme : fermez Excel (il lance le Python "
               "de nr_xl) et toute fenêtre nr-xl, puis relancez.")
    elif offline:
        why = (f"une dépendance manque dans le dossier « {WHEELS} » pour ce Python : prenez le paquet complet de "
               "la même version, décompressé en entier, ou relancez avec --en-ligne si ce poste a accès à Internet.")
    elif any(word in low for word in ("proxyerror", "proxy", "407")):
        why = f"le proxy a refusé la connexion. {PROXY_HELP}"
    elif any(word in low for word in ("newconnectionerror", "max retries", "failed to establish", "timed out",
                                      "temporary failure in name resolution", "getaddrinfo", "no matching distribution",
                                      "could not find a version")):
        why = f"PyPI (le dépôt des paquets Python) est injoignable depuis ce poste. {PROXY_HELP}"
    elif "certificate" in low or "ssl" in low:
        why = ("la connexion sécurisée à PyPI a été refusée (certificat : proxy qui inspecte le trafic ?). "
               f"Demandez à la DSI le certificat de l'organisation, ou prenez le paquet complet. {PROXY_HELP}")
    elif "no space left" in low or "errno 28" in low:
        why = "le disque est plein : libérez de la place, puis relancez."
    else:
        why = "voyez le détail ci-dessous et le journal de l'installation."
    return f"L'installation de nr_xl a échoué (pip) : {why}\nDétail :\n{tail}"


def os_message(exc: OSError) -> str:
    """An error of the system, in French, with what to do."""
    path = exc.filename or ""
    where = f" « {path} »" if path else ""
    if isinstance(exc, (FileExistsError, NotADirectoryError)) or exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return (f"{where.strip() or 'Un fichier'} est un fichier, là où l'installateur doit créer un dossier : "
                "renommez-le ou déplacez-le, puis relancez.")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return (f"Accès refusé à{where} : fermez Excel et les fenêtres ouvertes sur ce dossier, vérifiez que vous "
                "pouvez y écrire (un antivirus ou une règle de la DSI peut l'interdire), puis relancez.")
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "Le disque est plein (ou votre quota est atteint) : libérez de la place, puis relancez."
    if exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        return ("Chemin trop long : décompressez le paquet dans un dossier au nom court (par exemple C:\\nr_xl), "
                "puis relancez.")
    return f"Erreur du système ({exc.strerror or exc}) sur{where or ' un fichier'} : vérifiez ce dossier, puis relancez."


# --- the installation ---------------------------------------------------------------------------

@dataclass
class Options:
    trusted: bool = False  # --emplacement-approuve
    offline: bool = False  # --hors-ligne: the wheels folder only, or stop
    online: bool = False  # --en-ligne: PyPI even if a wheels folder is there
    proxy: str | None = None  # --proxy URL, for pip


class Undo:
    """What this run created, removed again if it fails halfway: nothing half-made stays."""

    def __init__(self, log: Log) -> None:
        self.steps: list[tuple[str, Callable[[], None]]] = []
        self.log = log

    def add(self, what: str, action: Callable[[], None]) -> None:
        self.steps.append((what, action))

    def run(self) -> list[str]:
        removed = []
        for what, action in reversed(self.steps):
            try:
                action()
                removed.append(what)
                self.log.write(f"défait : {what}")
            except OSError as exc:
                self.log.write(f"impossible de défaire {what} : {exc}")
        self.steps.clear()
        return removed


def _run(command: list[str], log: Log, timeout: int = 1800) -> subprocess.CompletedProcess:
    log.write("$ " + " ".join(command))
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise InstallError(f"La commande n'a pas répondu en {timeout // 60} minutes : {' '.join(command[:6])}… "
                           f"{PROXY_HELP}") from exc
    log.write(f"code {result.returncode}\n{result.stdout}\n{result.stderr}".rstrip())
    return result


def _no_file_in_the_way(path: Path) -> None:
    """A French message when a file stands where a folder of ``path`` goes."""
    for parent in [path, *path.parents]:
        if parent.exists() and not parent.is_dir():
            raise InstallError(f"« {parent} » est un fichier, là où l'installateur doit créer un dossier : "
                               "renommez-le ou déplacez-le, puis relancez.")


def _folder(path: Path) -> None:
    _no_file_in_the_way(path)
    path.mkdir(parents=True, exist_ok=True)


def _healthy(env: Path, log: Log) -> Interpreter | None:
    try:
        python = venv_python(env)
    except InstallError:
        return None
    return probe([str(python)], log)


def install(bundle: Path, system: System, options: Options | None = None, echo: Callable[[str], None] = print,
            log: Log | None = None) -> Outcome:
    options = options or Options()
    log = log or NoLog()
    undo = Undo(log)
    try:
        return _install(bundle, system, options, echo, log, undo)
    except BaseException:
        removed = undo.run()
        if removed:
            echo("Défait, pour ne rien laisser à moitié : " + " ; ".join(removed) + ".")
        raise


def _install(bundle: Path, system: System, options: Options, echo: Callable[[str], None], log: Log,
             undo: Undo) -> Outcome:
    outcome = Outcome()
    wheel = find_wheel(bundle)
    workbook = bundle / WORKBOOK_SOURCE
    if not workbook.exists():
        raise InstallError(f"« {WORKBOOK_SOURCE} » manque dans « {bundle} » : décompressez tout le paquet.")
    wheels_dir = bundle / WHEELS if (bundle / WHEELS).is_dir() and not options.online else None
    if options.offline and wheels_dir is None:
        raise InstallError(f"--hors-ligne demande un dossier « {WHEELS} » à côté de l'installateur ({bundle}) : "
                           "prenez le paquet complet (nr_xl-…-windows.zip), décompressé en entier.")
    covered = covered_targets(wheels_dir)
    log.write(f"cibles du dossier wheels : {sorted(covered) or 'aucune'}")
    env = system.app_data() / "nr_xl" / "venv"
    folder = system.documents() / WORKBOOK_FOLDER
    for place in (env, folder):  # before anything is made: a file in the way stops the run at once
        _no_file_in_the_way(place)

    pythons = find_pythons(system, log)
    chosen, served = choose_python(pythons, covered, options.offline, system.name)
    if not served:
        wheels_dir = None  # this Python's wheels are not in the folder: PyPI
    echo(f"Python utilisé : {chosen.describe()}")
    echo("Installation depuis le dossier « wheels » (sans réseau)." if wheels_dir else network_line(options.proxy))

    _folder(env.parent)
    existing = _healthy(env, log) if env.exists() else None
    if existing is not None and wheels_dir is not None and existing.target not in covered:
        existing = None  # made by a Python the folder does not serve: rebuilt with the chosen one
    if existing is None:
        rebuilt = env.exists()
        echo(f"{'Reconstruction' if rebuilt else 'Création'} de l'environnement Python dans {env}…")
        if not rebuilt:
            undo.add(f"environnement {env} supprimé", lambda: shutil.rmtree(env))
        result = _run([chosen.path, "-I", "-m", "venv"] + (["--clear"] if rebuilt else []) + [str(env)], log)
        if result.returncode != 0:
            raise InstallError("La création de l'environnement Python a échoué : "
                               + "\n".join((result.stderr or result.stdout).strip().splitlines()[-4:]))
        outcome.done.append(f"environnement Python {'reconstruit (il était abîmé ou d’un autre Python)' if rebuilt else 'créé'} : {env}")
    else:
        outcome.unchanged.append(f"environnement Python : {env}")
    outcome.undo.append(f"supprimez le dossier {env.parent}")

    python = venv_python(env)
    version = wheel_version(wheel)
    if installed_version(python) != version:
        echo(f"Installation de nr_xl {version}" + (" depuis le dossier wheels…" if wheels_dir else " depuis PyPI…"))
        result = _run(pip_command(python, wheel, wheels_dir, options.proxy), log)
        if result.returncode != 0:
            raise InstallError(explain_pip_failure(result.stdout + "\n" + result.stderr, wheels_dir is not None))
        outcome.done.append(f"nr_xl {version} installé dans l'environnement")
    else:
        outcome.unchanged.append(f"nr_xl {version} déjà installé")

    copy = folder / WORKBOOK_NAME
    interpreter = venv_python(env, windowless=True)
    configure = [str(python), "-I", "-m", "nr_xl", "configure", "CLASSEUR", "--interpreter", str(interpreter),
                 "--systeme", system.name]
    created = not copy.exists()
    if created:
        _folder(folder)
        result = _place_configured_copy(workbook, copy, configure, log)
        undo.add(f"classeur {copy} retiré", lambda: copy.unlink())
        outcome.done.append(f"classeur copié : {copy}")
    else:
        # Never replace it: the user's roadmap may already be in it. nr-xl configure keeps a
        # backup of it when it changes the interpreter: the user's, left where it is.
        outcome.unchanged.append(f"classeur conservé tel quel : {copy}")
        result = _configure(configure, copy, log)
    outcome.undo.append(f"supprimez le classeur {copy} (après avoir sauvegardé votre travail)")
    message = f"{system.interpreter_key} = {interpreter} dans la feuille xlwings.conf du classeur"
    (outcome.unchanged if "inchangé" in result.stdout else outcome.done).append(message)

    try:
        if system.remove_mark_of_the_web(copy):
            outcome.done.append("marque « fichier venu d'Internet » retirée du classeur (les macros peuvent s'activer)")
    except (OSError, subprocess.CalledProcessError) as exc:
        log.write(f"marque : {exc}")
        outcome.warnings.append(f"retirez la marque « fichier venu d'Internet » : clic droit sur {copy} > Propriétés > "
                                "cocher « Débloquer » > OK")
    undo.steps.clear()  # everything made is in place: a failure from here on keeps it

    if options.trusted:
        _trust(system, folder, outcome, log)
    if system.name == "macos":
        _mac_runpython(env, outcome, log)
    return outcome


def _configure(command: list[str], workbook: Path, log: Log) -> subprocess.CompletedProcess:
    result = _run([str(workbook) if part == "CLASSEUR" else part for part in command], log)
    if result.returncode != 0:
        raise InstallError((result.stderr or result.stdout).strip())
    return result


def _place_configured_copy(template: Path, copy: Path, configure: list[str], log: Log
                           ) -> subprocess.CompletedProcess:
    """Copy and configure the blank workbook in a folder of the installer's own, beside ``copy``,
    then give it its name: what nr-xl configure leaves behind (its backup of the blank copy,
    the list of its backups) stays in that folder, which is removed whole. The installer never
    deletes a file in the user's folder: a re-run after the workbook moved used to delete every
    backup of it there."""
    staging = Path(tempfile.mkdtemp(prefix=".~nr_xl-installation-", dir=copy.parent))
    try:
        staged = staging / copy.name
        shutil.copyfile(template, staged)
        result = _configure(configure, staged, log)
        try:
            os.link(staged, copy)  # refused if a workbook came there meanwhile: never replaced
        except FileExistsError:
            raise InstallError(f"Un classeur « {copy} » est apparu pendant l'installation : il a été laissé "
                               "tel quel. Relancez l'installateur.") from None
        except OSError:  # a file system without hard links (FAT, some shares)
            if copy.exists():
                raise InstallError(f"Un classeur « {copy} » est apparu pendant l'installation : il a été "
                                   "laissé tel quel. Relancez l'installateur.") from None
            os.replace(staged, copy)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def trusted_key(system: System, folder: Path) -> str | None:
    """The registry key of a Trusted Location covering ``folder``, if any."""
    wanted = os.path.normcase(os.path.normpath(str(folder)))
    for name, path in system.trusted_locations().items():
        if path and os.path.normcase(os.path.normpath(path.rstrip("\\/"))) == wanted:
            return name
    return None


MANUAL_TRUST = ("dans Excel : Fichier > Options > Centre de gestion de la confidentialité > Paramètres du Centre "
                "de gestion de la confidentialité > Emplacements approuvés > Ajouter un nouvel emplacement > {folder}")


def _trust(system: System, folder: Path, outcome: Outcome, log: Log) -> None:
    if system.name != "windows":
        outcome.unchanged.append("emplacement approuvé : sans objet sur macOS (Excel pour Mac n'en a pas : "
                                 "activez les macros à l'ouverture du classeur)")
        return
    try:
        name = trusted_key(system, folder)
        if name is not None:
            outcome.unchanged.append(f"dossier {folder} déjà emplacement approuvé (clé {name})")
        else:
            taken = set(system.trusted_locations())
            name = next((f"Location{n}" for n in range(100, 1000) if f"Location{n}" not in taken), None)
            if name is None:
                raise OSError("aucune clé Location100 à Location999 libre")
            system.add_trusted_location(name, folder)
            outcome.done.append(f"dossier {folder} ajouté aux emplacements approuvés d'Excel (clé {name})")
    except OSError as exc:
        log.write(f"emplacement approuvé : {exc}")
        outcome.warnings.append("le dossier n'a pas pu être déclaré emplacement approuvé (registre : "
                                f"{exc.strerror or exc}) ; faites-le " + MANUAL_TRUST.format(folder=folder))
        return
    outcome.undo.append(f"retirez l'emplacement approuvé : {system.undo_trusted_location(name)}")


def _mac_runpython(env: Path, outcome: Outcome, log: Log) -> None:
    """Excel for Mac may only start Python through a script xlwings installs."""
    xlwings = env / "bin" / "xlwings"
    try:
        result = _run([str(xlwings), "runpython", "install"], log, timeout=300)
        ok = result.returncode == 0
    except (OSError, InstallError):
        ok = False
    if ok:
        outcome.done.append("Excel autorisé à lancer Python (xlwings runpython install)")
    else:
        outcome.warnings.append(f"dans le Terminal : {xlwings} runpython install")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"Erreur : options incomprises ({message}). Lancez l'installateur sans option, ou avec "
              "--emplacement-approuve, --hors-ligne, --en-ligne ou --proxy http://adresse:port.", file=sys.stderr)
        sys.exit(2)


def main(argv: list[str] | None = None, system: System | None = None, bundle: Path | None = None) -> int:
    parser = _Parser(prog="installer.py", description="Installe nr_xl pour vous seul, sans droits d'administrateur.")
    parser.add_argument("--emplacement-approuve", dest="trusted", action="store_true",
                        help="Ajoute le dossier du classeur aux emplacements approuvés d'Excel (Windows : macros "
                             "actives sans bandeau).")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--hors-ligne", dest="offline", action="store_true",
                      help="N'installe que depuis le dossier « wheels » (sans réseau), ou s'arrête.")
    mode.add_argument("--en-ligne", dest="online", action="store_true",
                      help="Installe depuis PyPI même si un dossier « wheels » est là.")
    parser.add_argument("--proxy", help="Proxy pour PyPI : http://adresse:port (ou http://identifiant:motdepasse@…).")
    args = parser.parse_args(argv)
    bundle = bundle or Path(__file__).resolve().parent
    log = Log(bundle)
    log.write(f"installer.py {' '.join(argv if argv is not None else sys.argv[1:])} ; Python {sys.version.split()[0]} "
              f"({sys.executable}) ; {platform.system()} {platform.release()} {platform.machine()} ; proxies : "
              f"{ {k: masked(v) for k, v in proxies().items()} }")
    options = Options(args.trusted, args.offline, args.online, args.proxy)
    try:
        outcome = install(bundle, system or current_system(), options, echo=print, log=log)
    except InstallError as exc:
        return _fail(str(exc), log)
    except OSError as exc:
        return _fail(os_message(exc), log)
    except KeyboardInterrupt:
        return _fail("Interrompu.", log, 130)
    except Exception as exc:  # never a traceback in the user's face: it goes to the log
        log.write(traceback.format_exc())
        return _fail(f"Erreur inattendue ({type(exc).__name__} : {exc}). Envoyez le journal ci-dessous à votre DSI "
                     "ou au support de nr_xl.", log)
    text = outcome.text()
    log.write(text)
    print(text)
    print(log.where())
    return 0


def _fail(message: str, log: Log, code: int = 1) -> int:
    log.write("ERREUR : " + message)
    print(f"Erreur : {message}", file=sys.stderr)
    print(log.where(), file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
