"""The calamine reader: sheets read on several threads, error cells put back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nr_xl.sources import read_rows

from conftest import write_raw


def _open_files() -> set[str]:
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        pytest.skip("needs /proc to list open files")
    out = set()
    for fd in fd_dir.iterdir():
        try:
            out.add(str(fd.resolve()))
        except OSError:
            pass
    return out


def test_sheets_read_in_parallel_equal_a_sequential_read_error_cells_included(tmp_path, monkeypatch):
    from nr_xl.sources import calamine_source

    sheets = {
        # Error cells (#REF!, #DIV/0!…) on several sheets, one sheet holding nothing else,
        # one far below the rest: calamine reads them as empty, each thread puts them back.
        "Budget": [["Action", "Année"], ["B1", "#DIV/0!"], *[["B2", 2027]] * 300, ["B3", "#REF!"]],
        "Charge": [["#N/A"]],
        "Capacités": [["Service"], *[["DSI"]] * 500, [None, None, "#VALUE!"]],
        "Risques": [["Risque"], ["r"]],
    }
    path = write_raw(tmp_path / "w.xlsx", sheets)
    before = _open_files()
    parallel = read_rows(path)
    assert _open_files() - before == set()  # every thread's handles are closed
    monkeypatch.setattr(calamine_source, "MAX_THREADS", 1)
    sequential = read_rows(path)
    assert parallel.sheets == sequential.sheets and list(parallel.sheets) == list(sequential.sheets)
    assert parallel.sheets["Budget"][1][1] == "#DIV/0!" and parallel.sheets["Budget"][-1][1] == "#REF!"
    assert parallel.sheets["Charge"] == [["#N/A"]]
    assert parallel.sheets["Capacités"][-1] == [None, None, "#VALUE!"]
    # Only the sheets asked for, in the order asked.
    assert list(read_rows(path, ["Risques", "Budget", "Absente"]).sheets) == ["Risques", "Budget"]


def test_one_thread_where_the_platform_has_none(monkeypatch):
    from nr_xl.sources import calamine_source

    assert calamine_source._threads(15) == min(calamine_source.MAX_THREADS, os.cpu_count() or 1)
    assert calamine_source._threads(1) == 1
    monkeypatch.setattr(calamine_source.sys, "platform", "emscripten")  # Pyodide (xlwings Lite)
    assert calamine_source._threads(15) == 1


def test_a_sheet_calamine_cannot_read_is_a_french_message_not_a_traceback(tmp_path):
    import zipfile

    from nr_xl.errors import WorkbookUnreadable

    path = write_raw(tmp_path / "w.xlsx", {"Budget": [["Action"], ["B1"]], "Charge": [["x"]]})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            out.writestr(info, b"<worksheet><sheetData><row" if info.filename.endswith("sheet2.xml") else data)
    with pytest.raises(WorkbookUnreadable) as err:
        read_rows(broken)
    assert "broken.xlsx" in str(err.value) and "Traceback" not in str(err.value)
