"""The installer's decisions and messages, without starting anything: which Python, which
source, what a French message says for each system error, the registry's corner cases.
The real runs (venv, pip, offline and online) are in tests/test_release.py; the re-run after
the workbook moved runs here against this checkout's environment (marked slow)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from nr_xl.release import installer
from nr_xl.release.installer import InstallError, Interpreter, MacSystem, Options, Outcome, System

from fake_windows import DictRegistry, LockedRegistry


def python(version, platform="win-amd64", machine="AMD64", path=None):
    return Interpreter(path or f"C:/Python{version[0]}{version[1]}/python.exe", version, platform, machine)


COVERED = {f"win_amd64 / CPython 3.{m}" for m in (11, 12, 13)}


def test_the_newest_python_the_wheels_serve_is_chosen():
    chosen, served = installer.choose_python([python((3, 12)), python((3, 13)), python((3, 14))], COVERED, False,
                                             "windows")
    assert chosen.version == (3, 13) and served
    # A Python the folder does not serve (3.14, 32 bits) goes online; with --hors-ligne, it stops.
    chosen, served = installer.choose_python([python((3, 14))], COVERED, False, "windows")
    assert chosen.version == (3, 14) and not served
    with pytest.raises(InstallError, match="Use admin privileges when installing py.exe") as error:
        installer.choose_python([python((3, 14)), python((3, 12), "win32", "x86")], COVERED, True, "windows")
    assert "win_amd64 / CPython 3.13" in str(error.value) and "3.14" in str(error.value)


def test_without_python_the_message_says_how_to_get_one_without_admin_rights():
    with pytest.raises(InstallError) as error:
        installer.choose_python([python((3, 9))], COVERED, False, "windows")
    message = str(error.value)
    assert "3.9" in message and "Install Now" in message and "pour vous seul" in message
    assert "Microsoft Store" in message
    with pytest.raises(InstallError, match="universal2"):
        installer.choose_python([], set(), False, "macos")


def test_targets_name_processor_and_python_as_the_release_does():
    assert python((3, 12)).target == "win_amd64 / CPython 3.12"
    assert python((3, 13), "win-arm64", "ARM64").target == "win_arm64 / CPython 3.13"
    assert python((3, 13), "macosx-10.13-universal2", "arm64").target == "macosx_13_0_arm64 / CPython 3.13"
    assert python((3, 11), "macosx-10.9-x86_64", "x86_64").target == "macosx_13_0_x86_64 / CPython 3.11"


def test_the_pip_command_offline_never_reaches_an_index():
    wheel, wheels = Path("nr_xl-1.0-py3-none-any.whl"), Path("wheels")
    offline = installer.pip_command(Path("py"), wheel, wheels)
    assert offline[offline.index("--find-links") + 1] == "wheels" and "--no-index" in offline
    online = installer.pip_command(Path("py"), wheel, None, proxy="http://proxy.agglo.fr:3128")
    assert "--no-index" not in online and online[online.index("--proxy") + 1] == "http://proxy.agglo.fr:3128"


def test_proxy_settings_are_said_and_their_password_hidden(monkeypatch):
    monkeypatch.setattr(installer, "proxies", lambda: {"https": "http://lea:secret@proxy.agglo.fr:3128"})
    line = installer.network_line(None)
    assert "proxy http://***@proxy.agglo.fr:3128" in line and "secret" not in line
    monkeypatch.setattr(installer, "proxies", lambda: {})
    assert "direct" in installer.network_line(None)
    assert "--proxy" in installer.network_line("http://p:8080")


@pytest.mark.parametrize("output, says", [
    ("ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication Required'))",
     "le proxy a refusé"),
    ("NewConnectionError: Failed to establish a new connection: [Errno 11001] getaddrinfo failed",
     "PyPI (le dépôt des paquets Python) est injoignable"),
    ("ERROR: No matching distribution found for Babel>=2.14", "injoignable"),
    ("SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED]", "certificat"),
    ("PermissionError: [WinError 32] Le processus ne peut pas accéder au fichier", "fermez Excel"),
])
def test_a_pip_failure_is_explained_with_what_to_do(output, says):
    text = installer.explain_pip_failure(output, offline=False)
    assert says in text and text.startswith("L'installation de nr_xl a échoué")
    if "injoignable" in says or "proxy" in says:
        assert "--proxy http://adresse:port" in text and "PAC" in text and "paquet" in text


@pytest.mark.parametrize("exc, says", [
    (FileExistsError(errno.EEXIST, "File exists", "C:/Users/lea/Documents/Numerique responsable"), "est un fichier"),
    (NotADirectoryError(errno.ENOTDIR, "Not a directory", "C:/x"), "est un fichier"),
    (PermissionError(errno.EACCES, "Permission denied", "C:/x"), "Accès refusé à « C:/x »"),
    (OSError(errno.ENOSPC, "No space left on device"), "Le disque est plein"),
    (OSError(errno.ENAMETOOLONG, "File name too long", "C:/x"), "C:\\nr_xl"),
    (OSError(errno.EIO, "Input/output error", "C:/x"), "Erreur du système (Input/output error)"),
])
def test_every_system_error_is_a_french_message(exc, says):
    assert says in installer.os_message(exc)


def fake_bundle(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nr_xl-0.2.0-py3-none-any.whl").write_bytes(b"")
    (folder / installer.WORKBOOK_SOURCE).write_bytes(b"")
    return folder


@pytest.mark.parametrize("in_the_way", ["AppData/Local/nr_xl", "Documents/Numerique responsable", "Documents"])
def test_a_file_where_a_folder_goes_stops_before_anything_is_made(tmp_path, monkeypatch, in_the_way):
    monkeypatch.setattr(installer, "find_pythons", lambda system, log: [python((3, 12))])
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    home = tmp_path / "home"
    (home / in_the_way).parent.mkdir(parents=True, exist_ok=True)
    (home / in_the_way).write_text("un fichier")
    paquet = fake_bundle(tmp_path / "paquet")
    before = sorted(p for p in home.rglob("*"))
    with pytest.raises(InstallError, match="est un fichier, là où l'installateur doit créer un dossier"):
        installer.install(paquet, System(home, DictRegistry()), echo=lambda _: None)
    assert sorted(p for p in home.rglob("*")) == before


def test_an_occupied_registry_slot_is_skipped(tmp_path):
    registry = DictRegistry()
    registry.set_values(installer.TRUSTED_LOCATIONS + "\\Location100", {"Path": "C:\\Autre\\"})
    registry.set_values(installer.TRUSTED_LOCATIONS + "\\Location101", {})  # a slot with no path at all
    outcome = Outcome()
    installer._trust(System(tmp_path, registry), tmp_path / "Numerique responsable", outcome, installer.NoLog())
    assert "clé Location102" in outcome.done[0] and not outcome.warnings
    assert registry.keys[installer.TRUSTED_LOCATIONS + "\\Location100"]["Path"] == "C:\\Autre\\"


def test_a_registry_the_dsi_locked_is_a_step_to_do_by_hand(tmp_path):
    outcome = Outcome()
    installer._trust(System(tmp_path, LockedRegistry()), tmp_path / "NR", outcome, installer.NoLog())
    (warning,) = outcome.warnings
    assert "Accès refusé" in warning and "Emplacements approuvés > Ajouter un nouvel emplacement" in warning
    assert outcome.done == [] and "reg delete" not in outcome.text()


def test_every_slot_taken_is_said_too(tmp_path):
    registry = DictRegistry()
    for n in range(100, 1000):
        registry.keys[installer.TRUSTED_LOCATIONS + f"\\Location{n}"] = {"Path": f"C:\\{n}\\"}
    outcome = Outcome()
    installer._trust(System(tmp_path, registry), tmp_path / "NR", outcome, installer.NoLog())
    assert "aucune clé Location100 à Location999 libre" in outcome.warnings[0]


def test_trusted_location_off_windows_is_explained(tmp_path):
    outcome = Outcome()
    installer._trust(MacSystem(tmp_path), tmp_path / "NR", outcome, installer.NoLog())
    assert "sans objet sur macOS" in outcome.unchanged[0] and outcome.warnings == []


def test_on_linux_the_installer_says_what_to_do_instead(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("platform.system", lambda: "Linux")
    assert installer.main(["--emplacement-approuve"], bundle=tmp_path) == 1
    err = capsys.readouterr().err
    assert "Sous Linux" in err and "pip install nr_xl-….whl" in err and "Traceback" not in err
    assert "Linux" in (tmp_path / installer.LOG_NAME).read_text(encoding="utf-8")


@pytest.mark.parametrize("raised, says, code", [
    (PermissionError(errno.EACCES, "Permission denied", "C:/Users/lea/AppData/Local/nr_xl"),
     "Accès refusé à « C:/Users/lea/AppData/Local/nr_xl »", 1),
    (RuntimeError("boom"), "Erreur inattendue (RuntimeError : boom)", 1),
    (KeyboardInterrupt(), "Interrompu", 130),
])
def test_main_never_shows_a_traceback(tmp_path, monkeypatch, capsys, raised, says, code):
    def install(*args, **kwargs):
        raise raised

    monkeypatch.setattr(installer, "install", install)
    assert installer.main([], system=System(tmp_path, DictRegistry()), bundle=tmp_path) == code
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and str(tmp_path / installer.LOG_NAME) in err
    logged = (tmp_path / installer.LOG_NAME).read_text(encoding="utf-8")
    assert "ERREUR" in logged
    if isinstance(raised, RuntimeError):
        assert "Traceback" in logged  # for the DSI, in the log only


@pytest.mark.parametrize("argv, wanted", [([], Options()), (["--emplacement-approuve"], Options(trusted=True)),
                                          (["--hors-ligne"], Options(offline=True)),
                                          (["--en-ligne", "--proxy", "http://p:3128"],
                                           Options(online=True, proxy="http://p:3128"))])
def test_installer_options_reach_the_install(tmp_path, monkeypatch, capsys, argv, wanted):
    seen = []

    def install(bundle, system, options, echo, log):
        seen.append(options)
        return Outcome(done=["essai"])

    monkeypatch.setattr(installer, "install", install)
    assert installer.main(argv, system=System(tmp_path, DictRegistry()), bundle=tmp_path) == 0
    assert seen == [wanted]
    out = capsys.readouterr().out
    assert "essai" in out and installer.LOG_NAME in out


def test_contradictory_options_get_a_french_message(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        installer.main(["--hors-ligne", "--en-ligne"], bundle=tmp_path)
    assert stop.value.code == 2 and "Erreur : options incomprises" in capsys.readouterr().err


def test_the_installer_runs_on_an_older_python_to_find_a_newer_one():
    """Standard library only, and nothing that Python 3.8 would refuse to parse."""
    import ast

    source = (Path(installer.__file__)).read_text(encoding="utf-8")
    tree = ast.parse(source, feature_version=(3, 8))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    import sys

    assert imported <= set(sys.stdlib_module_names) | {"__future__"}


# --- a re-run touches nothing it did not make -------------------------------------------------

def bundle_beside_this_environment(tmp_path: Path) -> tuple[Path, System]:
    """A bundle whose wheel is this checkout's nr_xl, already installed in an environment the
    home's nr_xl folder points to: the installer runs for real (probe, copy, nr-xl configure)
    without building a wheel nor reaching PyPI."""
    import shutil
    import sys

    from nr_xl import __version__

    from conftest import ROOT

    bundle = tmp_path / "paquet"
    bundle.mkdir()
    (bundle / f"nr_xl-{__version__}-py3-none-any.whl").write_bytes(b"")
    shutil.copyfile(ROOT / "workbook_template.xlsm", bundle / installer.WORKBOOK_SOURCE)
    system = System(tmp_path / "home", DictRegistry())
    env = system.app_data() / "nr_xl" / "venv"
    env.parent.mkdir(parents=True)
    env.symlink_to(Path(sys.prefix), target_is_directory=True)
    return bundle, system


@pytest.mark.slow
def test_a_second_run_after_the_workbook_moved_keeps_every_backup_of_the_users(tmp_path):
    """The collectivité moved its roadmap to a shared drive; re-run, the installer copied a
    fresh workbook and deleted every « Feuille de route NR.xlsm*.bak » it found there."""
    from nr_xl import api
    from nr_xl.workbook.backup import backups_of, manifest_path

    bundle, system = bundle_beside_this_environment(tmp_path)
    installer.install(bundle, system, Options(), echo=lambda _: None)
    copy = system.documents() / installer.WORKBOOK_FOLDER / installer.WORKBOOK_NAME
    assert copy.exists() and not [p for p in copy.parent.iterdir() if p.name.endswith(".bak")]
    fresh_install = manifest_path(copy).exists()
    _, written = api.check_and_write(copy)  # the user's work: a backup of their roadmap
    own = copy.with_name(copy.name + ".avant le comite.bak")
    own.write_bytes(b"ma copie de la feuille de route")
    before = {p.name: p.read_bytes() for p in copy.parent.iterdir()}
    copy.rename(tmp_path / "lecteur partage.xlsm")
    installer.install(bundle, system, Options(), echo=lambda _: None)
    after = {p.name: p.read_bytes() for p in copy.parent.iterdir()}
    assert {name: data for name, data in after.items() if name != copy.name} == \
        {name: data for name, data in before.items() if name != copy.name}  # written and own kept, as they were
    assert written.exists() and own.exists() and copy.exists()
    assert not fresh_install and backups_of(copy) == [written]  # nothing of the blank copy's left behind

