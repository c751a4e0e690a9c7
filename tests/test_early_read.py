"""The early read: sheets parsed while nr_xl is imported give exactly what a read at
the moment the command reads gives, or are dropped; never a stale or half version."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

from nr_xl import api, early_read, schema
from nr_xl.errors import WorkbookUnreadable
from nr_xl.sources import calamine_source, read_rows

from conftest import write_raw

SHEETS = {
    "Budget": [["Action", "Année"], ["B1", "#DIV/0!"], *[["B2", 2027]] * 300, ["B3", "#REF!"]],
    "Charge": [["#N/A"]],
    "Capacités": [["Service"], *[["DSI"]] * 500, [None, None, "#VALUE!"]],
    "Risques": [["Risque"], ["r"]],
    "Contrôles": [["pas lue par les commandes"]],
}
WANTED = list(schema.CHECKED_SHEETS)


@pytest.fixture
def workbook(tmp_path) -> Path:
    return write_raw(tmp_path / "w.xlsx", SHEETS)


def plain(path: Path, sheets: list[str] | None = WANTED):  # type: ignore[no-untyped-def]
    return calamine_source.read(path, sheets)


@pytest.mark.parametrize("who_parses", ["early thread", "command thread", "both"])
def test_the_sheets_handed_over_are_those_a_plain_read_gives(workbook, who_parses):
    expected = plain(workbook)
    early = early_read.EarlyRead(str(workbook))
    early.narrow(WANTED)
    if who_parses == "early thread":
        early._thread.start()
        early._thread.join()  # everything parsed before the command reads
    elif who_parses == "command thread":
        early._open()  # opened, nothing parsed: the command parses every sheet itself
    else:
        early._thread.start()
    read = calamine_source.read(workbook, WANTED, early)
    assert read.sheets == expected.sheets and list(read.sheets) == list(expected.sheets)
    assert read.sheets["Budget"][1] == ["B1", "#DIV/0!"] and read.tables == expected.tables
    assert not early._thread.is_alive() and not early._queue and not early._parsed


@pytest.mark.parametrize("narrowed_first", [True, False])
def test_sheets_no_command_reads_are_not_handed_over(workbook, narrowed_first):
    early = early_read.EarlyRead(str(workbook))
    if narrowed_first:
        early.narrow(WANTED)
    early._thread.start()
    if not narrowed_first:
        early._thread.join()  # every sheet parsed, « Contrôles » too
    handed = dict(early.sheets(workbook.read_bytes(), WANTED))
    assert set(handed) == {"Budget", "Charge", "Capacités", "Risques"}
    assert not early._parsed


class PanicException(BaseException):
    """What a panic of calamine's Rust code raises in Python (pyo3), past « except Exception »."""


@pytest.fixture
def calamine_failing_on(monkeypatch):
    """python-calamine whose « Budget » cannot be parsed on the threads named (or on « every thread »)."""
    import python_calamine as real

    failing: dict[str, type[BaseException]] = {}

    class Book:
        def __init__(self, inner) -> None:
            self.inner = inner

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def get_sheet_by_name(self, name):
            error = failing.get(threading.current_thread().name, failing.get("every thread"))
            if error is not None and name == "Budget":
                raise error("feuille illisible")
            return self.inner.get_sheet_by_name(name)

    fake = types.SimpleNamespace(CalamineWorkbook=types.SimpleNamespace(
        from_filelike=lambda f: Book(real.CalamineWorkbook.from_filelike(f))))
    monkeypatch.setitem(sys.modules, "python_calamine", fake)
    return failing


@pytest.mark.parametrize("error", [ValueError, PanicException])
def test_a_sheet_the_early_thread_cannot_parse_is_parsed_by_the_command(workbook, calamine_failing_on, error,
                                                                        capfd):
    expected = plain(workbook)
    calamine_failing_on["nr_xl-early-read"] = error
    early = early_read.start(str(workbook), WANTED)
    assert early is not None
    early._thread.join()
    assert "Budget" in early._queue and not early._parsing  # given back, not lost
    done: list[object] = []
    reader = threading.Thread(target=lambda: done.append(calamine_source.read(workbook, WANTED, early)))
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive(), "the command's read waits for a sheet nobody parses"
    assert done[0].sheets == expected.sheets  # type: ignore[attr-defined]
    assert "Traceback" not in capfd.readouterr().err  # nothing escapes the early thread


def test_a_panic_of_the_parser_is_a_french_message(workbook, calamine_failing_on):
    calamine_failing_on["every thread"] = PanicException
    assert early_read.start(str(workbook), WANTED) is not None
    with pytest.raises(WorkbookUnreadable) as err:
        read_rows(workbook, WANTED)
    assert "w.xlsx" in str(err.value) and "feuille illisible" in str(err.value)


def test_a_file_the_command_refuses_is_not_inflated_early(tmp_path, monkeypatch):
    """A zip bomb named .xlsm: refused on the directory before any part is inflated."""
    import zipfile

    bomb = tmp_path / "piege.xlsm"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/sharedStrings.xml", "a" * (20 * 1024 * 1024))  # ratio ~1000
    assert early_read.start_for(["check", str(bomb)]) is None
    inflated = []
    monkeypatch.setattr(early_read.EarlyRead, "_parse_waiting", lambda self, book: inflated.append(book))
    from nr_xl.sources.files import preflight_bytes

    early = early_read.start(str(bomb), WANTED, lambda data: preflight_bytes(data, bomb.name))
    assert early is not None
    early._thread.join()
    assert early.data is None and inflated == []  # refused: never opened by calamine
    assert early_read.take(bomb) is early and dict(early.sheets(bomb.read_bytes(), WANTED)) == {}


def test_a_command_ending_without_reading_stops_the_parse(workbook):
    early = early_read.EarlyRead(str(workbook))
    book = early._open()
    early_read._pending[os.path.realpath(workbook)] = early
    early_read.abandon()
    early._parse_waiting(book)  # what the early thread would do next
    assert early._parsed == {} and early_read._pending == {}


def test_sheets_the_early_thread_is_still_parsing_are_waited_for(workbook):
    """The command finds nothing left to parse while the early thread is still on the
    last sheets: it waits for them rather than reading without them."""
    early = early_read.EarlyRead(str(workbook))
    early.narrow(WANTED)
    book = early._open()
    taken = []
    while (name := early._next(early=True)) is not None:  # as the early thread takes them
        taken.append(name)

    def parse_late() -> None:
        for name in taken:
            sheet = book.get_sheet_by_name(name)
            with early._changed:
                early._parsing -= 1
                early._parsed[name] = sheet
                early._changed.notify_all()

    late = threading.Timer(0.2, parse_late)
    late.start()
    handed = dict(early.sheets(workbook.read_bytes(), WANTED))
    late.join()
    assert sorted(handed) == sorted(taken) == sorted(set(SHEETS) & set(WANTED))


def test_a_file_saved_after_the_early_read_is_read_again(workbook, tmp_path):
    early = early_read.start(str(workbook))
    assert early is not None
    early._thread.join()
    other = write_raw(tmp_path / "other.xlsx", {name: [["autre version"]] for name in SHEETS})
    workbook.write_bytes(other.read_bytes())  # Excel or a colleague saves meanwhile
    read = read_rows(workbook, WANTED)
    assert read.sheets["Budget"] == [["autre version"]]
    assert read.sheets == plain(other).sheets
    assert early_read.take(workbook) is None  # handed over once


def test_the_early_read_is_found_through_another_spelling_of_the_path(workbook, monkeypatch):
    monkeypatch.chdir(workbook.parent)
    link = workbook.parent / "lien.xlsx"
    os.symlink(workbook, link)
    early = early_read.start("w.xlsx")
    assert early_read.take(link) is early
    assert dict(early.sheets(workbook.read_bytes(), ["Charge"]))["Charge"] is not None


def test_a_reader_stopping_half_way_leaves_no_thread_running(workbook, one_sheet_unreadable):
    early = early_read.start(str(workbook))
    assert early is not None
    with pytest.raises(WorkbookUnreadable) as err:
        read_rows(workbook, WANTED)
    assert "w.xlsx" in str(err.value)
    assert not early._thread.is_alive()
    # Stopped when the read failed, not whenever the error (held here) is let go.
    assert early._wanted == frozenset()


def test_a_command_reading_through_its_early_read_checks_as_before(example_path):
    expected = api.check(example_path)
    early = early_read.start_for(["check", str(example_path), "--format", "json"])
    assert early is not None
    report = api.check(example_path)
    assert early_read._pending == {}  # taken by the command's read
    assert early.data == example_path.read_bytes() and not early._queue and not early._parsed
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in expected.findings]


@pytest.mark.parametrize("argv, named", [
    (["check", "{wb}"], True),
    (["--debug", "check", "{wb}", "--format", "json"], True),
    (["check", "--format", "json", "{wb}"], True),
    (["minutes", "{wb}", "-o", "cr.docx"], True),
    (["log", "{wb}", "--reason", "comité"], True),
    (["check", "{wb}", "--engine", "openpyxl"], False),  # not read with calamine
    (["check", "{wb}", "--help"], False),
    (["template", "-o", "{wb}"], False),  # writes the file, never reads it
    (["configure", "{wb}"], False),
    (["check", "absent.xlsx"], False),
    (["check", "notes.txt"], False),
    ([], False),
])
def test_the_workbook_a_command_line_names(argv, named, workbook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    found = early_read.workbook_in([arg.format(wb=workbook) for arg in argv])
    assert found == (str(workbook) if named else None)


def run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "NR_XL_NO_OPEN": "1", "COLUMNS": "120"})


def test_the_command_says_the_same_with_and_without_its_head_start(example_path, tmp_path):
    broken = tmp_path / "cassé.xlsm"
    broken.write_bytes(b"PK\x03\x04 pas un classeur")
    for args in (["check", str(example_path), "--format", "json"],  # read early
                 ["check", str(broken)],  # the early read fails: the command's read says why
                 ["check", str(example_path), "--format", "inconnu"]):  # stops before reading
        with_start, without = run("nr_xl", *args), run("nr_xl.cli", *args)
        assert with_start.returncode == without.returncode, args
        same_name = without.stderr.replace("nr_xl.cli", "nr_xl")  # click names the program as started
        assert with_start.stdout == without.stdout and with_start.stderr == same_name, args
    assert run("nr_xl", "check", str(broken)).returncode not in (0, 1)
    assert "Traceback" not in run("nr_xl", "check", str(broken)).stderr
