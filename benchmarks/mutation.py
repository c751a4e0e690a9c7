"""A small deterministic mutation runner: does the test suite notice when the code is wrong?

Each mutant changes one thing in one module (a comparison flipped, ``and`` for ``or``, a
``not`` dropped, ``True`` for ``False``, one word dropped from a literal list of words; with
``--arithmetic`` also a number off by one and ``+`` for ``-``), in a copy of the checkout, and
runs the tests of that module that execute the mutated line (found by tracing one run of the
group's test files) with ``-x``: a failing run kills the mutant, a passing one lets it survive.
Mutants on lines no test executes are not run: they survive as « not covered ».

    python benchmarks/mutation.py                      # every group of [tool.nr_xl.mutation]
    python benchmarks/mutation.py --group checks       # one group
    python benchmarks/mutation.py --rerun out.json     # only the survivors of an earlier run

The groups (modules mutated, test files run) are in pyproject.toml, [tool.nr_xl.mutation].
The result is printed per module and written as JSON (``--out``); benchmarks/MUTATION.md
records the scores and the survivors judged.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SWAP_COMPARE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
                ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
SWAP_BINOP = {ast.Add: ast.Sub, ast.Sub: ast.Add}
SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
          ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-",
          ast.And: "and", ast.Or: "or"}


@dataclass
class Mutant:
    module: str  # path relative to the checkout
    index: int  # n-th mutation point of the module, in a fixed walk order
    line: int
    change: str
    status: str = ""  # killed | survived | not covered | timeout


def _is_docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    return isinstance(parent, ast.Expr) and isinstance(node, ast.Constant) and isinstance(node.value, str)


class _Points(ast.NodeVisitor):
    """Walks a module in a fixed order and lists every mutation point: (node, kind, detail)."""

    def __init__(self, arithmetic: bool = False) -> None:
        self.points: list[tuple[ast.AST, str, object, str]] = []
        self.arithmetic = arithmetic  # also numbers off by one and + for -: many more mutants

    def generic_visit(self, node: ast.AST) -> None:
        for name, value in ast.iter_fields(node):
            if name in ("annotation", "returns", "type_comment"):
                continue  # annotations do not run
            if isinstance(node, ast.If) and name == "test" and _type_checking(value):
                return
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, ast.AST):
                    self.visit(item)

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return  # a docstring
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        for i, op in enumerate(node.ops):
            new = SWAP_COMPARE[type(op)]
            self.points.append((node, "compare", i, f"{SYMBOL[type(op)]} → {SYMBOL[new]}"))
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        self.points.append((node, "boolop", None, f"{SYMBOL[type(node.op)]} → {SYMBOL[new]}"))
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self.points.append((node, "not", None, "not x → x"))
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if self.arithmetic and type(node.op) in SWAP_BINOP:
            new = SWAP_BINOP[type(node.op)]
            self.points.append((node, "binop", None, f"{SYMBOL[type(node.op)]} → {SYMBOL[new]}"))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, bool):
            self.points.append((node, "bool", None, f"{node.value} → {not node.value}"))
        elif self.arithmetic and isinstance(node.value, (int, float)):
            self.points.append((node, "number", None, f"{node.value!r} → {node.value + 1!r}"))

    def _words(self, node: ast.Tuple | ast.List | ast.Set) -> None:
        words = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(words) == len(node.elts) >= 2:
            for i, e in enumerate(node.elts):
                self.points.append((node, "drop", i, f"drop {e.value!r}"))  # type: ignore[attr-defined]
        self.generic_visit(node)

    visit_Tuple = visit_List = visit_Set = _words


def _type_checking(test: ast.AST) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def points(source: str, arithmetic: bool = False) -> tuple[ast.Module, list[tuple[ast.AST, str, object, str]]]:
    tree = ast.parse(source)
    walker = _Points(arithmetic)
    walker.visit(tree)
    return tree, walker.points


def mutate(source: str, index: int, arithmetic: bool = False) -> str:
    """The module's source with its index-th mutation point changed (re-emitted by ast.unparse)."""
    tree = ast.parse(source)
    walker = _Points(arithmetic)
    walker.visit(tree)
    node, kind, detail, _ = walker.points[index]
    if kind == "compare":
        node.ops[detail] = SWAP_COMPARE[type(node.ops[detail])]()  # type: ignore[attr-defined,index]
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()  # type: ignore[attr-defined]
    elif kind == "not":
        _replace(tree, node, node.operand)  # type: ignore[attr-defined]
    elif kind == "binop":
        node.op = SWAP_BINOP[type(node.op)]()  # type: ignore[attr-defined]
    elif kind == "bool":
        node.value = not node.value  # type: ignore[attr-defined]
    elif kind == "number":
        node.value = node.value + 1  # type: ignore[attr-defined]
    elif kind == "drop":
        del node.elts[detail]  # type: ignore[attr-defined]
    return ast.unparse(ast.fix_missing_locations(tree))


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, name, new)
                return
            if isinstance(value, list) and any(v is old for v in value):
                value[next(i for i, v in enumerate(value) if v is old)] = new
                return


# --- running -------------------------------------------------------------------------------

COVERAGE_PLUGIN = '''
import json, os, sys, threading
import pytest
_targets = {os.path.realpath(p) for p in json.loads(os.environ["MUTATION_TARGETS"])}
_lines = {}  # "file:line" -> test ids that ran it ("" while importing or collecting)
_current = [""]
def _local(frame, event, arg):
    if event == "line":
        _lines.setdefault(f"{frame.f_code.co_filename}:{frame.f_lineno}", set()).add(_current[0])
    return _local
def _global(frame, event, arg):
    if frame.f_code.co_filename in _targets:
        _lines.setdefault(f"{frame.f_code.co_filename}:{frame.f_lineno}", set()).add(_current[0])
        return _local
    return None
sys.settrace(_global)
threading.settrace(_global)
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _current[0] = item.nodeid
    yield
    _current[0] = ""
def pytest_unconfigure(config):
    sys.settrace(None)
    with open(os.environ["MUTATION_COVERAGE"], "w") as fh:
        json.dump({k: sorted(v) for k, v in _lines.items()}, fh)
'''


def _pytest(copy_root: Path, tests: list[str], extra_env: dict[str, str], timeout: float,
            plugin: bool = False) -> tuple[int | None, float]:
    env = {**os.environ, "PYTHONPATH": str(copy_root), "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONHASHSEED": "0", **extra_env}
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--hypothesis-seed=0",
           "-o", "addopts=", "-m", "not slow", "-W", "ignore::DeprecationWarning", *tests]
    if plugin:
        cmd[3:3] = ["-p", "mutation_coverage"]
    start = time.monotonic()
    try:
        run = subprocess.run(cmd, cwd=copy_root, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - start
    return run.returncode, time.monotonic() - start


def run_group(name: str, modules: list[str], tests: list[str], work: Path,
              only: set[tuple[str, int]] | None, arithmetic: bool) -> list[Mutant]:
    files = sorted({str(p.relative_to(work)) for m in modules for p in
                    ([work / m] if (work / m).is_file() else sorted((work / m).glob("*.py")))
                    if p.name != "__init__.py" or p.stat().st_size})
    pristine = work.parent / "pristine"
    targets = [str(work / f) for f in files]
    cov_file = work / f".coverage-{name}.json"
    code, baseline = _pytest(work, tests, {"MUTATION_TARGETS": json.dumps(targets),
                                           "MUTATION_COVERAGE": str(cov_file)}, 3600, plugin=True)
    if code != 0:
        raise SystemExit(f"{name}: the unmutated tests fail (exit {code}); fix them first")
    covered: dict[str, dict[int, set[str]]] = {}
    for key, ids in json.loads(cov_file.read_text()).items():
        file, line = key.rsplit(":", 1)
        covered.setdefault(os.path.relpath(file, work), {})[int(line)] = set(ids)
    timeout = max(60.0, 2 * baseline)
    print(f"[{name}] tests take {baseline:.0f} s (traced); {len(files)} modules", flush=True)
    order = {t: i for i, t in enumerate(tests)}
    result: list[Mutant] = []
    for rel in files:
        source = (pristine / rel).read_text(encoding="utf-8")
        tree, found = points(source, arithmetic)
        lines = covered.get(rel, {})
        # A statement over several lines reports only its first one: a mutant on a later line
        # is covered by the tests that ran the statement.
        statement_of: dict[int, int] = {}
        for stmt in ast.walk(tree):  # breadth first: inner statements come later and win
            if isinstance(stmt, ast.stmt):
                for n in range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1):
                    statement_of[n] = stmt.lineno
        for index, (node, _, _, change) in enumerate(found):
            mutant = Mutant(rel, index, node.lineno, change)  # type: ignore[attr-defined]
            if only is not None and (rel, index) not in only:
                continue
            end = getattr(node, "end_lineno", None) or node.lineno  # type: ignore[attr-defined]
            span = range(node.lineno, end + 1)  # type: ignore[attr-defined]
            ids = set().union(*(lines.get(n, set()) | lines.get(statement_of.get(n, n), set()) for n in span))
            if not ids:
                mutant.status = "not covered"
            else:
                # Only the tests that ran the mutated lines; all of them if the line runs on import.
                chosen = tests if "" in ids else sorted(ids, key=lambda t: (order.get(t.split("::")[0], 0), t))
                (work / rel).write_text(mutate(source, index, arithmetic), encoding="utf-8")
                try:
                    code, _ = _pytest(work, chosen, {}, timeout)
                finally:
                    shutil.copy2(pristine / rel, work / rel)
                mutant.status = "timeout" if code is None else ("survived" if code == 0 else "killed")
            print(f"  {mutant.status:11} {rel}:{mutant.line} {change}", flush=True)
            result.append(mutant)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--group", action="append", help="a group of [tool.nr_xl.mutation] (default: all)")
    parser.add_argument("--rerun", type=Path, help="a JSON result: run only its survivors again")
    parser.add_argument("--arithmetic", action="store_true", help="also numbers off by one and + for -")
    parser.add_argument("--module", action="append", help="mutate only these files of the group")
    parser.add_argument("--checkout", type=Path, default=ROOT,
                        help="the checkout to mutate and test (default: this one), e.g. an older commit's export")
    parser.add_argument("--out", type=Path, default=Path("mutation.json"))
    args = parser.parse_args()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["nr_xl"]["mutation"]
    groups = args.group or list(config)
    only = None
    if args.rerun:
        earlier = json.loads(args.rerun.read_text(encoding="utf-8"))
        only = {(m["module"], m["index"]) for m in earlier if m["status"] != "killed"}
    with tempfile.TemporaryDirectory(prefix="nr_xl-mutation-") as tmp:
        work = Path(tmp) / "checkout"
        ignore = shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".venv")
        shutil.copytree(args.checkout, work, ignore=ignore)
        shutil.copytree(args.checkout, Path(tmp) / "pristine", ignore=ignore)
        (work / "mutation_coverage.py").write_text(COVERAGE_PLUGIN, encoding="utf-8")
        results: list[Mutant] = []
        for name in groups:
            modules = args.module or config[name]["modules"]
            results += run_group(name, modules, config[name]["tests"], work, only, args.arithmetic)
            # After each group: a long run stopped midway keeps what it measured.
            args.out.write_text(json.dumps([asdict(m) for m in results], ensure_ascii=False, indent=1),
                                encoding="utf-8")
    print(summary(results))


def summary(results: list[Mutant]) -> str:
    rows = ["| module | killed | survived | not covered | timeout | score |", "|---|---:|---:|---:|---:|---:|"]
    by_module: dict[str, list[Mutant]] = {}
    for m in results:
        by_module.setdefault(m.module, []).append(m)
    for module, ms in [*sorted(by_module.items()), ("**total**", results)]:
        n = {s: sum(1 for m in ms if m.status == s) for s in ("killed", "survived", "not covered", "timeout")}
        caught = n["killed"] + n["timeout"]
        rows.append(f"| {module} | {n['killed']} | {n['survived']} | {n['not covered']} | {n['timeout']} "
                    f"| {caught}/{len(ms)} ({100 * caught / max(1, len(ms)):.0f} %) |")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
