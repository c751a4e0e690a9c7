"""Writing Contrôles into a real .xlsm changes only the parts the tool owns,
and never loses the original, whatever goes wrong."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from nr_xl import api

from nr_xl.core import schema
from nr_xl.core.errors import WorkbookWriteError
from nr_xl.core import layout
from nr_xl.workbook.writer import write_owned_sheets

from rich_workbook import make_rich


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def owned_parts(path: Path) -> set[str]:
    """The Contrôles sheet part and its table part."""
    from nr_xl.workbook.writer import _sheet_targets

    target = _sheet_targets(parts(path))[schema.FINDINGS.sheet]
    return {target.part, *target.tables}


@pytest.fixture
def rich(example_master, tmp_path) -> Path:
    return make_rich(example_master, tmp_path / "utilisateur.xlsm")


def test_write_changes_only_the_owned_parts(rich):
    before = parts(rich)
    assert "xl/vbaProject.bin" in before and "customUI/customUI14.xml" in before
    report = api.check(rich)
    backup = api.write_findings(rich, report)
    after = parts(rich)
    assert set(after) == set(before)
    changed = {n for n in before if before[n] != after[n]}
    assert changed == owned_parts(rich)
    assert b"ui/extensibility" in after["_rels/.rels"]
    assert parts(backup) == before


def test_findings_sheet_reads_back_with_the_same_findings(rich):
    report = api.check(rich)
    api.write_findings(rich, report)
    ws = load_workbook(rich, keep_vba=True)[schema.FINDINGS.sheet]
    rows = [r[:9] for r in ws.iter_rows(min_row=2, max_row=len(report.findings) + 1, values_only=True)]
    expected = [(f.severity.label, f.code, f.dimension, f.sheet, f.row, f.field, f.key, f.message,
                 f.suggestion) for f in report.findings]
    assert rows == expected
    assert ws.tables["tbl_Controles"].ref == f"A1:I{len(report.findings) + 1}"


def test_the_former_write_controles_warns_and_still_writes_the_findings(rich):
    report = api.check(rich)
    with pytest.warns(DeprecationWarning, match="write_findings"):
        backup = api.write_controles(rich, report)
    assert backup.exists()
    ws = load_workbook(rich, keep_vba=True)[schema.FINDINGS.sheet]
    assert [ws.cell(row=2, column=c).value for c in (2, 7)] == [report.findings[0].code, report.findings[0].key]
    assert ws["L1"].value == "BLOQUANT"
    link = ws["D2"].hyperlink
    assert link.location == "'Enveloppes'!C3"  # the 2028 envelope, column C (Investissement)
    assert ws["L1"].style == "nr_bloquant" and ws["A2"].style == "nr_bloquant"
    # Checking again after the write finds the same (the tool's own sheet is not an input).
    assert api.check(rich).to_dict()["findings"] == report.to_dict()["findings"]


def test_rewriting_a_shorter_report_leaves_no_stale_rows(rich):
    api.write_findings(rich, api.check(rich))
    from nr_xl.core.findings import Report

    api.write_findings(rich, Report(str(rich), []))
    ws = load_workbook(rich)[schema.FINDINGS.sheet]
    assert ws["A2"].value is None and ws.tables["tbl_Controles"].ref == "A1:I2"
    assert ws["L1"].value == "FAISABLE"


def test_text_that_looks_like_a_formula_stays_text(rich):
    from nr_xl.core.layout import Cell, SheetContent

    evil = '=HYPERLINK("file:///C:/Windows/System32/calc.exe","clic")'
    content = SheetContent((Cell(1, 1, "Gravité"), Cell(2, 1, evil), Cell(3, 1, "@SUM(A1)"),
                            Cell(4, 1, "bad\x00\x07char")), 3)
    write_owned_sheets(rich, {schema.FINDINGS.sheet: content})
    (sheet_part,) = [p for p in owned_parts(rich) if "/worksheets/" in p]
    xml = parts(rich)[sheet_part]
    assert b"<f>" not in xml and b"<f " not in xml
    ws = load_workbook(rich)[schema.FINDINGS.sheet]
    assert ws["A2"].value == evil and ws["A2"].data_type == "s"
    assert ws["A4"].value == "badchar"


# The steps of replace_file where a write can be interrupted, each at a real seam of the writer:
# the temporary file written (read back), verified (before the backup), backed up (before the rename).
STEPS = ["written", "verified", "backed_up"]


def interrupt_at(monkeypatch, step: str, action) -> None:  # type: ignore[no-untyped-def]
    from nr_xl.workbook import writer

    real_same_bytes, real_backup = writer._same_bytes, writer.write_backup

    def same_bytes(*args):  # type: ignore[no-untyped-def]
        real_same_bytes(*args)
        if step == "written":
            action()

    def write_backup(*args):  # type: ignore[no-untyped-def]
        if step == "verified":
            action()
        backup = real_backup(*args)
        if step == "backed_up":
            action()
        return backup

    monkeypatch.setattr(writer, "_same_bytes", same_bytes)
    monkeypatch.setattr(writer, "write_backup", write_backup)


@pytest.mark.parametrize("step", STEPS)
def test_interrupted_write_leaves_the_original_intact(rich, step, monkeypatch):
    original = rich.read_bytes()

    def crash() -> None:
        raise KeyboardInterrupt  # as a user's Ctrl+C or a kill would

    interrupt_at(monkeypatch, step, crash)
    with pytest.raises(KeyboardInterrupt):
        write_owned_sheets(rich, {schema.FINDINGS.sheet: layout.findings_sheet(None)})
    assert rich.read_bytes() == original
    leftovers = [p.name for p in rich.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize("step", STEPS)
def test_disk_full_is_reported_and_the_original_kept(rich, monkeypatch, step):
    import errno

    original = rich.read_bytes()

    def no_space() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    interrupt_at(monkeypatch, step, no_space)
    with pytest.raises(WorkbookWriteError) as err:
        write_owned_sheets(rich, {schema.FINDINGS.sheet: layout.findings_sheet(None)})
    assert "disque est plein" in err.value.message and "intact" in err.value.message
    assert rich.read_bytes() == original


def test_the_two_steps_build_then_replace(rich):
    """new_package touches no file; replace_file puts exactly its bytes in place, keeping the old ones."""
    from nr_xl.workbook.lock import exclusive
    from nr_xl.workbook.writer import new_package, replace_file

    original = rich.read_bytes()
    data = new_package(original, rich.name, {schema.FINDINGS.sheet: layout.findings_sheet(None)})
    assert rich.read_bytes() == original and data != original
    with exclusive(rich) as guard:
        backup = replace_file(guard, original, data)
    assert rich.read_bytes() == data and backup.read_bytes() == original
    assert load_workbook(rich)[schema.FINDINGS.sheet]["A1"].value == "Gravité"


def test_read_only_detection_message(rich, monkeypatch):
    original = rich.read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == rich and mode == os.W_OK
                        else real_access(p, mode))
    with pytest.raises(WorkbookWriteError) as err:
        api.write_findings(rich, api.check(rich))
    assert "lecture seule" in err.value.message
    assert rich.read_bytes() == original


@pytest.mark.parametrize("lock_name, word", [("~${}", "Excel"), (".~lock.{}#", "LibreOffice")])
def test_workbook_open_elsewhere_is_refused(rich, lock_name, word):
    original = rich.read_bytes()
    (rich.parent / lock_name.format(rich.name)).write_text("verrou")
    with pytest.raises(WorkbookWriteError) as err:
        api.write_findings(rich, api.check(rich))
    assert word in err.value.message
    assert rich.read_bytes() == original


def test_missing_owned_sheet_is_a_clear_error(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "sans_controles.xlsx"
    wb = Workbook()
    wb.active.title = "Feuille de route"
    wb.save(path)
    original = path.read_bytes()
    with pytest.raises(WorkbookWriteError) as err:
        write_owned_sheets(path, {schema.FINDINGS.sheet: layout.findings_sheet(None)})
    assert "Contrôles" in err.value.message and "nr-xl template" in err.value.message
    assert path.read_bytes() == original


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_process_killed_mid_write_leaves_the_original_intact(rich, step):
    """A real kill (SIGKILL, no cleanup code runs) at each step of the write."""
    import subprocess
    import sys

    original = rich.read_bytes()
    code = (
        "import os, signal\n"
        "from pathlib import Path\n"
        "from nr_xl.core import schema\n"
        "from nr_xl.core import layout\n"
        "import pytest\n"
        "from nr_xl.workbook.writer import write_owned_sheets\n"
        "from test_writer import interrupt_at\n"
        f"interrupt_at(pytest.MonkeyPatch(), {step!r}, lambda: os.kill(os.getpid(), signal.SIGKILL))\n"
        f"write_owned_sheets(Path({str(rich)!r}), {{schema.FINDINGS.sheet: layout.findings_sheet(None)}})\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=Path(__file__).parent)
    assert run.returncode == -9, run.stderr[-2000:]
    assert rich.read_bytes() == original
    # A killed run may leave its temporary file; it is hidden and never the workbook itself.
    for leftover in rich.parent.glob(".*.tmp"):
        assert leftover.name.startswith(f".{rich.stem}.")


def test_a_row_added_below_a_table_moves_the_sheet_dimension(example_path):
    import re

    from nr_xl.workbook.writer import _sheet_targets

    budget = load_workbook(example_path, read_only=True)["Budget"]
    last = budget.max_row
    write_owned_sheets(example_path, {}, patches={"Budget": {(last + 1, 1): "B1.1", (last + 1, 2): 2029}})
    files = parts(example_path)
    target = _sheet_targets(files)["Budget"]
    dimension = re.search(rb'<dimension ref="([^"]+)"', files[target.part]).group(1).decode()
    table = re.search(rb'<table [^>]*ref="([^"]+)"', files[target.tables[0]]).group(1).decode()
    assert dimension == table == f"A1:E{last + 1}"
    assert load_workbook(example_path, read_only=True)["Budget"].max_row == last + 1


def test_full_recalculation_is_asked_only_after_patching_input_cells(example_path):
    before = parts(example_path)["xl/workbook.xml"]
    assert b"fullCalcOnLoad" not in before
    api.write_findings(example_path, api.check(example_path))
    api.snapshot(example_path)
    assert parts(example_path)["xl/workbook.xml"] == before  # owned sheets only: untouched
    api.validate(example_path, reservations="À lever")  # patches the Version of Paramètres
    after = parts(example_path)["xl/workbook.xml"]
    assert b'fullCalcOnLoad="1"' in after and after.count(b"<calcPr") == 1


def test_recalculation_flag_goes_where_the_schema_puts_calcpr():
    from lxml import etree

    from nr_xl.workbook.writer import recalculate_on_open

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml = (f'<workbook xmlns="{ns}"><sheets/><definedNames/><fileRecoveryPr/><extLst/></workbook>').encode()
    root = etree.fromstring(recalculate_on_open(xml))
    assert [etree.QName(c).localname for c in root] == ["sheets", "definedNames", "calcPr", "fileRecoveryPr",
                                                        "extLst"]
    assert root[2].get("fullCalcOnLoad") == "1"
    once = recalculate_on_open(xml)
    assert recalculate_on_open(once) == once


def test_the_declared_used_range_spans_exactly_the_cells_written_and_the_user_s(example_path):
    """Excel and xlwings size their reads on <dimension>: it must end at the last row and
    column holding a cell, nr_xl's or a user's note far to the right and below."""
    import re
    import zipfile

    from test_user_cells import NOTE, sheet_part, type_cells

    def declared_and_actual() -> tuple[str, str]:
        with zipfile.ZipFile(example_path) as zf:
            xml = zf.read(sheet_part(example_path, schema.FINDINGS.sheet)).decode()
        refs = re.findall(r'<c r="([A-Z]+)(\d+)"', xml)
        last_row = max(int(r) for _, r in refs)
        last_col = max((len(c), c) for c, _ in refs)[1]
        return re.search(r'<dimension ref="([^"]+)"', xml).group(1), f"A1:{last_col}{last_row}"

    api.check_and_write(example_path)
    declared, actual = declared_and_actual()
    assert declared == actual
    type_cells(example_path, schema.FINDINGS.sheet, {(90, 30): NOTE})
    api.check_and_write(example_path)
    declared, actual = declared_and_actual()
    assert declared == actual == "A1:AD90"
