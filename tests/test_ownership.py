"""One plan of who owns which cell of « Contrôles » and « Journal » (core/ownership.py),
applied alike by the file writer and the ribbon's."""

from __future__ import annotations

import openpyxl
import pytest

from nr_xl import api
from nr_xl.core import ownership, schema
from nr_xl.core.layout import BLOCK_COL, Cell, SheetContent

from test_user_cells import NOTE, parts, rezip, sheet_part

F, J = schema.FINDINGS, schema.JOURNAL


def controles(*rows: list[object], extra: dict[tuple[int, int], object] | None = None) -> dict:
    filled = {(1, c): h for c, h in enumerate(F.headers, start=1)}
    for r, row in enumerate(rows, start=2):
        filled.update({(r, c): v for c, v in enumerate(row, start=1) if v is not None})
    filled.update(extra or {})
    return filled


def test_rows_that_look_like_nr_xl_s_are_nr_xl_s_a_row_typed_into_the_table_is_the_user_s():
    filled = controles(["Bloquant", "budget.x"], ["Alerte", "kpi.y"], ["à voir", "note"],
                       extra={(10, 1): NOTE, (2, 12): "à côté"})
    cells = ownership.SheetCells(F.sheet, filled, (1, 1, 4, len(F.headers)), F.headers)
    found = ownership.split(cells)
    assert {(2, 1), (2, 2), (3, 1), (3, 2), (1, 1)} <= found.owned
    assert found.foreign_rows == {4}
    assert set(found.user) == {(4, 1), (4, 2), (10, 1), (2, 12)}


def test_a_column_added_to_the_table_and_a_user_s_table_are_the_user_s():
    filled = controles(["Bloquant", "budget.x"], extra={(1, 10): "Mon commentaire", (2, 10): "ok",
                                                         (20, 1): "Ma table", (21, 1): 3})
    cells = ownership.SheetCells(F.sheet, filled, (1, 1, 2, 10), F.headers, (("tbl_Moi", (20, 1, 21, 2)),))
    found = ownership.split(cells)
    assert (1, 10) in found.user and (2, 10) in found.user and (20, 1) in found.user
    growing = SheetContent(tuple(Cell(r, 1, "Bloquant") for r in range(2, 25)), 23)
    assert "tbl_Moi" in ownership.refusal(cells, found, growing)


def test_the_status_block_and_the_reason_cells_are_nr_xl_s_the_cells_beside_them_the_user_s():
    filled = controles(["Bloquant", "x"], extra={(1, BLOCK_COL): "Statut", (1, BLOCK_COL + 1): "Bloquant",
                                                 (1, BLOCK_COL + 3): "ma note"})
    found = ownership.split(ownership.SheetCells(F.sheet, filled, None, F.headers))
    assert (1, BLOCK_COL) in found.owned and (1, BLOCK_COL + 1) in found.owned
    assert (1, BLOCK_COL + 3) in found.user
    journal = {(1, 1): "N°", (2, 1): 1.0, (3, 1): "ma remarque", (1, 13): "Motif", (2, 13): "Report"}
    found = ownership.split(ownership.SheetCells(J.sheet, journal, (1, 1, 3, len(J.headers)), J.headers))
    assert (2, 1) in found.owned and (3, 1) in found.user
    for pos in ownership.LABELS[J.sheet] + ownership.ALWAYS_OURS[J.sheet]:
        assert pos not in found.user


def test_a_cell_already_holding_what_nr_xl_writes_is_no_clash():
    filled = controles(extra={(5, 1): "Bloquant"})
    cells = ownership.SheetCells(F.sheet, filled, (1, 1, 1, len(F.headers)), F.headers)
    found = ownership.split(cells)
    assert ownership.refusal(cells, found, SheetContent((Cell(5, 1, "Bloquant"),), 4)) is None
    assert "A5" in ownership.refusal(cells, found, SheetContent((Cell(5, 1, "Alerte"),), 4))


def as_excel_saves_it(path, sheet: str) -> None:
    """The sheet's texts moved to a shared string table, as Excel stores them when it saves."""
    from lxml import etree

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    old = parts(path)
    part = sheet_part(path, sheet)
    root = etree.fromstring(old[part])
    texts: list[str] = []
    for cell in root.iter(f"{{{ns}}}c"):
        if cell.get("t") == "inlineStr":
            inline = cell.find(f"{{{ns}}}is")
            texts.append("".join(inline.itertext()))
            cell.remove(inline)
            cell.set("t", "s")
            etree.SubElement(cell, f"{{{ns}}}v").text = str(len(texts) - 1)
    sst = etree.Element(f"{{{ns}}}sst", count=str(len(texts)), uniqueCount=str(len(texts)), nsmap={None: ns})
    for text in texts:
        etree.SubElement(etree.SubElement(sst, f"{{{ns}}}si"), f"{{{ns}}}t").text = text
    types = old["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = old["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
                             b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    rezip(path, {part: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
                 "xl/sharedStrings.xml": etree.tostring(sst, xml_declaration=True, encoding="UTF-8"),
                 "[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels})


def test_the_file_writer_tells_nr_xl_s_rows_from_a_row_typed_into_the_table_in_shared_strings(example_path):
    """Excel pulls a row typed right under a table into it, and stores every text as a
    shared string when it saves: nr_xl's rows are still told from the user's, whose
    row is kept where it is (the table grows with its own rows above it: refused)."""
    from nr_xl.core.errors import WorkbookWriteError
    from nr_xl.workbook.writer import write_owned_sheets

    report, _ = api.check_and_write(example_path)
    last = len(report.findings) + 1
    write_owned_sheets(example_path, {}, patches={F.sheet: {(last + 1, 1): "à revoir", (last + 1, 2): NOTE}})
    as_excel_saves_it(example_path, F.sheet)
    rows = openpyxl.load_workbook(example_path)[F.sheet]
    assert rows.cell(2, 1).value == report.findings[0].severity.label and rows.cell(last + 1, 2).value == NOTE
    before = example_path.read_bytes()
    api.check_and_write(example_path)  # the same findings: nr_xl's rows replaced, the user's row kept
    rows = openpyxl.load_workbook(example_path)[F.sheet]
    assert rows.cell(last + 1, 1).value == "à revoir" and rows.cell(last + 1, 2).value == NOTE
    assert rows.cell(2, 1).value == report.findings[0].severity.label
    assert example_path.read_bytes() != before
    # One more finding would need that row: refused, by name, and nothing written.
    from nr_xl.workbook.edit import CellEdit, apply_edits

    apply_edits(example_path, [CellEdit("Capacités", {"Service": "DSI", "Année": 2027}, "Jours-homme disponibles", 10)])
    assert len(api.check(example_path).findings) > len(report.findings)
    before = example_path.read_bytes()
    with pytest.raises(WorkbookWriteError) as err:
        api.check_and_write(example_path)
    assert NOTE[:20] in err.value.message and f"B{last + 1}" in err.value.message
    assert example_path.read_bytes() == before
