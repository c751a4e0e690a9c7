"""Nothing a user typed on « Contrôles » or « Journal » disappears without a word."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook
from openpyxl.worksheet.table import Table, TableColumn

from nr_xl import api

from nr_xl.core import schema
from nr_xl.core.errors import NrXlError, WorkbookWriteError
from nr_xl.workbook.edit import CellEdit, apply_edits
from nr_xl.workbook.writer import _patch_sheet, _sheet_targets, write_owned_sheets

NOTE = "revoir B3.1 avec les finances"


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def rezip(path: Path, changes: dict[str, bytes | None]) -> None:
    old = parts(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in old.items():
            if changes.get(name, data) is not None:
                out.writestr(name, changes.get(name, data))
        for name, data in changes.items():
            if name not in old and data is not None:
                out.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def type_cells(path: Path, sheet: str, cells: dict[tuple[int, int], object]) -> None:
    """As a user typing in empty cells away from any table (no style of nr_xl's)."""
    part = sheet_part(path, sheet)
    rezip(path, {part: _patch_sheet(parts(path)[part], cells)})


def type_under_table(path: Path, sheet: str, cells: dict[tuple[int, int], object]) -> None:
    """As a user typing right under a table: Excel extends the table over the row."""
    write_owned_sheets(path, {}, patches={sheet: cells})


def sheet_part(path: Path, sheet: str) -> str:
    return _sheet_targets(parts(path))[sheet].part


def logged_once(path: Path) -> None:
    api.snapshot(path)
    apply_edits(path, [CellEdit("Capacités", {"Service": "DSI", "Année": 2027}, "Jours-homme disponibles", 260)])
    assert api.log(path, author="=cmd|' /C calc'!A0", reason="-20 % sur la DSI")


def test_a_note_under_the_controles_table_survives_every_check_write(example_path):
    report = api.check(example_path)
    below = len(report.findings) + 10
    type_cells(example_path, schema.FINDINGS.sheet, {(below, 1): NOTE})
    for _ in range(2):
        api.check_and_write(example_path)
    ws = load_workbook(example_path)[schema.FINDINGS.sheet]
    assert ws.cell(below, 1).value == NOTE
    assert ws.tables["tbl_Controles"].ref == f"A1:I{len(report.findings) + 1}"


def test_a_note_where_the_findings_must_go_is_refused_by_name(example_path):
    original_findings = len(api.check(example_path).findings)
    type_cells(example_path, schema.FINDINGS.sheet, {(original_findings - 1, 1): NOTE})
    before = example_path.read_bytes()
    with pytest.raises(WorkbookWriteError) as err:
        api.check_and_write(example_path)
    assert f"A{original_findings - 1}" in err.value.message and NOTE[:20] in err.value.message
    assert example_path.read_bytes() == before


def test_text_under_the_journal_table_is_no_tamper_alarm_and_is_kept(example_path):
    logged_once(example_path)
    type_cells(example_path, schema.JOURNAL.sheet, {(30, 1): "remarque du DGS"})
    assert [f.code for f in api.check(example_path).findings if f.code.startswith("journal.")] == [
        "journal.note_under_table"]
    apply_edits(example_path, [CellEdit("Capacités", {"Service": "DSI", "Année": 2027},
                                        "Jours-homme disponibles", 270)])
    assert [r.number for r in api.log(example_path)] == [2]
    ws = load_workbook(example_path)[schema.JOURNAL.sheet]
    assert ws["A30"].value == "remarque du DGS"
    assert [f.code for f in api.check(example_path).findings if f.code.startswith("journal.")] == [
        "journal.note_under_table"]  # no tamper alarm: only the word that the table will reach it


def test_a_note_under_the_journal_table_is_announced_by_check_and_never_swallowed(example_path):
    logged_once(example_path)  # the table is A1:K2
    type_cells(example_path, schema.JOURNAL.sheet, {(5, 1): NOTE, (5, 14): "à côté : rien à craindre"})
    (found,) = [f for f in api.check(example_path).findings if f.code == "journal.note_under_table"]
    assert (found.sheet, found.row, found.key) == (schema.JOURNAL.sheet, 5, "Journal!A5")
    assert found.severity.value == "warning" and "A5" in found.message and "colonne N" in found.suggestion
    # Three more rows reach row 5: refused before anything is written, saying which cell to move where.
    apply_edits(example_path, [CellEdit("Capacités", {"Service": "DSI", "Année": year}, "Jours-homme disponibles",
                                        300) for year in (2027, 2028, 2029)])
    before = example_path.read_bytes()
    with pytest.raises(WorkbookWriteError) as refused:
        api.log(example_path)
    assert "A5" in refused.value.message and NOTE[:20] in refused.value.message
    assert "s'agrandir jusqu'à la ligne 5" in refused.value.message and "colonne N" in refused.value.message
    assert example_path.read_bytes() == before
    ws = load_workbook(example_path)[schema.JOURNAL.sheet]
    assert (ws["A5"].value, ws.tables["tbl_Journal"].ref) == (NOTE, "A1:K2")


def test_a_row_typed_inside_the_journal_table_is_reported_with_its_fix(example_path):
    logged_once(example_path)
    # Excel extends a table over a row typed right under it.
    type_under_table(example_path, schema.JOURNAL.sheet, {(3, 3): "remarque du DGS"})
    wb = load_workbook(example_path)
    assert wb[schema.JOURNAL.sheet].tables["tbl_Journal"].ref == "A1:K3"
    (found,) = [f for f in api.check(example_path).findings if f.code == "journal.tampered"]
    assert (found.row, found.key) == (3, "2")
    assert "déplacez ce texte hors du tableau ou supprimez la ligne" in found.suggestion.lower()
    # Logging after it would chain the stray row into the journal: refused, nothing written.
    before = example_path.read_bytes()
    apply_edits(example_path, [CellEdit("Capacités", {"Service": "DSI", "Année": 2027},
                                        "Jours-homme disponibles", 270)])
    edited = example_path.read_bytes()
    with pytest.raises(NrXlError) as err:
        api.log(example_path)
    assert "ligne 3" in err.value.message and "hors du tableau" in err.value.message
    assert example_path.read_bytes() == edited != before


def test_a_column_added_to_the_journal_table_keeps_its_header_and_data(example_path):
    logged_once(example_path)
    wb = load_workbook(example_path, keep_vba=True)
    ws = wb[schema.JOURNAL.sheet]
    table = ws.tables["tbl_Journal"]
    ws["L1"], ws["L2"] = "Commentaire", "vu en bureau"
    table.ref = "A1:L2"
    if table.autoFilter is not None:
        table.autoFilter.ref = "A1:L2"
    table.tableColumns.append(TableColumn(id=len(table.tableColumns) + 1, name="Commentaire"))
    wb.save(example_path)
    apply_edits(example_path, [CellEdit("Capacités", {"Service": "DSI", "Année": 2027},
                                        "Jours-homme disponibles", 270)])
    api.log(example_path)
    ws = load_workbook(example_path)[schema.JOURNAL.sheet]
    assert (ws["L1"].value, ws["L2"].value) == ("Commentaire", "vu en bureau")
    table = ws.tables["tbl_Journal"]
    assert table.ref == "A1:L3" and [c.name for c in table.tableColumns][-1] == "Commentaire"
    assert [f.code for f in api.check(example_path).findings if f.code.startswith("journal.")] == []


def test_a_users_own_tables_on_owned_sheets_are_left_alone(example_path):
    wb = load_workbook(example_path, keep_vba=True)
    for sheet, name, where in ((schema.FINDINGS.sheet, "tbl_MesDecisions", "R1:S3"),
                               (schema.JOURNAL.sheet, "tbl_MesNotes", "O1:P3")):
        ws = wb[sheet]
        first = where.split(":")[0]
        col = first[0]
        nxt = chr(ord(col) + 1)
        for r, (a, b) in enumerate((("Sujet", "Suite"), ("B3.1", "à revoir"), ("R4", "fait")), start=1):
            ws[f"{col}{r}"], ws[f"{nxt}{r}"] = a, b
        ws.add_table(Table(displayName=name, ref=where))
    wb.save(example_path)
    api.check_and_write(example_path)
    logged_once(example_path)
    wb = load_workbook(example_path)
    assert wb[schema.FINDINGS.sheet].tables["tbl_MesDecisions"].ref == "R1:S3"
    assert wb[schema.FINDINGS.sheet]["S2"].value == "à revoir"
    assert wb[schema.JOURNAL.sheet].tables["tbl_MesNotes"].ref == "O1:P3"
    assert wb[schema.JOURNAL.sheet]["P3"].value == "fait"


CALC_CHAIN_TYPE = ('<Override PartName="/xl/calcChain.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>')
CALC_CHAIN_REL = ('<Relationship Id="rIdCalc" Target="calcChain.xml" '
                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"/>')


def add_formula(path: Path, sheet: str, ref: str, formula: str, sheet_id: str, others: str = "") -> None:
    """A formula cell as Excel stores it, with its entry in xl/calcChain.xml."""
    old = parts(path)
    part = sheet_part(path, sheet)
    xml = old[part].decode()
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cell = f'<c r="{ref}"><f>{formula}</f><v>1</v></c>'
    marker = f'<row r="{row}"'
    if marker in xml:
        start = xml.index(marker)
        end = xml.index("</row>", start)
        xml = xml[:end] + cell + xml[end:]
    else:
        xml = xml.replace("</sheetData>", f'<row r="{row}">{cell}</row></sheetData>')
    rezip(path, {
        part: xml.encode(),
        "xl/calcChain.xml": (f'<calcChain xmlns="{schema_ns()}"><c r="{ref}" i="{sheet_id}"/>{others}'
                             "</calcChain>").encode(),
        "[Content_Types].xml": old["[Content_Types].xml"].replace(b"</Types>", CALC_CHAIN_TYPE.encode() + b"</Types>"),
        "xl/_rels/workbook.xml.rels": old["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>", CALC_CHAIN_REL.encode() + b"</Relationships>"),
    })


def schema_ns() -> str:
    return "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet_id(path: Path, sheet: str) -> str:
    root = etree.fromstring(parts(path)["xl/workbook.xml"])
    return next(s.get("sheetId") for s in root.iter(f"{{{schema_ns()}}}sheet") if s.get("name") == sheet)


def test_a_users_formula_beside_the_journal_is_kept_with_its_calc_chain(example_path):
    add_formula(example_path, schema.JOURNAL.sheet, "N2", "COUNTA(A:A)-1", sheet_id(example_path, "Journal"))
    logged_once(example_path)
    after = parts(example_path)
    assert b"<f>COUNTA(A:A)-1</f>" in after[sheet_part(example_path, schema.JOURNAL.sheet)]
    assert b'r="N2"' in after["xl/calcChain.xml"]


def test_calc_chain_forgets_the_formula_cells_nr_xl_clears(example_path):
    sid = sheet_id(example_path, schema.FINDINGS.sheet)
    api.check_and_write(example_path)
    # A formula typed over a finding of the table: the next check replaces that row.
    add_formula(example_path, schema.FINDINGS.sheet, "B2", "1+1", sid,
                others=f'<c r="A1" i="{sheet_id(example_path, "Synthèse")}"/>')
    api.check_and_write(example_path)
    chain = parts(example_path)["xl/calcChain.xml"]
    assert b'r="B2"' not in chain and b'r="A1"' in chain
    # When nothing is left, the chain goes, with its content type and relationship.
    add_formula(example_path, schema.FINDINGS.sheet, "C2", "2+2", sid)
    api.check_and_write(example_path)
    after = parts(example_path)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["[Content_Types].xml"] and b"calcChain" not in after["xl/_rels/workbook.xml.rels"]


def test_text_that_starts_like_a_formula_gets_the_quote_prefix(example_path):
    logged_once(example_path)
    wb = load_workbook(example_path)
    ws = wb[schema.JOURNAL.sheet]
    author, reason = ws["D2"], ws["J2"]
    assert author.value.startswith("=") and author.data_type == "s" and author.quotePrefix
    assert reason.value.startswith("-") and reason.quotePrefix
    assert not ws["C2"].quotePrefix  # ordinary text keeps its format
    styles = parts(example_path)["xl/styles.xml"]
    apply_edits(example_path, [CellEdit("Capacités", {"Service": "DSI", "Année": 2027},
                                        "Jours-homme disponibles", 280)])
    api.log(example_path, author="@lea", reason="+5 j-h")
    assert parts(example_path)["xl/styles.xml"] == styles  # the twin format is reused, not added again
    assert load_workbook(example_path)[schema.JOURNAL.sheet]["D3"].quotePrefix
