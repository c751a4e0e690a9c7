"""The release a collectivité installs: wheel, sdist, bundles and the installer.

The bundle is built as a release is (python -m nr_xl.release), then its
installer runs against a temporary home, for real (venv, pip, nr-xl configure),
with only Windows' registry replaced by a dict.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nr_xl import __version__
from nr_xl.jobs.configure import active_settings, read_conf
from nr_xl.release.doctor import diagnose
from nr_xl.release import installer
from nr_xl.release.installer import TRUSTED_LOCATIONS, System

from conftest import ROOT
from fake_windows import DictRegistry, mark_as_downloaded

pytestmark = pytest.mark.slow
BUNDLE_FILES = {"LISEZMOI.txt", "installer.py", "workbook_template.xlsm",
                f"nr_xl-{__version__}-py3-none-any.whl"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run([sys.executable, "-m", "nr_xl.release", "--dist", str(out), "--source", str(ROOT)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return out


def members(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as zf:
        return {name.split("/", 1)[1]: zf.read(name) for name in zf.namelist()}


def test_build_makes_a_wheel_that_carries_everything(dist):
    assert (dist / f"nr_xl-{__version__}.tar.gz").exists()
    with zipfile.ZipFile(dist / f"nr_xl-{__version__}-py3-none-any.whl") as zf:
        names = set(zf.namelist())
        metadata = zf.read(f"nr_xl-{__version__}.dist-info/METADATA").decode()
    assert {"nr_xl/vba/Ruban.bas", "nr_xl/vba/customUI14.xml", "nr_xl/example/orvane.json",
            "nr_xl/documents/templates/compte_rendu.docx", "nr_xl/documents/templates/annonce_lancement.docx",
            "nr_xl/documents/templates/support_comite.pptx",
            "nr_xl/release/installer.py", "nr_xl/release/LISEZMOI-windows.txt"} <= names
    assert f"Version: {__version__}" in metadata and "Requires-Dist: xlwings==0.37.8" in metadata


@pytest.mark.parametrize("system, launcher", [("windows", "installer.cmd"), ("macos", "installer.command")])
def test_bundles_hold_the_wheel_workbook_installer_and_readme(dist, system, launcher):
    files = members(dist / f"nr_xl-{__version__}-{system}.zip")
    assert set(files) == BUNDLE_FILES | {launcher}
    assert files["installer.py"] == (ROOT / "nr_xl/release/installer.py").read_bytes()
    # Built fresh from this version, hence the committed template to the byte.
    assert files["workbook_template.xlsm"] == (ROOT / "workbook_template.xlsm").read_bytes()
    readme = files["LISEZMOI.txt"].decode("utf-8-sig")
    assert f"nr_xl {__version__}" in readme and "Vérifier la faisabilité" in readme and "{" not in readme
    assert len(readme.splitlines()) <= 60  # one page
    crlf = system == "windows"
    assert (b"\r\n" in files[launcher]) is crlf and (b"\r\n" in files["LISEZMOI.txt"]) is crlf


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory):
    """The Windows bundle unzipped and installed into a fresh home."""
    root = tmp_path_factory.mktemp("install")
    with zipfile.ZipFile(dist / f"nr_xl-{__version__}-windows.zip") as zf:
        zf.extractall(root)
    bundle = root / f"nr_xl-{__version__}"
    system = System(root / "home", DictRegistry())
    outcome = installer.install(bundle, system, trusted=True, echo=lambda _: None)
    return bundle, system, outcome


def workbook_of(system: System) -> Path:
    return system.home / "Documents" / installer.WORKBOOK_FOLDER / installer.WORKBOOK_NAME


def test_installer_creates_the_venv_copies_and_configures_the_workbook(installed):
    _, system, outcome = installed
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
    _, system, _ = installed
    scripts = system.home / "AppData" / "Local" / "nr_xl" / "venv" / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run([str(scripts / "nr-xl"), "demo", "--out", str(tmp_path / "demo")],
                         capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "demo" / "orvane.xlsm").exists() or list((tmp_path / "demo").glob("*.xlsm"))
    assert list((tmp_path / "demo").glob("*.docx"))
    version = subprocess.run([str(scripts / "nr-xl"), "--version"], capture_output=True, text=True, env=env)
    assert __version__ in version.stdout


def test_a_second_run_changes_nothing_and_keeps_the_users_work(installed):
    bundle, system, _ = installed
    copy = workbook_of(system)
    subprocess.run([sys.executable, "-m", "nr_xl", "check", str(copy), "--write"], capture_output=True)
    for backup in copy.parent.glob("*.bak"):  # the check's own backup, dated
        backup.unlink()
    stream = mark_as_downloaded(copy)  # the user saved it again from a mail

    def tree():
        return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in system.home.rglob("*")
                if p.is_file() and p != stream}

    before, registry = tree(), repr(system.registry.keys)
    outcome = installer.install(bundle, system, trusted=True, echo=lambda _: None)
    assert tree() == before and repr(system.registry.keys) == registry
    assert not stream.exists()
    assert len(outcome.done) == 1 and "marque" in outcome.done[0]
    again = installer.install(bundle, system, trusted=True, echo=lambda _: None)
    assert again.done == [] and "rien : tout était déjà en place" in again.text()


def test_doctor_tells_a_marked_workbook_and_the_trusted_location(installed, tmp_path):
    _, system, _ = installed
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
    assert run.returncode == 1 and "nr_xl-….whl" in run.stderr and "Traceback" not in run.stderr


def test_too_old_a_python_gets_the_download_link():
    with pytest.raises(installer.InstallError, match="https://www.python.org/downloads/"):
        installer.check_python((3, 10, 4))
    installer.check_python((3, 11, 0))


def test_an_offline_dsi_installs_from_the_wheels_folder(tmp_path):
    wheel, wheels = tmp_path / "nr_xl-1.0-py3-none-any.whl", tmp_path / "wheels"
    online = installer.pip_command(Path("py"), wheel, None)
    offline = installer.pip_command(Path("py"), wheel, wheels)
    assert "--no-index" not in online
    assert offline[offline.index("--find-links") + 1] == str(wheels) and "--no-index" in offline


@pytest.mark.parametrize("argv, wanted", [([], (False, False)), (["--emplacement-approuve"], (True, False)),
                                          (["--hors-ligne"], (False, True))])
def test_installer_options_reach_the_install(monkeypatch, capsys, argv, wanted):
    seen = []

    def install(bundle, system, trusted, offline):
        seen.append((trusted, offline))
        return installer.Outcome(done=["essai"])

    monkeypatch.setattr(installer, "install", install)
    assert installer.main(argv, system=System(home=Path("/nonexistent"))) == 0
    assert seen == [wanted]
    assert "essai" in capsys.readouterr().out
