"""The core really runs under Pyodide, the WebAssembly Python of xlwings Lite.

Node loads Pyodide (npm package ``pyodide``, the version xlwings Lite ships), the
nr_xl wheel built from this checkout and the pure-Python dependencies it declares
for ``sys_platform == "emscripten"`` are unpacked into its file system, and the
checks and the journal run there on the embedded example's sheets. Their output
must equal CPython's, to the byte.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement

from nr_xl import api

from nr_xl.core import schema
from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
from nr_xl.core.journal import book, plans
from nr_xl.sources import read_rows
from nr_xl.workbook.edit import apply_edits

from conftest import ROOT

# The Pyodide of xlwings Lite (its changelog: « Upgraded to Pyodide 0.27.5 »; 0.27.7 is that line's last fix).
PYODIDE_VERSION = "0.27.7"
PYODIDE_CACHE = ROOT / ".cache" / "pyodide"
RUNNER = Path(__file__).parent / "pyodide" / "run.mjs"
# What `sys_platform`, `platform_system`… say inside Pyodide 0.27 (Python 3.12).
EMSCRIPTEN = {"sys_platform": "emscripten", "platform_system": "Emscripten", "platform_machine": "wasm32",
              "os_name": "posix", "python_version": "3.12", "python_full_version": "3.12.7",
              "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}
NOW = dt.datetime(2026, 12, 3, 15, 30)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pyodide_dir() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js (node et npm) est absent : le test sous Pyodide ne peut pas tourner ici "
                    "(.ci/run installe nodejs et npm).")
    folder = PYODIDE_CACHE / "node_modules" / "pyodide"
    if not (folder / "pyodide.mjs").exists() or json.loads((folder / "package.json").read_text())["version"] != PYODIDE_VERSION:
        PYODIDE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(PYODIDE_CACHE),
                        f"pyodide@{PYODIDE_VERSION}"], check=True, capture_output=True, timeout=300)
    return folder


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    (path,) = out.glob("nr_xl-*.whl")
    return path


def wheel_requirements(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        text = zf.read(name).decode("utf-8")
    return [Requirement(line.split(":", 1)[1].strip()) for line in text.splitlines()
            if line.startswith("Requires-Dist:")]


def emscripten_requirements(wheel: Path) -> list[Requirement]:
    """What micropip installs for ``nr_xl`` inside xlwings Lite (no extras)."""
    return [r for r in wheel_requirements(wheel) if r.marker is None or r.marker.evaluate(EMSCRIPTEN)]


def is_pure(dist: metadata.Distribution) -> bool:
    return not any(str(f).endswith((".so", ".pyd", ".dylib")) for f in dist.files or [])


def pyodide_builds(pyodide_dir: Path) -> set[str]:
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    return {canonical(name) for name in lock["packages"]}


def canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def closure(requirements: list[Requirement]) -> dict[str, metadata.Distribution]:
    """Every installed distribution the requirements pull in, for emscripten."""
    found: dict[str, metadata.Distribution] = {}
    todo = list(requirements)
    while todo:
        req = todo.pop()
        key = canonical(req.name)
        if key in found:
            continue
        dist = metadata.distribution(req.name)
        found[key] = dist
        for line in dist.requires or []:
            sub = Requirement(line)
            if sub.marker is None or sub.marker.evaluate(EMSCRIPTEN):
                todo.append(sub)
    return found


def test_wheel_needs_nothing_that_pyodide_cannot_install(wheel, pyodide_dir):
    """Every dependency micropip would fetch is pure Python or built by Pyodide."""
    requirements = emscripten_requirements(wheel)
    names = {canonical(r.name) for r in requirements}
    assert {"python-calamine", "pyopenvba", "xlwings", "pandas"}.isdisjoint(names)
    assert "babel" in names  # the core's French formats
    built = pyodide_builds(pyodide_dir)
    compiled = [name for name, dist in closure(requirements).items() if not is_pure(dist) and name not in built]
    assert compiled == []
    # The desktop install still gets what the CLI and the ribbon need.
    desktop = {canonical(r.name) for r in wheel_requirements(wheel)
               if r.marker is None or r.marker.evaluate({**EMSCRIPTEN, "sys_platform": "win32",
                                                          "platform_system": "Windows"})}
    assert {"python-calamine", "pyopenvba", "xlwings", "click", "rich"} <= desktop


def encode(value: object) -> object:
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


SCRIPT = r'''
import datetime as dt, json, sys
sys.modules.pop("nr_xl", None)
from nr_xl import api
from nr_xl.core.journal import book, plans

def decode(value):
    if isinstance(value, dict):
        return dt.datetime.fromisoformat(value["datetime"]) if "datetime" in value else dt.date.fromisoformat(value["date"])
    return value

data = json.load(open("/host/sheets.json", encoding="utf-8"))
sheets = {name: [[decode(v) for v in row] for row in rows] for name, rows in data["sheets"].items()}
report = api.check_sheets(sheets, "orvane.xlsm")
plan = plans.plan_log(book.from_sheets(sheets), "orvane.xlsm", "Comité de pilotage", "Léa Fontaine",
                        "Renfort de la DSI", dt.datetime.fromisoformat(data["now"]))
print(json.dumps({"platform": sys.platform, "report": report.to_dict(),
                  "log": [row.fingerprint for row in plan.new_rows]}, ensure_ascii=False, default=str))
'''


def site_packages(target: Path, wheel: Path, pyodide_dir: Path) -> list[str]:
    """nr_xl's wheel and its pure dependencies unpacked as micropip would; returns their names."""
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    built = pyodide_builds(pyodide_dir)
    copied = []
    for name, dist in closure(emscripten_requirements(wheel)).items():
        if name in built:
            continue  # Pyodide's own build (lxml, matplotlib…): fetched by xlwings Lite, not needed by the core
        for file in dist.files or []:
            source = Path(dist.locate_file(file))
            if source.is_file() and ".." not in file.parts:
                (target / file).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / file)
        copied.append(name)
    return sorted(copied)


def test_checks_and_journal_under_pyodide_equal_cpython(example_path, wheel, pyodide_dir, tmp_path):
    api.snapshot(example_path, now=NOW)
    reason, edits = COMMITTEE_ADJUSTMENTS[0]
    apply_edits(example_path, edits)
    api.log(example_path, reason=reason, author="Léa Fontaine", now=NOW)
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[1][1])  # pending: the next log's rows
    sheets = read_rows(example_path, list(schema.CHECKED_SHEETS)).sheets

    host = tmp_path / "host"
    copied = site_packages(host / "site", wheel, pyodide_dir)
    assert "babel" in copied
    (host / "sheets.json").write_text(json.dumps(
        {"now": NOW.isoformat(), "sheets": {n: [[encode(v) for v in r] for r in rows] for n, rows in sheets.items()}},
        ensure_ascii=False), encoding="utf-8")
    (host / "run.py").write_text(SCRIPT, encoding="utf-8")
    run = subprocess.run(["node", str(RUNNER), str(pyodide_dir), str(host), "run.py"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    got = json.loads(run.stdout.strip().splitlines()[-1])

    report = api.check_sheets(sheets, "orvane.xlsm")
    plan = plans.plan_log(book.from_sheets(sheets), "orvane.xlsm", "Comité de pilotage", "Léa Fontaine",
                            "Renfort de la DSI", NOW)
    assert got["platform"] == "emscripten"
    expected = json.loads(json.dumps(report.to_dict(), ensure_ascii=False, default=str))
    differing = [(a, b) for a, b in zip(got["report"]["findings"], expected["findings"]) if a != b]
    assert [(a["message"], b["message"]) for a, b in differing] == [] and got["report"] == expected
    assert got["report"]["status"] == "bloquant"
    assert "kpi.action_without_kpi" in {f["code"] for f in got["report"]["findings"]}
    assert got["log"] == [row.fingerprint for row in plan.new_rows] and len(got["log"]) == 1


def test_marker_evaluation_matches_pyodide(pyodide_dir, tmp_path):
    """The environment this file assumes for emscripten is what Pyodide reports."""
    host = tmp_path / "host"
    (host / "site").mkdir(parents=True)
    (host / "env.py").write_text(
        "import json, platform, sys\n"
        "print(json.dumps({'sys_platform': sys.platform, 'platform_system': platform.system(),"
        " 'python_version': '.'.join(platform.python_version_tuple()[:2])}))\n", encoding="utf-8")
    run = subprocess.run(["node", str(RUNNER), str(pyodide_dir), str(host), "env.py"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    env = json.loads(run.stdout.strip().splitlines()[-1])
    assert env == {k: EMSCRIPTEN[k] for k in env}
    assert Marker('sys_platform != "emscripten"').evaluate(env) is False


def copy_distribution(dist: metadata.Distribution, target: Path) -> None:
    """An installed distribution's Python files into ``target``, as its pure wheel unpacks
    (xlwings' desktop wheel adds a compiled library that its pure wheel, the one micropip
    installs, does not have)."""
    for file in dist.files or []:
        source = Path(dist.locate_file(file))
        if source.is_file() and ".." not in file.parts and "__pycache__" not in file.parts \
                and not str(file).endswith((".so", ".pyd", ".dylib")):
            (target / file).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / file)


LITE_SCRIPT = r'''
import json, os, sys
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"  # the remote engine stands in for Excel (tests only)
sys.path.insert(1, "/host")
try:
    import nr_xl
    raise SystemExit("nr_xl importable before main.py unpacked it")
except ModuleNotFoundError:
    pass
import main  # the workbook's main.py, as xlwings Lite imports it
import xlwings as xw
quarter = main.NR_TRIMESTRE("15/05/2027")
import nr_xl
book = xw.Book(json=json.load(open("/host/payload.json", encoding="utf-8")))
main.verifier_faisabilite(book)
print(json.dumps({"platform": sys.platform, "quarter": quarter, "nr_xl": nr_xl.__file__,
                  "version": nr_xl.__version__, "actions": book.json()["actions"]}, ensure_ascii=False, default=str))
'''


def test_the_workbook_s_own_main_py_runs_under_pyodide(wheel, pyodide_dir, tmp_path, example_path):
    """The release's workbook alone: its stored main.py unpacks the nr_xl it embeds into
    Pyodide's file system and runs « Vérifier la faisabilité » there, writing to the book what
    CPython writes; only the dependencies of requirements.txt come from outside."""
    import importlib.util

    import xlwings as xw

    from nr_xl import __version__
    from nr_xl.excel import ribbon
    from nr_xl.workbook import lite
    from nr_xl.workbook.package import read_parts
    from remote_book import ExcelLikeBook
    from test_lite import masked

    workbook = api.build_template(tmp_path / "diffusion.xlsm", lite_wheel=wheel)
    main = lite.stored_files(read_parts(workbook))["main.py"]
    assert lite.embedded_wheel(main) == wheel.read_bytes()

    host = tmp_path / "host"
    built = pyodide_builds(pyodide_dir)
    for name, dist in closure(emscripten_requirements(wheel)).items():
        if name not in built:
            copy_distribution(dist, host / "site")
    copy_distribution(metadata.distribution("xlwings"), host / "site")
    assert not (host / "site" / "nr_xl").exists()  # nr_xl comes from main.py only
    (host / "main.py").write_text(main, encoding="utf-8")
    (host / "payload.json").write_text(json.dumps(ExcelLikeBook.from_file(example_path).payload(), ensure_ascii=False),
                                       encoding="utf-8")
    (host / "run.py").write_text(LITE_SCRIPT, encoding="utf-8")
    run = subprocess.run(["node", str(RUNNER), str(pyodide_dir), str(host), "run.py"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    got = json.loads(run.stdout.strip().splitlines()[-1])
    assert got["platform"] == "emscripten" and got["quarter"] == "2027-T2" and got["version"] == __version__
    assert got["nr_xl"].endswith("/nr_xl_embarque/nr_xl/__init__.py")

    # The same script under CPython, as xlwings Lite would run it (tests/test_lite.py).
    spec = importlib.util.spec_from_file_location("nr_xl_lite_main_cpython", host / "main.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    book = xw.Book(json=ExcelLikeBook.from_file(example_path).payload())
    saved, ribbon.IN_LITE = ribbon.IN_LITE, True
    try:
        module.verifier_faisabilite(book)
    finally:
        ribbon.IN_LITE = saved
    expected = json.loads(json.dumps(book.json()["actions"], ensure_ascii=False, default=str))
    assert [a["func"] for a in got["actions"]][-2:] == ["setValues", "activateSheet"]  # the message, in the sheet
    assert "alert" not in [a["func"] for a in got["actions"]]
    assert masked(got["actions"]) == masked(expected)
