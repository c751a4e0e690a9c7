"""Text the journal writes comes back as it was written: OOXML reads « _xHHHH_ » in a cell as an
escaped character, so a literal one (an Excel or SharePoint export artefact pasted in a reason or a
cell) is stored escaped, as Excel stores it, and read back literal."""

from __future__ import annotations

import datetime as dt
import zipfile

import python_calamine
from openpyxl import load_workbook

from nr_xl import api
from nr_xl.core import schema
from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
from nr_xl.sources.ooxml import sheet_parts
from nr_xl.workbook.edit import CellEdit, apply_edits
from nr_xl.workbook.xstring import escape, unescape

NOW = dt.datetime(2026, 12, 3, 15, 0)
ARTEFACT = "Export SharePoint _x0001_ puis _x000D_ et _x0001_x0002_ (_x005F_)"


def journal_codes(path):
    return [f.code for f in api.check(path).findings if f.code.startswith("journal.")]


def sheet_xml(path, sheet):
    with zipfile.ZipFile(path) as zf:
        return zf.read(sheet_parts(zf.read)[sheet]).decode("utf-8")


def calamine_rows(path, sheet):
    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        return book.get_sheet_by_name(sheet).to_python()


def test_a_literal_escape_in_a_reason_is_stored_as_excel_stores_it_and_verifies(example_path):
    api.snapshot(example_path, now=NOW)
    apply_edits(example_path, COMMITTEE_ADJUSTMENTS[1][1])
    (row,) = api.log(example_path, reason=ARTEFACT, now=NOW)
    assert row.reason == ARTEFACT
    assert journal_codes(example_path) == []  # read back literal: the chain holds
    xml = sheet_xml(example_path, schema.JOURNAL.sheet)
    # What Excel writes for the typed text: each « _ » that opens an escape is itself escaped.
    assert "_x005F_x0001_ puis _x005F_x000D_ et _x005F_x0001_x005F_x0002_ (_x005F_x005F_)" in xml
    assert calamine_rows(example_path, schema.JOURNAL.sheet)[1][9] == ARTEFACT
    # openpyxl does not decode inline strings: it shows the stored text, which Excel reads as ARTEFACT.
    assert unescape(load_workbook(example_path)[schema.JOURNAL.sheet]["J2"].value) == ARTEFACT


def test_a_literal_escape_in_an_input_cell_survives_the_reference_and_the_journal(example_path):
    title = "Plan de sobriété _x000D_ (copie SharePoint)"
    apply_edits(example_path, [CellEdit(schema.ACTIONS.sheet, {"ID": "B3.1"}, "Action", title)])
    assert calamine_rows(example_path, schema.ACTIONS.sheet)[[r[0] for r in calamine_rows(
        example_path, schema.ACTIONS.sheet)].index("B3.1")][2] == title
    api.snapshot(example_path, now=NOW)  # the reference's JSON holds the literal too
    assert journal_codes(example_path) == []
    apply_edits(example_path, [CellEdit(schema.ACTIONS.sheet, {"ID": "B3.1"}, "Action", title + " _x0007_")])
    (row,) = api.log(example_path, reason="_x0041_", now=NOW)
    assert (row.old, row.new, row.reason) == (title, title + " _x0007_", "_x0041_")
    assert journal_codes(example_path) == []


def test_excel_stored_text_is_read_as_excel_shows_it(tmp_path):
    """What Excel stores (a shared string with « _x005F_ ») reads as the typed text in both readers."""
    from openpyxl import Workbook

    path = tmp_path / "excel.xlsx"
    wb = Workbook()
    wb.active["A1"] = "placeholder"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = (f'<sst xmlns="{main}" count="1" uniqueCount="1">'
                                     f"<si><t>{escape('a_x0001_b')}</t></si></sst>").encode()
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b'<c r="A1" t="inlineStr"><is><t>placeholder</t></is></c>', b'<c r="A1" t="s"><v>0</v></c>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert calamine_rows(path, "Sheet")[0][0] == "a_x0001_b"
    assert load_workbook(path)["Sheet"]["A1"].value == "a_x0001_b"


def test_escape_and_unescape_are_inverse():
    for text in ("", "_x0001_", "__x0001__", "_x0001_x0002_", "_x005F_", "_X00aB_", "a_x12_b", "x0001_",
                 ARTEFACT, "_x0041__x0042_"):
        assert unescape(escape(text)) == text, text
    assert unescape("_x0041_") == "A" and escape("sans motif") == "sans motif"
