"""The calamine reader: sheets read from one version of the file (on two threads for a
large workbook), error cells put back, every handle closed, whatever happens."""

from __future__ import annotations

import os
import sys
import types
import zipfile
from pathlib import Path

import pytest

from nr_xl.core.errors import WorkbookUnreadable
from nr_xl.sources import calamine_source, read_rows

from conftest import write_raw

SHEETS = {
    # Error cells (#REF!, #DIV/0!…) on several sheets, one sheet holding nothing else,
    # one far below the rest: calamine reads them as empty, each thread puts them back.
    "Budget": [["Action", "Année"], ["B1", "#DIV/0!"], *[["B2", 2027]] * 300, ["B3", "#REF!"]],
    "Charge": [["#N/A"]],
    "Capacités": [["Service"], *[["DSI"]] * 500, [None, None, "#VALUE!"]],
    "Risques": [["Risque"], ["r"]],
}


@pytest.fixture
def workbook(tmp_path) -> Path:
    return write_raw(tmp_path / "w.xlsx", SHEETS)


@pytest.fixture
def tracked(monkeypatch):
    """Every calamine workbook and zip reader the reader opens, and whether it was closed."""
    import python_calamine as real

    opened: list[_Tracked] = []

    class _Tracked:
        def __init__(self, inner) -> None:
            self.inner, self.closed = inner, False
            opened.append(self)

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def close(self) -> None:
            self.closed = True
            self.inner.close()

    class _Zip(zipfile.ZipFile):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.tracked = _Tracked(types.SimpleNamespace(close=lambda: None))

        def close(self) -> None:
            self.tracked.closed = True
            super().close()

    calamine = types.SimpleNamespace(CalamineWorkbook=types.SimpleNamespace(
        from_filelike=lambda f: _Tracked(real.CalamineWorkbook.from_filelike(f))))
    monkeypatch.setitem(sys.modules, "python_calamine", calamine)
    monkeypatch.setattr(calamine_source, "zipfile", types.SimpleNamespace(ZipFile=_Zip))
    monkeypatch.setattr(calamine_source, "_threads", lambda sheets, size: min(2, sheets))  # two, even on one core
    return opened


@pytest.mark.slow
def test_two_threads_read_what_one_reads_error_cells_included_and_close_everything(workbook, tracked,
                                                                                   monkeypatch):
    parallel = read_rows(workbook)
    assert len(tracked) >= 4 and all(h.closed for h in tracked)  # 2 workbooks, 2 zips (+ the parts' zip)
    monkeypatch.setattr(calamine_source, "_threads", lambda sheets, size: 1)
    sequential = read_rows(workbook)
    assert parallel.sheets == sequential.sheets and list(parallel.sheets) == list(sequential.sheets)
    assert parallel.sheets["Budget"][1][1] == "#DIV/0!" and parallel.sheets["Budget"][-1][1] == "#REF!"
    assert parallel.sheets["Charge"] == [["#N/A"]]
    assert parallel.sheets["Capacités"][-1] == [None, None, "#VALUE!"]
    # Only the sheets asked for, in the order asked.
    assert list(read_rows(workbook, ["Risques", "Budget", "Absente"]).sheets) == ["Risques", "Budget"]


@pytest.mark.slow
def test_a_sheet_failing_on_a_thread_is_a_french_message_and_every_handle_is_closed(workbook, tracked,
                                                                                    one_sheet_unreadable):
    with pytest.raises(WorkbookUnreadable) as err:
        read_rows(workbook)
    assert "w.xlsx" in str(err.value) and "Traceback" not in str(err.value)
    assert tracked and all(h.closed for h in tracked)


def test_read_in_one_thread_when_none_can_be_started(workbook, monkeypatch):
    expected = read_rows(workbook).sheets

    def no_thread(*args, **kwargs):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(calamine_source, "_threads", lambda sheets, size: 2)
    monkeypatch.setattr(calamine_source, "ThreadPoolExecutor", no_thread)
    assert read_rows(workbook).sheets == expected


def test_one_thread_for_a_small_workbook_or_where_the_platform_has_none(monkeypatch):
    large = calamine_source.THREADED_FROM_BYTES
    assert calamine_source._threads(15, large) == min(calamine_source.MAX_THREADS, os.cpu_count() or 1)
    assert calamine_source._threads(1, large) == 1
    assert calamine_source._threads(15, large - 1) == 1  # the example, and most roadmaps
    monkeypatch.setattr(calamine_source.sys, "platform", "emscripten")  # Pyodide (xlwings Lite)
    assert calamine_source._threads(15, large) == 1


def test_batches_share_the_weight_largest_sheet_first():
    weight = {"a": 10, "b": 7, "c": 4, "d": 3}
    assert calamine_source._batches(list(weight), weight, 2) == [["a", "d"], ["b", "c"]]
    assert calamine_source._batches(list(weight), weight, 1) == [["a", "b", "c", "d"]]
    assert calamine_source._batches(["a"], weight, 2) == [["a"]]  # no empty batch, no idle thread


def test_a_small_workbook_is_read_without_a_thread(workbook, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a thread pool for a small workbook")

    monkeypatch.setattr(calamine_source, "ThreadPoolExecutor", no_pool)
    assert read_rows(workbook).sheets["Charge"] == [["#N/A"]]


@pytest.mark.slow
def test_every_thread_reads_the_version_first_read(workbook, tmp_path, monkeypatch):
    """The file replaced while its sheets are read (Excel or OneDrive saving): every
    sheet still comes from the bytes read first, never half from each version."""
    other = write_raw(tmp_path / "other.xlsx", {name: [["autre"]] for name in SHEETS})
    rows_of = calamine_source._rows
    replaced = []

    def replacing(sheet):
        if not replaced:
            replaced.append(True)
            workbook.write_bytes(other.read_bytes())
        return rows_of(sheet)

    monkeypatch.setattr(calamine_source, "_threads", lambda sheets, size: min(2, sheets))
    monkeypatch.setattr(calamine_source, "_rows", replacing)
    read = read_rows(workbook).sheets
    assert read["Budget"][1] == ["B1", "#DIV/0!"] and read["Charge"] == [["#N/A"]]


def test_a_sheet_calamine_cannot_read_is_a_french_message_not_a_traceback(tmp_path):
    path = write_raw(tmp_path / "w.xlsx", {"Budget": [["Action"], ["B1"]], "Charge": [["x"]]})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            out.writestr(info, b"<worksheet><sheetData><row" if info.filename.endswith("sheet2.xml") else data)
    with pytest.raises(WorkbookUnreadable) as err:
        read_rows(broken)
    assert "broken.xlsx" in str(err.value) and "Traceback" not in str(err.value)
