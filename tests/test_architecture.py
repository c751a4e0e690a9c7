"""The architecture of ARCHITECTURE.md, held by the imports themselves: layers that only
import downward, a pure core, and no import cycle. Every ``import`` counts, the lazy ones
inside functions too (read with ``ast``, nothing is imported)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "nr_xl"
# Lowest first: a module imports its own folder or a lower layer, never a higher one. The
# outward entry points share the top layer (the CLI's doctor command and the ribbon's
# « Diagnostic » button both call release.doctor).
LAYERS: list[set[str]] = [
    {"nr_xl", "core"},
    {"sources"},
    {"workbook"},
    {"documents", "example"},
    {"jobs"},
    {"api"},
    {"cli", "excel", "release", "macros", "udfs", "reference_docs", "__main__"},
]
# What the core may import beyond itself and the standard library: pure Python that runs
# under Pyodide (xlwings Lite) too.
CORE_LIBRARIES = {"babel"}


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def modules_in(folder: str) -> list[str]:
    return [m for m in MODULES if m == f"nr_xl.{folder}" or m.startswith(f"nr_xl.{folder}.")]


def _module_of(name: str) -> str:
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports(module: str) -> tuple[set[str], set[str]]:
    """The nr_xl modules ``module`` imports, and the other top-level packages it imports."""
    ours, others = set(), set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # « from nr_xl.core import schema » imports the module nr_xl.core.schema.
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                     for a in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] == "nr_xl":
                ours.add(_module_of(name))
            else:
                others.add(name.split(".")[0])
    ours.discard(module)
    return ours, others


def layer_of(module: str) -> tuple[int, str]:
    folder = module.split(".")[1] if "." in module else "nr_xl"
    return next(i for i, names in enumerate(LAYERS) if folder in names), folder


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_go_down_or_stay_in_the_folder(module):
    layer, folder = layer_of(module)
    climbing = []
    for target in imports(module)[0]:
        target_layer, target_folder = layer_of(target)
        if target_layer > layer or (target_layer == layer and target_folder != folder and layer < len(LAYERS) - 1):
            climbing.append(target)
    assert not climbing, f"{module} (couche {layer}) importe {sorted(climbing)}"


@pytest.mark.parametrize("module", modules_in("core"))
def test_the_core_imports_only_the_core_the_standard_library_and_babel(module):
    ours, others = imports(module)
    assert all(m.startswith("nr_xl.core") for m in ours), sorted(m for m in ours if not m.startswith("nr_xl.core"))
    foreign = {m for m in others if m not in sys.stdlib_module_names and m != "__future__"} - CORE_LIBRARIES
    assert not foreign, sorted(foreign)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    assert cycles({m: imports(m)[0] for m in MODULES}) == []


def test_the_cycle_finder_finds_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_every_package_folder_ships_in_the_wheel():
    """A folder of nr_xl left out of pyproject's ``packages`` imports here and not once installed."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")}
    assert folders <= listed, sorted(folders - listed)
