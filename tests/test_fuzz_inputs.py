"""Hostile values in every input column of every sheet, then every command, in process:
no uncaught exception, a documented exit code, a French message, never a traceback.

Each example writes, with openpyxl (as another program would), one value drawn from the
hostile ones (huge, negative or NaN numbers, dates out of range, times, booleans, Excel
errors, control characters, ``_xHHHH_`` escapes, formula-like and very long texts…) into
each input column of each table of ``schema.INPUT_TABLES``, over a workbook whose
reference version is already taken, so that ``log`` and ``validate`` journal them.

Quick by default (a few examples, the same each run); ``NR_XL_FUZZ=profond`` runs a
bigger, random profile: ``NR_XL_FUZZ=profond python -m pytest tests/test_fuzz_inputs.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from nr_xl import api
from nr_xl.cli.commands import main
from nr_xl.core import schema
from nr_xl.core.errors import EXIT_CODES, ExitCode, NrXlError
from nr_xl.core.schema import Kind
from nr_xl.core.tables import extract
from nr_xl.sources import read_rows

# The exit codes the README documents (nr_xl.core.errors.EXIT_CODES), but for an unexpected
# error (70) and Ctrl+C (130).
DOCUMENTED = set(EXIT_CODES) - {ExitCode.INTERNAL, ExitCode.INTERRUPTED}

# Quick: the same examples each run, and no shrinking (a failure names its cells below).
settings.register_profile("nr_xl_rapide", max_examples=6, deadline=None, derandomize=True, database=None,
                          phases=[Phase.explicit, Phase.generate],
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# No shrinking either: an example takes seconds, and a failure is printed as it happens.
settings.register_profile("nr_xl_profond", max_examples=150, deadline=None, phases=[Phase.explicit, Phase.generate],
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = "nr_xl_profond" if os.environ.get("NR_XL_FUZZ") == "profond" else "nr_xl_rapide"

HOSTILE: list[object] = [
    1e28, -1e28, 1.7e308, -1.7e308, float("nan"), float("inf"), 10 ** 30, -(2 ** 63), 0, -5, 3_000_000, -1e12,
    0.4375, dt.time(10, 30), dt.datetime(9999, 12, 31, 23, 59), dt.datetime(1900, 1, 1), dt.date(1904, 2, 29),
    True, False, "#REF!", "#DIV/0!", "#N/A", "#VALUE!", "2027-T5", "T0 2027", "2027-02-30", "31/02/2027",
    "_x0007_", "Ville_x000D_", "_x0007_cloche", "tab\tet\nligne", "=1+1", "+33 1 23", "-12", "@SOMME(A1)",
    "=HYPERLINK(\"http://x\")", "x" * 32_000, "É" * 300, "1e400", "NaN", "∞", "١٢٣", "½", "12 500 € TTC",
    "0,5 ETP", "néant", "?", " ", "P1;;P2;", "B1.1; B1.1", "\u202egauche", "🌱" * 50, "{{ 7*7 }}", "{% for %}",
]


def _texts() -> st.SearchStrategy[str]:
    # Generated text, XML's forbidden characters included: openpyxl refuses those, so
    # they go in as Excel writes them (« _x0001_ »), which the readers decode.
    return st.text(max_size=60).map(lambda t: "".join(ch if ch.isprintable() or ch in "\t\n" else
                                                     f"_x{ord(ch):04X}_" for ch in t if not 0xD800 <= ord(ch) < 0xE000))


# Values hypothesis makes up, besides the list above: a few per example, in random columns.
MADE_UP = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    _texts(),
)


@pytest.fixture(scope="module")
def presented(example_master: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[tuple]]:
    """The example with its reference version taken, and the input columns to fill."""
    path = tmp_path_factory.mktemp("fuzz") / "orvane.xlsm"
    shutil.copy2(example_master, path)
    api.snapshot(path)
    sheets = read_rows(path, [t.sheet for t in schema.INPUT_TABLES]).sheets
    targets = []
    for spec in schema.INPUT_TABLES:
        table = extract(spec, sheets[spec.sheet])
        for header, index in table.columns.items():
            if spec.column(header).kind is not Kind.COMPUTED:
                targets.append((spec.sheet, header, index + 1, len(table.numbers)))
    return path.read_bytes(), targets


def _with_values(original: bytes, folder: Path, cells: list[tuple[str, int, int, object]]) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(original), keep_vba=True)
    for sheet, row, column, value in cells:
        book[sheet].cell(row, column).value = value
    # Saved to memory first: a value openpyxl refuses stops its save half-way, and the zip it
    # leaves open over a file would fail later, when collected, in another example.
    buffer = io.BytesIO()
    book.save(buffer)
    path = folder / "hostile.xlsm"
    path.write_bytes(buffer.getvalue())
    return path


def _run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args[0]} : exception non rattrapée {result.exception!r}\n{output[-1500:]}")
    assert result.exit_code in DOCUMENTED, (args[0], result.exit_code, output[-1500:])
    assert "Erreur inattendue" not in output and "Traceback" not in output, (args[0], output[-1500:])
    if result.exit_code not in (0, 1) or "Erreur" in output:
        assert "Erreur : " in output, (args[0], output[-800:])
    return result.exit_code, output


@contextlib.contextmanager
def _silent_and_closed() -> Iterator[None]:
    """No warning (a library's English on stderr) and no file left open: collected here, at
    the end of each example, rather than whenever the collector runs (in another example,
    or inside hypothesis's own drawing, which then reports an unrelated, flaky failure)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
        gc.collect()
    assert not caught, [f"{w.category.__name__}: {w.message}" for w in caught]


@contextlib.contextmanager
def _said_at_once() -> Iterator[None]:
    """A failure printed when it happens: a library that warns or fails only the first time
    (a cache) does not fail again when hypothesis replays the example, which then reports
    « Flaky » without the failure; pytest shows what was printed here."""
    try:
        yield
    except BaseException as exc:
        print(f"Échec de l'exemple : {exc!r:.6000}", file=sys.stderr)
        raise


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_hostile_values_in_every_input_column_never_crash_a_command(presented, data):
    original, targets = presented
    # One value of HOSTILE per input column (its index: a small draw), in one of the table's
    # rows or just below it; then a few made-up values anywhere.
    picks = data.draw(st.lists(st.tuples(st.integers(0, len(HOSTILE) - 1), st.integers(0, 1_000)),
                               min_size=len(targets), max_size=len(targets)), label="valeurs")
    cells = [(sheet, 2 + row % (rows + 1), column, HOSTILE[index])
             for (sheet, _, column, rows), (index, row) in zip(targets, picks)]
    for target, value in data.draw(st.lists(st.tuples(st.integers(0, len(targets) - 1), MADE_UP), max_size=6),
                                   label="inventées"):
        sheet, _, column, rows = targets[target]
        cells.append((sheet, 2, column, value))
    note(f"cellules : {cells!r:.4000}")
    with tempfile.TemporaryDirectory() as folder, _silent_and_closed(), _said_at_once():
        out = Path(folder)
        try:
            path = _with_values(original, out, cells)
        except (ValueError, TypeError):  # a value openpyxl itself refuses to write: not a workbook input
            return
        _run("check", path, "--format", "json")
        _run("check", path, "--write")
        _run("log", path, "--reason", "Séance du comité")
        _run("minutes", path, "-o", out / "cr.docx")
        _run("kickoff", path, "-o", out / "an.docx", "--force")
        _run("support", path, "-o", out / "s.pptx")
        _run("suivi", path, "-o", out / "suivi.docx")
        _run("suivi", path, "--ordre-du-jour", "-o", out / "odj.docx")
        _run("bilan", path, "--annee", "2027", "-o", out / "bilan.docx")
        if (out / "cr.docx").exists():
            _run("verify", path, "--contre", out / "cr.docx")
        _run("validate", path, "--reserves", "Chiffrer le renfort de la DSI")
        _run("snapshot", path)
        try:
            api.frames(path)
        except NrXlError:
            pass


def test_every_input_column_is_a_target(presented):
    """The fuzz test reaches every input column of every input table."""
    _, targets = presented
    reached = {(sheet, header) for sheet, header, *_ in targets}
    for spec in schema.INPUT_TABLES:
        for column in spec.columns:
            if column.kind is not Kind.COMPUTED and column.announce_missing and column.required:
                assert (spec.sheet, column.header) in reached, (spec.sheet, column.header)
