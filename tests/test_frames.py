"""api.frames: one typed DataFrame per table, with the rows and values the checks read."""

from __future__ import annotations

import ast
import sys
import tomllib

import pandas as pd
import pytest

from nr_xl import api

from nr_xl.core import schema
from nr_xl.core.errors import UsageError
from nr_xl.jobs.frames import DTYPES, TABLES, rows_read
from nr_xl.core.schema import Kind

from conftest import ROOT, build_with


@pytest.fixture(scope="module")
def example(example_master):  # type: ignore[no-untyped-def]
    roadmap, findings = api.read_roadmap(example_master)
    assert findings == []
    return roadmap, api.frames(example_master)


def test_one_frame_per_table_with_the_rows_the_checks_read(example):
    roadmap, frames = example
    assert list(frames) == [spec.sheet for spec in TABLES] and schema.PARAMETER_TABLE.sheet not in frames
    read = rows_read(roadmap)
    for spec in TABLES:
        frame = frames[spec.sheet]
        assert frame.index.name == "Ligne"
        assert list(frame.index) == sorted(read.get(spec.sheet, ())), spec.sheet
    assert (len(frames["Feuille de route"]), len(frames["Budget"]), len(frames["Charge"])) == (
        len(roadmap.actions), len(roadmap.budget), len(roadmap.workload))


def test_columns_are_the_headers_typed_by_their_kind(example):
    _, frames = example
    for spec in TABLES:
        frame = frames[spec.sheet]
        inputs = [c for c in spec.columns if c.kind is not Kind.COMPUTED]
        assert list(frame.columns) == [c.header for c in inputs]
        assert {h: str(t) for h, t in frame.dtypes.items()} == {c.header: str(pd.Series([], dtype=DTYPES[c.kind]).dtype)
                                                                for c in inputs}, spec.sheet
    assert str(frames["Gouvernance"]["Date d'installation"].dtype) == "datetime64[ns]"
    assert frames["Budget"]["Investissement (€)"].dtype == "float64"
    assert frames["Budget"]["Action"].dtype == "string"


def test_values_are_those_of_the_roadmap(example):
    roadmap, frames = example
    actions = frames["Feuille de route"]
    assert list(actions["ID"]) == [a.id for a in roadmap.actions]
    assert list(actions["Début"]) == [pd.Period(year=a.start.year, quarter=a.start.q, freq="Q") for a in roadmap.actions]
    assert list(actions["Action"]) == [a.title for a in roadmap.actions]
    assert list(actions["Priorités"].fillna("")) == ["; ".join(a.priorities) for a in roadmap.actions]
    budget = frames["Budget"]
    assert budget["Investissement (€)"].sum() == float(sum(line.investment for line in roadmap.budget))
    assert list(budget["Année"]) == [line.year for line in roadmap.budget]
    governance = frames["Gouvernance"]
    assert [d.date() for d in governance["Date d'installation"]] == [g.installed_on for g in roadmap.governance]
    probability = frames["Risques"]["Probabilité"]
    assert [None if pd.isna(p) else p for p in probability] == [r.probability for r in roadmap.risks]


def test_an_unreadable_cell_is_missing_as_for_the_checks(tmp_path):
    path = build_with(tmp_path / "w.xlsm", Budget=[["B1.1", 2027, "douze", 500, ""], ["B1.2", "deux mille", 10, 0, ""]])
    roadmap, findings = api.read_roadmap(path)
    assert {f.code for f in findings} >= {"input.bad_number", "input.bad_year"}
    budget = api.frames(path)["Budget"]
    assert len(budget) == len(roadmap.budget) == 2
    assert pd.isna(budget.loc[2, "Investissement (€)"]) and budget.loc[2, "Fonctionnement (€)"] == 500.0
    assert pd.isna(budget.loc[3, "Année"]) and budget.loc[3, "Action"] == "B1.2"
    # A blank cell stays missing: the meaning the checks give it (« Enveloppe NR ») is theirs.
    assert pd.isna(budget.loc[3, "Financement"]) and roadmap.budget[1].financing == schema.DEFAULT_FINANCING


def test_workbooks_of_several_collectivites_consolidate(example_master, tmp_path):
    other = build_with(tmp_path / "autre.xlsm", Budget=[["B1.1", 2027, 1000, 0, ""]])
    budget = pd.concat({name: api.frames(path)["Budget"] for name, path in
                        (("orvane", example_master), ("autre", other))}, names=["Classeur"])
    totals = budget.groupby(level="Classeur")["Investissement (€)"].sum()
    assert totals["autre"] == 1000.0 and totals["orvane"] == 480000.0


def test_without_pandas_a_french_message_says_how_to_install_it(example_master, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # « import pandas » fails as when it is not installed
    with pytest.raises(UsageError) as err:
        api.frames(example_master)
    assert 'pip install "nr-xl[analyse]"' in err.value.message and "pandas" in err.value.message


def test_pandas_is_an_optional_extra_imported_only_by_frames_and_lazily():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [d for d in project["dependencies"] if d.lower().startswith("pandas")]
    extras = project["optional-dependencies"]
    assert any(d.startswith("pandas") for d in extras["analyse"]) and any(d.startswith("pandas") for d in extras["test"])
    assert not [line for line in (ROOT / "lite" / "requirements.txt").read_text(encoding="utf-8").splitlines()
                if "pandas" in line and not line.startswith("#")]
    importers = {}
    for path in (ROOT / "nr_xl").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "pandas" for n in names):
                importers.setdefault(path.relative_to(ROOT).as_posix(), []).append(id(node) in top_level)
    # Top-level in frames.py is the TYPE_CHECKING import only (a nested node, not in tree.body).
    assert set(importers) == {"nr_xl/jobs/frames.py", "nr_xl/api.py"} and not any(any(v) for v in importers.values())
