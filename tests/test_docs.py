"""The README keeps its promises: a two-command quick start, every command documented,
and the test command CI runs is the README's."""

from __future__ import annotations

import re

from nr_xl.cli.commands import main

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    block = README.split("## Démarrage rapide")[1].split("```bash")[1].split("```")[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


VENV = "python3 -m venv .venv && . .venv/bin/activate && "


def test_quick_start_is_two_commands():
    demo, tests = quick_start()
    assert demo.endswith("nr-xl demo")
    assert "pytest" in tests
    # A Debian Python refuses « pip install » outside a venv (PEP 668): both lines make one first.
    assert demo.startswith(VENV) and tests.startswith(VENV)


def test_readme_says_how_long_the_tests_take_and_how_to_run_the_quick_ones():
    start = README.split("## Démarrage rapide")[1].split("## ")[0]
    assert 'python -m pytest -m "not slow"' in start
    assert len(re.findall(r"\d+ (?:s|min)\b", start)) >= 2, "durées des tests rapides et de tous les tests"


def test_gitignore_covers_what_the_quick_start_and_the_release_create():
    ignored = {line.strip() for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()}
    for path in ("nr_xl_demo/", ".venv/", "build/", "dist/"):
        assert path in ignored or "/" + path in ignored, path


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start()[1] in ci


def test_every_command_is_documented():
    for name in main.commands:
        assert re.search(rf"`nr-xl {name}\b", README), name


def test_the_development_tree_shows_only_paths_that_exist():
    block = README.split("## Développement")[1].split("```")[1]
    shown = []
    for line in block.splitlines():
        name = line.split()[0] if line.strip() else ""
        if not line.startswith(" ") and name:
            parent = ROOT / name
            shown.append(parent)
        elif line.startswith("  ") and not line.startswith("   ") and re.fullmatch(r"[\w.]+/?", name):
            shown.append(parent / name)
    missing = [str(path.relative_to(ROOT)) for path in shown if not path.exists()]
    assert len(shown) > 12 and not missing, missing
