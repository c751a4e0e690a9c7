"""The release a collectivité installs: wheel, sdist, bundles and the installer.

The release is built as a maintainer builds it (python -m nr_xl.release, from a folder that
holds a leftover build/), which downloads every dependency wheel for each target from PyPI.
Each target's wheels folder is then resolved offline by pip itself, and read marker by
marker; the installer runs for real against a temporary home (venv, pip, nr-xl configure),
with only Windows' registry replaced by a dict.
"""

from __future__ import annotations

import email.parser
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags, mac_platforms
from packaging.utils import canonicalize_name, parse_wheel_filename

from nr_xl import __version__
from nr_xl.jobs.configure import active_settings, read_conf
from nr_xl.release import bundle, installer
from nr_xl.release.doctor import diagnose
from nr_xl.release.installer import TRUSTED_LOCATIONS, Options, System
from nr_xl.workbook import lite
from nr_xl.workbook.package import read_parts

from conftest import ROOT
from fake_windows import DictRegistry, mark_as_downloaded

pytestmark = pytest.mark.slow
WHEEL = f"nr_xl-{__version__}-py3-none-any.whl"
LITE_FILES = {"lite/main.py", "lite/requirements.txt", "lite/GUIDE.md"}
ZIPS = [(system, suffix) for system in ("windows", "macos") for suffix in ("", bundle.ONLINE_SUFFIX)]
LAUNCHERS = {"windows": "installer.cmd", "macos": "installer.command"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    cwd = tmp_path_factory.mktemp("maintainer")
    (cwd / "build" / "lib").mkdir(parents=True)  # what an earlier setuptools build leaves behind
    run = subprocess.run([sys.executable, "-m", "nr_xl.release", "--dist", str(out), "--source", str(ROOT)],
                         capture_output=True, text=True, cwd=cwd)
    assert run.returncode == 0, run.stderr
    sizes = {p.name: p.stat().st_size for p in out.glob("*.zip")}
    print("\n".join(f"{name}: {size / 1e6:.1f} Mo" for name, size in sorted(sizes.items())))
    return out


def members(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as zf:
        return {name.split("/", 1)[1]: zf.read(name) for name in zf.namelist()}


def test_build_makes_a_wheel_and_sdist_that_carry_everything(dist):
    with zipfile.ZipFile(dist / WHEEL) as zf:
        names = set(zf.namelist())
        metadata = zf.read(f"nr_xl-{__version__}.dist-info/METADATA").decode()
    assert {"nr_xl/vba/Ruban.bas", "nr_xl/vba/customUI14.xml", "nr_xl/example/orvane.json",
            "nr_xl/documents/templates/compte_rendu.docx", "nr_xl/documents/templates/annonce_lancement.docx",
            "nr_xl/documents/templates/support_comite.pptx",
            "nr_xl/release/installer.py", "nr_xl/release/LISEZMOI-windows.txt",
            "nr_xl/lite/main.py", "nr_xl/lite/requirements.txt", "nr_xl/lite/GUIDE.md"} <= names
    assert f"Version: {__version__}" in metadata and "Requires-Dist: xlwings==0.37.8" in metadata
    import tarfile

    with tarfile.open(dist / f"nr_xl-{__version__}.tar.gz") as sdist:
        shipped = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"lite/main.py", "lite/requirements.txt", "lite/GUIDE.md", "macros/Ruban.bas"} <= shipped


@pytest.mark.parametrize("system, suffix", ZIPS)
def test_bundles_hold_the_wheel_workbook_installer_lite_and_readme(dist, system, suffix):
    files = members(dist / f"nr_xl-{__version__}-{system}{suffix}.zip")
    launcher = LAUNCHERS[system]
    top = {name for name in files if not name.startswith("wheels/")}
    assert top == {"LISEZMOI.txt", "installer.py", "workbook_template.xlsm", WHEEL, launcher} | LITE_FILES
    assert files["installer.py"] == (ROOT / "nr_xl/release/installer.py").read_bytes()
    for name in LITE_FILES:
        assert files[name] == (ROOT / name).read_bytes()
    # The committed template, part for part, but for the wheel its xlwings Lite code embeds.
    release = read_parts_of(files["workbook_template.xlsm"])
    template = read_parts(ROOT / "workbook_template.xlsm")
    assert set(release) == set(template)
    assert [n for n in template if template[n] != release[n]] == [lite.WEBEXTENSION_PART]
    main = lite.stored_files(release)["main.py"]
    assert lite.embedded_wheel(main) == files[WHEEL]
    assert main.replace(main[main.index('NR_XL_ROUE = """'):], 'NR_XL_ROUE = ""\n') == lite.source("main.py")
    readme = files["LISEZMOI.txt"].decode("utf-8-sig")
    assert f"nr_xl {__version__}" in readme and "{" not in readme and "installer.log" in readme
    assert len(readme.splitlines()) <= 60  # one page
    crlf = system == "windows"
    assert (b"\r\n" in files[launcher]) is crlf and (b"\r\n" in files["LISEZMOI.txt"]) is crlf
    wheels = {name for name in files if name.startswith("wheels/")}
    if suffix:
        assert wheels == set() and (dist / f"nr_xl-{__version__}-{system}{suffix}.zip").stat().st_size < 2e6
    else:
        assert f"wheels/{bundle.TARGETS_FILE}" in wheels and len(wheels) > 30


def read_parts_of(data: bytes) -> dict[str, bytes]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


# --- each target's wheels folder, offline ----------------------------------------------------

TARGETS = [(t, python) for t in bundle.TARGETS for python in bundle.PYTHONS]


@pytest.fixture(scope="module")
def wheels(dist, tmp_path_factory) -> dict[str, Path]:
    """Each complete bundle's wheels folder, unzipped."""
    out = {}
    for system in ("windows", "macos"):
        root = tmp_path_factory.mktemp(system)
        with zipfile.ZipFile(dist / f"nr_xl-{__version__}-{system}.zip") as zf:
            zf.extractall(root)
        out[system] = root / f"nr_xl-{__version__}"
    return out


def covered(folder: Path) -> set[str]:
    return set((folder / "wheels" / bundle.TARGETS_FILE).read_text(encoding="utf-8").split("\n")) - {""}


def offline_env() -> dict[str, str]:
    """pip with no configuration but the command line: no index, no extra find-links."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


@pytest.mark.parametrize("target, python", TARGETS, ids=[f"{t.platform}-{p}" for t, p in TARGETS])
def test_each_target_installs_from_its_folder_alone(wheels, target, python, tmp_path):
    folder = wheels[target.system]
    label = f"{target.platform} / CPython {python}"
    if label not in covered(folder):
        assert not target.required, f"{label} manque"
        pytest.skip(f"{label} : une dépendance n'a pas de roue pour cette cible (installation en ligne)")
    report = tmp_path / "report.json"
    run = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--no-index", "--find-links",
         str(folder / "wheels"), "--only-binary", ":all:", "--platform", target.platform, "--python-version", python,
         "--implementation", "cp", "--target", str(tmp_path / "target"), "--report", str(report), "--quiet",
         str(folder / WHEEL), *bundle.PLATFORM_ONLY[target.system]],
        capture_output=True, text=True, env=offline_env())
    assert run.returncode == 0, run.stderr[-3000:]
    import json

    installed = {canonicalize_name(i["metadata"]["name"]) for i in json.loads(report.read_text())["install"]}
    assert {"nr-xl", "xlwings", "python-calamine", "lxml", "matplotlib", "numpy"} <= installed
    needed = {canonicalize_name(Requirement(r).name) for r in bundle.PLATFORM_ONLY[target.system]}
    assert needed <= installed


def target_environment(target: bundle.Target, python: str) -> dict[str, str]:
    env = dict(default_environment())
    windows = target.system == "windows"
    env.update({"sys_platform": "win32" if windows else "darwin", "platform_system": "Windows" if windows else "Darwin",
                "os_name": "nt" if windows else "posix", "python_version": python, "python_full_version": python + ".0",
                "platform_machine": {"win_amd64": "AMD64", "win_arm64": "ARM64"}.get(
                    target.platform, "arm64" if target.platform.endswith("arm64") else "x86_64"),
                "implementation_name": "cpython", "platform_python_implementation": "CPython"})
    return env


def target_tags(target: bundle.Target, python: str) -> list[Tag]:
    """The tags pip accepts on the target, most specific first (the order pip ranks wheels by)."""
    version = tuple(int(x) for x in python.split("."))
    if target.system == "windows":
        platforms = [target.platform]
    else:
        platforms = list(mac_platforms((13, 0), "arm64" if target.platform.endswith("arm64") else "x86_64"))
    interpreter = "cp" + python.replace(".", "")
    return list(cpython_tags(version, platforms=platforms)) + list(compatible_tags(version, interpreter, platforms))


def needed(folder: Path, environment: dict[str, str], tags: list[Tag], start: list[str]) -> tuple[set[str], set[str]]:
    """What ``start`` requires on the target, read from the wheels' own metadata marker by
    marker (of the wheel pip would pick: the most specific tag), and which of these the folder
    has no usable wheel for."""
    rank = {tag: i for i, tag in enumerate(tags)}
    usable: dict[str, tuple[int, Path]] = {}
    for path in folder.glob("*.whl"):
        name, _, _, wheel_tags = parse_wheel_filename(path.name)
        best = min((rank[tag] for tag in wheel_tags if tag in rank), default=None)
        if best is not None and (canonicalize_name(name) not in usable or best < usable[canonicalize_name(name)][0]):
            usable[canonicalize_name(name)] = (best, path)
    todo, seen, missing = list(start), set(), set()
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        path = folder.parent / WHEEL if name == "nr-xl" else usable.get(name, (0, None))[1]
        if path is None:
            missing.add(name)
            continue
        with zipfile.ZipFile(path) as zf:
            meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
            message = email.parser.Parser().parsestr(zf.read(meta).decode("utf-8"))
        for line in message.get_all("Requires-Dist") or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({**environment, "extra": ""}):
                todo.append(requirement.name)
    return seen, missing


@pytest.mark.parametrize("target, python", TARGETS, ids=[f"{t.platform}-{p}" for t, p in TARGETS])
def test_the_platform_only_list_names_what_the_markers_ask(wheels, target, python):
    """Read as the target reads them (sys_platform, platform_system…), every requirement has its
    wheel, and what only the target's markers ask for is in PLATFORM_ONLY: pip on Linux never
    sees it."""
    folder = wheels[target.system]
    if f"{target.platform} / CPython {python}" not in covered(folder):
        pytest.skip("cible non couverte")
    tags, environment = target_tags(target, python), target_environment(target, python)
    listed = [Requirement(r).name for r in bundle.PLATFORM_ONLY[target.system]]
    _, missing = needed(folder / "wheels", environment, tags, ["nr-xl", *listed])
    assert missing == set()
    on_target, _ = needed(folder / "wheels", environment, tags, ["nr-xl"])
    linux = {**environment, "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"}
    seen_from_linux, _ = needed(folder / "wheels", linux, tags, ["nr-xl"])
    assert on_target - seen_from_linux <= {canonicalize_name(n) for n in listed}
    if target.system == "windows":
        assert "pywin32" in on_target | {canonicalize_name(n) for n in listed}


def test_a_missing_build_module_is_said_plainly(monkeypatch):
    import importlib.util
    from importlib.machinery import ModuleSpec

    from nr_xl.core.errors import NrXlError

    namespace = ModuleSpec("build", None, is_package=True)  # what a bare build/ folder is to Python
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: namespace)
    with pytest.raises(NrXlError, match=r"pip install build"):
        bundle.build_distributions(ROOT, Path("/nonexistent"))


# --- the installer, for real --------------------------------------------------------------

@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory):
    """The Windows bundle unzipped and installed into a fresh home: on this Linux machine its
    wheels serve no Python, so the installer goes online (PyPI), as it says."""
    root = tmp_path_factory.mktemp("install")
    with zipfile.ZipFile(dist / f"nr_xl-{__version__}-windows.zip") as zf:
        zf.extractall(root)
    folder = root / f"nr_xl-{__version__}"
    system = System(root / "home", DictRegistry())
    said: list[str] = []
    outcome = installer.install(folder, system, Options(trusted=True), echo=said.append)
    return folder, system, outcome, said


def workbook_of(system: System) -> Path:
    return system.home / "Documents" / installer.WORKBOOK_FOLDER / installer.WORKBOOK_NAME


def test_installer_creates_the_venv_copies_and_configures_the_workbook(installed):
    _, system, outcome, said = installed
    assert any("depuis PyPI" in s for s in said) and any(s.startswith("Accès à Internet") for s in said)
    env = system.home / "AppData" / "Local" / "nr_xl" / "venv"
    python = installer.venv_python(env)
    assert installer.installed_version(python) == __version__
    copy = workbook_of(system)
    settings = active_settings(read_conf(copy))
    assert settings["Interpreter_Win"] == str(installer.venv_python(env, windowless=True))
    assert settings["UDF Modules"] == "nr_xl.udfs"
    assert not list(copy.parent.glob("*.bak"))
    (key, values), = system.registry.subkeys(TRUSTED_LOCATIONS).items()
    assert values["Path"] == str(copy.parent) + "\\" and values["AllowSubfolders"] == 0
    text = outcome.text()
    assert "Pour tout défaire" in text and f"reg delete \"HKCU\\{TRUSTED_LOCATIONS}\\{key}\" /f" in text


def test_the_installed_wheel_runs_the_demo(installed, tmp_path):
    _, system, _, _ = installed
    scripts = system.home / "AppData" / "Local" / "nr_xl" / "venv" / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run([str(scripts / "nr-xl"), "demo", "--out", str(tmp_path / "demo")],
                         capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    assert list((tmp_path / "demo").glob("*.xlsm"))
    assert list((tmp_path / "demo").glob("*.docx"))
    version = subprocess.run([str(scripts / "nr-xl"), "--version"], capture_output=True, text=True, env=env)
    assert __version__ in version.stdout


def test_a_second_run_changes_nothing_and_keeps_the_users_work(installed):
    bundle_dir, system, _, _ = installed
    copy = workbook_of(system)
    subprocess.run([sys.executable, "-m", "nr_xl", "check", str(copy), "--write"], capture_output=True)
    for backup in copy.parent.glob("*.bak"):  # the check's own backup, dated
        backup.unlink()
    stream = mark_as_downloaded(copy)  # the user saved it again from a mail

    def tree():
        return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in system.home.rglob("*")
                if p.is_file() and p != stream}

    before, registry = tree(), repr(system.registry.keys)
    outcome = installer.install(bundle_dir, system, Options(trusted=True), echo=lambda _: None)
    assert tree() == before and repr(system.registry.keys) == registry
    assert not stream.exists()
    assert len(outcome.done) == 1 and "marque" in outcome.done[0]
    again = installer.install(bundle_dir, system, Options(trusted=True), echo=lambda _: None)
    assert again.done == [] and "rien : tout était déjà en place" in again.text()


def test_doctor_tells_a_marked_workbook_and_the_trusted_location(installed, tmp_path):
    _, system, _, _ = installed
    copy = workbook_of(system)
    text = diagnose(copy, system).text()
    assert "Marque « fichier venu d'Internet » : absente" in text and "Emplacement approuvé : oui" in text
    elsewhere = tmp_path / "Téléchargements" / "classeur.xlsm"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(copy.read_bytes())
    mark_as_downloaded(elsewhere)
    diagnosis = diagnose(elsewhere, system)
    assert not diagnosis.ok
    assert "Emplacement approuvé : non" in diagnosis.text()
    assert any("Débloquer" in a and "Unblock-File" in a for a in diagnosis.advice)


def test_installer_alone_says_what_is_missing(tmp_path):
    script = tmp_path / "installer.py"
    script.write_bytes((ROOT / "nr_xl/release/installer.py").read_bytes())
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    # On this Linux machine, before anything else: this bundle is for Excel's systems.
    assert "Linux" in run.stderr and "nr_xl-….whl" in run.stderr
    assert (tmp_path / "installer.log").exists() and "installer.log" in run.stderr


@pytest.fixture(scope="module")
def offline_bundle(dist, tmp_path_factory):
    """A bundle whose wheels folder serves this very machine's Python: the offline path for real."""
    folder = tmp_path_factory.mktemp("offline") / "paquet"
    with zipfile.ZipFile(dist / f"nr_xl-{__version__}-windows.zip") as zf:
        for name in zf.namelist():
            if "/wheels/" not in name:
                zf.extract(name, folder.parent)
    (folder.parent / f"nr_xl-{__version__}").rename(folder)
    run = subprocess.run([sys.executable, "-m", "pip", "download", "--only-binary", ":all:", "--dest",
                          str(folder / "wheels"), str(folder / WHEEL)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    (folder / "wheels" / WHEEL).unlink()
    here = installer.probe([sys.executable], installer.NoLog())
    assert here is not None
    (folder / "wheels" / installer.TARGETS_FILE).write_text(here.target + "\n", encoding="utf-8")
    return folder


def test_offline_the_installer_uses_the_wheels_folder_alone_and_logs_it(offline_bundle, tmp_path, monkeypatch):
    for key in [k for k in os.environ if k.startswith("PIP_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")  # nothing answers there
    system = System(tmp_path / "home", DictRegistry())
    log = installer.Log(offline_bundle)
    said: list[str] = []
    outcome = installer.install(offline_bundle, system, Options(offline=True), echo=said.append, log=log)
    env = system.home / "AppData" / "Local" / "nr_xl" / "venv"
    assert installer.installed_version(installer.venv_python(env)) == __version__
    assert any("sans réseau" in s for s in said) and "nr_xl " + __version__ + " installé" in " ".join(outcome.done)
    logged = (offline_bundle / "installer.log").read_text(encoding="utf-8")
    assert "--no-index --find-links" in logged and str(offline_bundle / "wheels") in logged

    # An empty venv python (an interrupted copy): the next run rebuilds the environment.
    for name in ("bin/python", "bin/python3", f"bin/python3.{sys.version_info[1]}"):
        path = env / name
        if path.exists() or path.is_symlink():
            path.unlink()
            path.write_bytes(b"")
    again = installer.install(offline_bundle, system, Options(offline=True), echo=lambda _: None, log=log)
    assert any("reconstruit" in d for d in again.done)
    assert installer.installed_version(installer.venv_python(env)) == __version__


def test_a_failed_install_leaves_nothing_half_made(offline_bundle, tmp_path, monkeypatch):
    import shutil

    for key in [k for k in os.environ if k.startswith("PIP_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    broken = tmp_path / "paquet"
    shutil.copytree(offline_bundle, broken)
    for wheel in (broken / "wheels").glob("babel-*.whl"):
        wheel.unlink()
    system = System(tmp_path / "home", DictRegistry())
    said: list[str] = []
    with pytest.raises(installer.InstallError, match="une dépendance manque dans le dossier « wheels »"):
        installer.install(broken, system, Options(offline=True), echo=said.append)
    assert not (system.home / "AppData" / "Local" / "nr_xl" / "venv").exists()
    assert not workbook_of(system).exists()
    assert any("Défait" in s for s in said)


def test_the_py_launcher_is_how_windows_finds_each_python(tmp_path, monkeypatch):
    """installer.cmd and installer.py ask « py -3.13 », « py -3.12 », « py -3.11 »: a launcher
    that knows only 3.11 here (the one running the tests)."""
    launcher = tmp_path / "py"
    version = f"-{sys.version_info[0]}.{sys.version_info[1]}"
    launcher.write_text(f'#!/bin/sh\ncase "$1" in {version}|-3) shift; exec "{sys.executable}" "$@";;\n'
                        '*) echo "No suitable Python runtime found" >&2; exit 103;;\nesac\n')
    launcher.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    commands = System(tmp_path).python_commands()
    assert [c[1] for c in commands] == ["-3.13", "-3.12", "-3.11", "-3"]
    found = {c[1]: installer.probe(c, installer.NoLog()) for c in commands}
    assert found[version] is not None and found[version].version == sys.version_info[:2]
    assert all(found[c] is None for c in ("-3.13", "-3.12", "-3.11") if c != version)
