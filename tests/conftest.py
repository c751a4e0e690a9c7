"""Shared fixtures: real workbooks written to disk, and roadmaps built in code."""

from __future__ import annotations

import os

# xlwings registers its remote engine (the Excel stand-in of the macro tests) at
# import time, only with a licence key: tests only, under the noncommercial licence.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
# The document buttons open Word; never during tests.
os.environ.setdefault("NR_XL_NO_OPEN", "1")

import shutil
from pathlib import Path
from typing import Any

import pytest

from nr_xl import api
from nr_xl.example import load_example

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def example_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("example") / "orvane.xlsm"
    api.build_example(path)
    return path


@pytest.fixture
def example_path(example_master: Path, tmp_path: Path) -> Path:
    """A fresh copy of the example workbook for tests that write into it."""
    path = tmp_path / "orvane.xlsm"
    shutil.copy2(example_master, path)
    return path


def write_raw(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook with exactly these cells (row 0 = Excel row 1), no tables."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def one_sheet_unreadable(monkeypatch: pytest.MonkeyPatch) -> str:
    """The calamine reader fails on one sheet (« Capacités »), as on a corrupt part."""
    from nr_xl.sources import calamine_source

    rows_of = calamine_source._rows

    def failing(sheet: Any) -> Any:
        if sheet.name == "Capacités":
            raise ValueError("feuille illisible")
        return rows_of(sheet)

    monkeypatch.setattr(calamine_source, "_rows", failing)
    return "Capacités"


def build_with(path: Path, **changes: list[list[Any]]) -> Path:
    """The example workbook with some tables replaced (keyword = sheet name, spaces as _)."""
    data = load_example()
    for key, rows in changes.items():
        data[key.replace("_", " ")] = rows
    api.build_template(path, data)
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def impress() -> str | None:
    """LibreOffice able to open a presentation (Debian splits Impress out: libsdlo)."""
    exe = soffice()
    if exe is None:
        return None
    program = Path(os.path.realpath(exe)).parent
    if program.joinpath("soffice.bin").exists() and not any(program.glob("libsdlo*")):
        return None
    return exe


# A test that starts a process or a thread is marked « slow » (cost_marks.py).
from cost_marks import (  # noqa: E402,F401
    pytest_collection_modifyitems, pytest_runtest_logreport, pytest_runtest_logstart, pytest_runtest_makereport,
    pytest_runtest_protocol,
    pytest_terminal_summary,
)
