"""A tab or a table a user renamed is still found, by its table name or its VBA code name,
as Excel's own formulas find it; a sheet found by none of them is refused by the commands
that need it, never read as empty (« Aucun ajustement », « pour 0 € »)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from nr_xl import api
from nr_xl.core import schema
from nr_xl.core.errors import WorkbookUnreadable
from nr_xl.documents.produce import MINUTES
from nr_xl.jobs.documents import build_context
from nr_xl.workbook.edit import CellEdit, apply_edits

RAISED = CellEdit(schema.BUDGET.sheet, {"Action": "B1.2", "Année": "2027"}, "Fonctionnement (€)", 25000)


def rewrite(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """The package with ``change(name, bytes) -> bytes`` applied to each part, as Excel saves a rename."""
    with zipfile.ZipFile(path) as zf:
        parts = [(info, change(info.filename, zf.read(info.filename))) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            out.writestr(info, data)
    return path


def rename_tab(path: Path, old: str, new: str) -> Path:
    """Excel renames a tab in xl/workbook.xml only: the sheet keeps its table and code name."""
    return rewrite(path, lambda name, data: data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
                   if name == "xl/workbook.xml" else data)


def rename_table(path: Path, old: str, new: str) -> Path:
    return rewrite(path, lambda name, data: data.replace(f'"{old}"'.encode(), f'"{new}"'.encode())
                   if name.startswith("xl/tables/") else data)


def erase_marks(path: Path, sheet: str) -> Path:
    """A sheet that lost its table and its code name too (rebuilt by copy and paste)."""
    spec = schema.TABLES_BY_SHEET[sheet]
    rename_table(path, spec.table, "Tableau99")
    return rewrite(path, lambda name, data: data.replace(f'codeName="{spec.code_name}"'.encode(), b'codeName="Feuil9"')
                   if name.startswith("xl/worksheets/") else data)


@pytest.fixture
def presented(example_path: Path) -> Path:
    api.snapshot(example_path)
    return example_path


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_renamed_budget_tab_is_read_under_its_contract_name(presented, engine):
    before = api.check(presented, engine=engine)
    rename_tab(presented, "Budget", "Budget 2027")
    after = api.check(presented, engine=engine)
    assert [(f.code, f.key) for f in after.findings] == [(f.code, f.key) for f in before.findings]
    assert not [f for f in after.findings if f.code == "input.missing_sheet"]


def test_an_edit_on_a_renamed_budget_tab_is_journalled(presented):
    apply_edits(presented, [RAISED])
    rename_tab(presented, "Budget", "Budget 2027")
    rows = api.log(presented, reason="Renfort")
    assert [(r.sheet, r.field, r.new) for r in rows] == [("Budget", "Fonctionnement (€)", "25000")]


def test_the_minutes_of_a_workbook_whose_budget_tab_was_renamed_print_its_budget(presented):
    total = build_context(MINUTES, presented)["budget_total"]
    rename_tab(presented, "Budget", "Budget 2027")
    assert build_context(MINUTES, presented)["budget_total"] == total != "0\u00a0€"


def test_a_renamed_journal_tab_keeps_its_rows_and_grows(presented):
    apply_edits(presented, [RAISED])
    api.log(presented, reason="Renfort")
    rename_tab(presented, "Journal", "Journal du comité")
    apply_edits(presented, [CellEdit(schema.BUDGET.sheet, {"Action": "B1.2", "Année": "2027"},
                                     "Fonctionnement (€)", 30000)])
    rows = api.log(presented, reason="Arbitrage")
    assert [r.number for r in rows] == [2]
    report = api.check(presented)
    assert not [f for f in report.findings if f.dimension == schema.JOURNAL_DIM]
    from openpyxl import load_workbook

    book = load_workbook(presented)
    assert "Journal" not in book.sheetnames  # the tab keeps the name its user gave it
    assert book["Journal du comité"]["A3"].value == 2


def test_a_renamed_journal_table_receives_the_new_rows_inside_it(presented):
    rename_table(presented, "tbl_Journal", "Tableau16")
    apply_edits(presented, [RAISED])
    rows = api.log(presented, reason="Renfort")
    assert [r.number for r in rows] == [1]
    from openpyxl import load_workbook

    sheet = load_workbook(presented)["Journal"]
    assert list(sheet.tables) == ["Tableau16"] and sheet.tables["Tableau16"].ref == "A1:K2"
    assert not [f for f in api.check(presented).findings if f.dimension == schema.JOURNAL_DIM]


def test_findings_link_to_the_renamed_tab(presented):
    rename_tab(presented, "Enveloppes", "Enveloppes votées")
    api.check_and_write(presented)
    from openpyxl import load_workbook

    links = [c.hyperlink.location for row in load_workbook(presented)["Contrôles"].iter_rows() for c in row
             if c.hyperlink is not None and c.hyperlink.location]
    assert any(link.startswith("'Enveloppes votées'!") for link in links)
    assert not any(link.startswith("'Enveloppes'!") for link in links)


def test_a_sheet_found_by_its_code_name_when_tab_and_table_were_renamed(presented):
    rename_table(presented, "tbl_Budget", "Tableau5")
    rename_tab(presented, "Budget", "Prévisions")
    apply_edits(presented, [RAISED])
    assert [r.field for r in api.log(presented, reason="Renfort")] == ["Fonctionnement (€)"]


def test_a_sheet_found_by_nothing_refuses_the_journal_rather_than_record_no_change(presented):
    apply_edits(presented, [RAISED])
    erase_marks(presented, "Budget")
    rename_tab(presented, "Budget", "Prévisions")
    before = presented.read_bytes()
    with pytest.raises(WorkbookUnreadable) as refused:
        api.log(presented, reason="Renfort")
    assert "« Budget »" in refused.value.message and "tbl_Budget" in refused.value.message
    assert refused.value.exit_code == 3 and presented.read_bytes() == before


def test_a_sheet_found_by_nothing_refuses_the_documents_rather_than_print_zero(presented, tmp_path):
    erase_marks(presented, "Budget")
    rename_tab(presented, "Budget", "Prévisions")
    for write in (lambda: api.document("compte_rendu", presented, tmp_path / "cr.docx"),
                  lambda: api.support(presented, tmp_path / "s.pptx")):
        with pytest.raises(WorkbookUnreadable) as refused:
            write()
        assert "« Budget »" in refused.value.message
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.pptx"))
    report = api.check(presented)  # check says it as a finding and goes on
    assert ("input.missing_sheet", "Budget") in {(f.code, f.sheet) for f in report.findings}


# --- The ribbon: the open book, through xlwings -----------------------------------------

def rename_in_excel(book, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    """A user renames a tab of the open book (Excel keeps its tables)."""
    for store in (book.sheets, book.text_cells, book.formulas, book.tables):
        store[new] = store.pop(old)
    book.sheets = {(new if name == old else name): rows for name, rows in book.sheets.items()}


def alerts(actions: list[dict]) -> list[str]:
    return [a["args"][0] for a in actions if a["func"] == "alert"]


def test_the_ribbon_journals_an_edit_on_a_renamed_budget_tab_into_a_renamed_journal(presented):
    from remote_book import ExcelLikeBook
    from test_vba import click_every_button

    apply_edits(presented, [RAISED])
    book = ExcelLikeBook.from_file(presented)
    rename_in_excel(book, "Budget", "Budget 2027")
    rename_in_excel(book, "Journal", "Journal du comité")
    said = alerts(book.click(click_every_button()["NR_Journaliser"]))
    assert said and "1 ligne(s) ajoutée(s)" in said[0], said
    assert "Journal" not in book.sheets  # written into the tab as its user named it
    rows = [r for r in book.sheets["Journal du comité"][1:] if r and r[0] not in (None, "")]
    assert len(rows) == 1 and rows[0][4] == "Budget", rows
    assert "Fonctionnement (€)" in rows[0] and {25000, "25000"} & set(rows[0]), rows


def test_the_ribbon_refuses_to_journal_when_budget_is_found_by_nothing(presented):
    from remote_book import ExcelLikeBook
    from test_vba import click_every_button

    apply_edits(presented, [RAISED])
    erase_marks(presented, "Budget")
    book = ExcelLikeBook.from_file(presented)
    rename_in_excel(book, "Budget", "Prévisions")
    journal_before = [list(r) for r in book.sheets["Journal"]]
    said = alerts(book.click(click_every_button()["NR_Journaliser"]))
    assert said and "« Budget »" in said[0] and "introuvable" in said[0] and "Aucun ajustement" not in said[0]
    assert [list(r) for r in book.sheets["Journal"]] == journal_before


def test_a_workbook_without_the_optional_follow_up_sheets_is_not_refused(presented):
    """The follow-up sheets come after the vote (and a workbook may predate them): their
    absence is no missing sheet for the journal or the documents."""
    from openpyxl import load_workbook

    book = load_workbook(presented, keep_vba=True)
    for spec in schema.FOLLOWUP_TABLES:
        del book[spec.sheet]
    book.save(presented)
    apply_edits(presented, [RAISED])
    assert [r.field for r in api.log(presented, reason="Renfort")] == ["Fonctionnement (€)"]
    assert build_context(MINUTES, presented)["budget_total"] != "0\u00a0€"
