"""The ribbon's Python side, run on an xlwings remote-engine Book built from a real
workbook: each button's exact RunPython command, its effect as Excel stores it
(strings re-typed as Excel does), its number of Excel calls."""

from __future__ import annotations

import datetime as dt
import types
import json

import pytest
from openpyxl import load_workbook

from nr_xl import api

from nr_xl.core import schema
from nr_xl.example.scale import scaled_example
from nr_xl.core.journal.store import journal_rows

from remote_book import ExcelLikeBook, run_button
from test_cli import EXAMPLE_FINDINGS, nr_xl
from test_vba import click_every_button

COMMANDS = click_every_button()
VALIDATE_WITH_RESERVATIONS = click_every_button("Renfort DSI avant mars")["NR_Valider"]


def setvalues(actions, sheet_name, path):
    position = load_workbook(path, read_only=True).sheetnames.index(sheet_name)
    return [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == position]


def alerts(actions):
    return [a["args"] for a in actions if a["func"] == "alert"]


@pytest.mark.slow
def test_check_button_writes_the_same_findings_as_the_cli(example_path):
    book = ExcelLikeBook.from_file(example_path)
    actions = book.click(COMMANDS["NR_Verifier"])
    sheet = book.sheets["Contrôles"]
    top = next(i for i, row in enumerate(sheet) if row and row[0] == "Gravité")
    width = len(schema.FINDINGS.headers)
    header, *rows = [r for r in (row[:width] for row in sheet[top:]) if any(v is not None for v in r)]
    assert header == list(schema.FINDINGS.headers)
    written = [dict(zip(header, r)) for r in rows]
    # What Excel keeps: every text as written, row numbers as numbers.
    label = {"error": "Bloquant", "warning": "Alerte"}
    assert [(r["Gravité"], r["Feuille"], r["Ligne"], r["Code"], r["Clé"]) for r in written] == [
        (label[severity], sheet, float(row), code, key) for severity, sheet, row, code, key in EXAMPLE_FINDINGS]
    cli = json.loads(nr_xl("check", str(example_path), "--format", "json").stdout)["findings"]
    assert [(r["Dimension"], r["Champ"], r["Message"], r["Suggestion"]) for r in written] == [
        (f["dimension"], f["field"], f["message"], f["suggestion"]) for f in cli]
    assert book.formulas["Contrôles"][(top + 1, 3)] == "=HYPERLINK(\"#'Enveloppes'!C3\",\"Enveloppes\")"
    assert any(a["func"] == "activateSheet" for a in actions)
    (message,) = alerts(actions)
    assert "Bloquant" in message[0] and message[3] == "info"


def test_number_of_excel_calls_does_not_grow_with_the_roadmap(example_path, tmp_path):
    big = api.build_template(tmp_path / "x10.xlsm", scaled_example(10))
    small_actions = run_button(example_path, COMMANDS["NR_Verifier"])
    big_actions = run_button(big, COMMANDS["NR_Verifier"])
    assert [a["func"] for a in small_actions] == [a["func"] for a in big_actions]
    # Clear nr_xl's table, the status block's two columns, its « Non lu » column and its
    # figure tables (rectangles that never cover a user's cell), write the table and the
    # block, resize the table, show the sheet, say the status: the same 9 calls at any size.
    assert [a["func"] for a in big_actions] == ["rangeClearContents"] * 4 + ["setValues"] * 2 + [
        "resizeTable", "activateSheet", "alert"]
    table = setvalues(big_actions, "Contrôles", big)[0]
    assert table["row_count"] > 10 * (setvalues(small_actions, "Contrôles", example_path)[0]["row_count"] - 1) / 2


def version_cell(book: ExcelLikeBook) -> str:
    row = next(i for i, r in enumerate(book.sheets["Paramètres"]) if r and r[0] == "Version")
    return f"B{row + 1}"


def codes_in_controles(book: ExcelLikeBook) -> set[str]:
    return {row[1] for row in book.sheets["Contrôles"] if len(row) > 1 and isinstance(row[1], str)}


def test_committee_session_through_the_ribbon_as_excel_stores_it(example_path):
    book = ExcelLikeBook.from_file(example_path)
    actions = book.click(COMMANDS["NR_FigerReference"])
    assert "figée" in alerts(actions)[0][0]
    # The committee edits a cell and types the reason, as a user does in Excel.
    book.type("Budget", "C18", "120000")
    book.type(schema.JOURNAL.sheet, "M2", "'=Étaler B3.1")  # typed with the text prefix
    book.click(COMMANDS["NR_Journaliser"])
    rows = journal_rows(book.read()[schema.JOURNAL.sheet])
    assert [(j.key, j.old, j.new, j.reason) for j in rows] == [
        ("B3.1/2028/Enveloppe NR", "150000", "120000", "=Étaler B3.1")]
    # Excel kept every text as text: the amounts, the timestamp, the reason.
    stored = book.sheets[schema.JOURNAL.sheet][1]
    assert stored[7:10] == ["150000", "120000", "=Étaler B3.1"] and isinstance(stored[1], str)
    book.type("Budget", "C18", "110000,5")
    book.type(schema.JOURNAL.sheet, "M2", "Report partiel")
    book.click(COMMANDS["NR_Journaliser"])
    # Points still block: « Valider » without reservations refuses and Excel keeps everything.
    actions = book.click(COMMANDS["NR_Valider"])
    assert [a["func"] for a in actions] == ["alert"] and "point(s) bloquant(s)" in alerts(actions)[0][0]
    actions = book.click(VALIDATE_WITH_RESERVATIONS)  # reservations typed in the input box
    assert "1.0 → 1.1" in alerts(actions)[0][0]
    assert book.value("Paramètres", version_cell(book)) == "1.1"
    rows = journal_rows(book.read()[schema.JOURNAL.sheet])
    assert [(j.old, j.new) for j in rows] == [("150000", "120000"), ("120000", "110000.5"), ("1.0", "1.1"),
                                             ("", "Validée sous réserve"), ("", "Renfort DSI avant mars")]
    report = api.check_sheets(book.read(), book.name)
    assert not {f.code for f in report.findings if f.code.startswith("journal.")}
    book.click(COMMANDS["NR_Verifier"])
    assert "ids.duplicate" not in codes_in_controles(book) and "journal.tampered" not in codes_in_controles(book)
    assert "capacity.overload" in codes_in_controles(book)  # the check really ran


def test_version_2_10_stays_2_10(example_path):
    book = ExcelLikeBook.from_file(example_path)
    book.type("Paramètres", version_cell(book), "'2.9")
    book.click(COMMANDS["NR_FigerReference"])
    actions = book.click(VALIDATE_WITH_RESERVATIONS)
    assert "2.9 → 2.10" in alerts(actions)[0][0]
    assert book.value("Paramètres", version_cell(book)) == "2.10"
    # Again with nothing new: said, nothing written (the version is not bumped for nothing).
    again = book.click(VALIDATE_WITH_RESERVATIONS)
    assert "déjà enregistrée (version 2.10)" in alerts(again)[0][0]
    assert book.value("Paramètres", version_cell(book)) == "2.10"
    book.type("Feuille de route", "C2", "Installer la gouvernance (COPIL, COTECH)")  # an adjustment in session
    book.click(VALIDATE_WITH_RESERVATIONS)
    assert book.value("Paramètres", version_cell(book)) == "2.11"


def test_errors_become_a_french_message_and_nothing_is_written(example_path):
    actions = run_button(example_path, COMMANDS["NR_Journaliser"])  # no reference taken yet
    assert [a["func"] for a in actions] == ["alert"]
    message, title, _, mode, _ = actions[0]["args"]
    assert mode == "critical" and "Figer la version de référence" in message and "Traceback" not in message


def test_document_buttons_write_into_the_folder_of_parametres(tmp_path):
    from nr_xl.example import load_example

    data = load_example()
    folder = tmp_path / "documents"
    folder.mkdir()
    data["Paramètres"].append(["Dossier des documents", str(folder)])
    data["Paramètres"].append(["Décision du comité", "Validée sous réserve"])
    data["Paramètres"].append(["Réserves", "Chiffrer le renfort de la DSI"])
    path = api.build_template(tmp_path / "orvane.xlsm", data)
    for button, prefix in (("NR_CompteRendu", "compte_rendu"), ("NR_Annonce", "annonce_lancement")):
        actions = run_button(path, COMMANDS[button])
        (written,) = list(folder.glob(f"{prefix}_*.docx"))
        assert str(written) in alerts(actions)[0][0]


def test_the_announcement_button_asks_before_writing_a_draft_and_refuses_without_a_yes(tmp_path):
    """No decision recorded: the button asks whether to write a draft marked « PROJET — non
    validée »; without a yes (here the engine answers nothing), nothing is written and the
    refusal says why."""
    from nr_xl.example import load_example

    data = load_example()
    folder = tmp_path / "documents"
    folder.mkdir()
    data["Paramètres"].append(["Dossier des documents", str(folder)])
    path = api.build_template(tmp_path / "orvane.xlsm", data)
    question, refused = alerts(run_button(path, COMMANDS["NR_Annonce"]))
    assert "PROJET — non validée" in question[0] and question[2] == "yes_no"
    assert "la décision du comité n'est pas encore enregistrée" in refused[0] and refused[3] == "critical"
    assert not list(folder.iterdir())


def test_support_button_writes_the_deck_into_the_folder_of_parametres(tmp_path):
    from nr_xl.example import load_example

    data = load_example()
    folder = tmp_path / "documents"
    folder.mkdir()
    data["Paramètres"].append(["Dossier des documents", str(folder)])
    path = api.build_template(tmp_path / "orvane.xlsm", data)
    actions = run_button(path, COMMANDS["NR_Support"])
    (written,) = list(folder.glob("support_comite_*.pptx"))
    assert written.name == "support_comite_orvane_2026-12-03.pptx"
    (message,) = alerts(actions)
    assert message[0] == f"Support du comité enregistré : {written}" and message[3] == "info"
    # Never over a deck edited in PowerPoint since.
    run_button(path, COMMANDS["NR_Support"])
    assert sorted(p.name for p in folder.glob("support_comite_*.pptx")) == [
        "support_comite_orvane_2026-12-03 (2).pptx", "support_comite_orvane_2026-12-03.pptx"]


def test_doctor_button(example_path):
    (message,) = alerts(run_button(example_path, COMMANDS["NR_Diagnostic"]))
    assert "xlwings (Python) : " in message[0]


def test_a_failure_while_computing_writes_nothing(example_path, monkeypatch):
    from nr_xl import api as api_module

    def boom(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(api_module, "check_sheets", boom)
    actions = run_button(example_path, COMMANDS["NR_Verifier"])
    assert [a["func"] for a in actions] == ["alert"]
    assert "Erreur inattendue" in actions[0]["args"][0] and "n'a pas été modifié" in actions[0]["args"][0]


def test_user_text_sent_to_excel_cannot_become_a_formula():
    from nr_xl.excel.write import excel_value
    from nr_xl.core.layout import Cell

    for text in ("=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "1.10", "01", "50 %", "07/03/2027"):
        assert excel_value(Cell(1, 1, text)) == "'" + text
    assert excel_value(Cell(1, 1, 12.5)) == 12.5
    assert excel_value(Cell(1, 1, "Budget", link="'Budget'!C7")) == '=HYPERLINK("#\'Budget\'!C7","Budget")'
    assert excel_value(Cell(1, 1, 'a"b', link="'x'!A1")).endswith('"a""b")')


def test_the_harness_stores_what_excel_would():
    book = ExcelLikeBook("x.xlsm", {"Feuille": [[None] * 6]})
    cell = {"sheet_position": 0, "start_row": 0, "start_column": 0, "row_count": 1, "column_count": 1}
    book.replay([
        {**cell, "func": "setNumberFormat", "args": ["@"], "values": None},
        {**cell, "func": "setValues", "args": [None], "column_count": 6,
         "values": [["01", "01", "'01", '=HYPERLINK("#\'B\'!A1","B")', "2027-03-07", "50 %"]]},
    ])
    assert book.sheets["Feuille"][0] == ["01", 1.0, "01", "B", dt.date(2027, 3, 7), 0.5]
    assert book.formulas["Feuille"] == {(0, 3): '=HYPERLINK("#\'B\'!A1","B")'}
    book.replay([{**cell, "func": "rangeClearContents", "args": [None], "values": None, "column_count": 2}])
    assert book.sheets["Feuille"][0][:3] == [None, None, "01"]


def test_a_document_button_never_overwrites_a_document_edited_since(tmp_path):
    from nr_xl.example import load_example

    data = load_example()
    folder = tmp_path / "documents"
    folder.mkdir()
    data["Paramètres"].append(["Dossier des documents", str(folder)])
    path = api.build_template(tmp_path / "orvane.xlsm", data)
    run_button(path, COMMANDS["NR_CompteRendu"])
    (first,) = folder.glob("compte_rendu_*.docx")
    first.write_bytes(first.read_bytes() + b"")  # edited in Word: must survive
    before = first.read_bytes()
    actions = run_button(path, COMMANDS["NR_CompteRendu"])
    assert first.read_bytes() == before
    (second,) = [p for p in folder.glob("compte_rendu_*.docx") if p != first]
    assert second.name.endswith(" (2).docx") and second.name in alerts(actions)[0][0]


@pytest.mark.parametrize("tables", [True, False], ids=["tableaux Excel", "sans tableau"])
def test_the_ribbon_keeps_what_a_user_typed_on_controles_and_journal(example_path, tables):
    """As the file writer does (tests/test_user_cells.py): a note beside or under
    nr_xl's cells survives each click; only nr_xl's own cells are replaced. Without
    the Excel table (deleted, or an engine without tables), nr_xl's table is its
    header and the filled rows under it."""
    book = ExcelLikeBook.from_file(example_path)
    if not tables:
        book.tables = {name: [] for name in book.tables}
    book.type("Contrôles", "J3", "à revoir avec la DSI")  # between the table and the status block
    book.type("Contrôles", "R2", "note de séance")  # right of the status block
    book.type("Contrôles", "A40", "Relu le 12/03")  # far under the table
    book.type(schema.JOURNAL.sheet, "O5", "pense-bête")
    book.click(COMMANDS["NR_Verifier"])
    book.click(COMMANDS["NR_FigerReference"])
    book.type("Budget", "C18", "120000")
    book.click(COMMANDS["NR_Journaliser"])
    book.click(COMMANDS["NR_Verifier"])
    assert book.value("Contrôles", "J3") == "à revoir avec la DSI"
    assert book.value("Contrôles", "R2") == "note de séance"
    assert book.value("Contrôles", "A40") == "Relu le 12/03"
    assert book.value(schema.JOURNAL.sheet, "O5") == "pense-bête"
    # …and nr_xl's cells were replaced all the same: the findings, the journal row.
    report = api.check_sheets(book.read(), book.name)
    assert codes_in_controles(book) - {"Code"} == {f.code for f in report.findings} != set()
    if tables:
        assert book.tables["Contrôles"] == [[schema.FINDINGS.table, f"A1:I{len(report.findings) + 1}"]]
    assert [j.key for j in journal_rows(book.read()[schema.JOURNAL.sheet])] == ["B3.1/2028/Enveloppe NR"]


def test_the_ribbon_refuses_to_write_over_a_users_cell_and_writes_nothing(example_path):
    """The findings' table must grow over a note typed under its header: nothing is
    written, and the message says which cell to move (as for the file writer)."""
    book = ExcelLikeBook.from_file(example_path)
    book.type("Contrôles", "B6", "ma note")  # where the 17 findings will go
    before = [list(row) for row in book.sheets["Contrôles"]]
    actions = book.click(COMMANDS["NR_Verifier"])
    assert [a["func"] for a in actions] == ["alert"]
    (message,) = alerts(actions)
    assert "B6 (« ma note »)" in message[0] and "Rien n'a été écrit" in message[0] and message[3] == "critical"
    assert book.sheets["Contrôles"] == before


def test_notes_beside_the_status_block_and_under_the_table_are_kept(example_path):
    """The status block owns its rows' two columns (six in its figure tables): a note
    beside it or under it is the user's; without the Excel table, a note right under
    the findings is not taken for one."""
    book = ExcelLikeBook.from_file(example_path)
    book.tables = {name: [] for name in book.tables}
    book.click(COMMANDS["NR_Verifier"])
    last = max(i for i, row in enumerate(book.sheets["Contrôles"]) if row and row[10] is not None) + 1
    book.type("Contrôles", "N3", "à voir")  # beside « Constats »
    book.type("Contrôles", f"L{last + 3}", "sous le bloc")
    book.type("Contrôles", "A19", "note sous le tableau")  # the 17 findings end at row 18
    book.click(COMMANDS["NR_Verifier"])
    assert book.value("Contrôles", "N3") == "à voir"
    assert book.value("Contrôles", f"L{last + 3}") == "sous le bloc"
    assert book.value("Contrôles", "A19") == "note sous le tableau"
    assert book.value("Contrôles", "A18") == "Alerte" and book.value("Contrôles", "K1") == "Faisabilité"


def test_a_column_inserted_in_the_findings_table_is_refused_not_overwritten(example_path):
    book = ExcelLikeBook.from_file(example_path)
    book.click(COMMANDS["NR_Verifier"])
    # The user inserts « Commentaire » at C: nr_xl's columns shift to D…J, the table to A:J.
    sheet = book.sheets["Contrôles"]
    for row in sheet[:19]:
        row[:9] = row[:2] + [None] + row[2:8]
    book.type("Contrôles", "C1", "Commentaire")
    book.type("Contrôles", "C2", "vu en réunion")
    book.tables["Contrôles"] = [[schema.FINDINGS.table, "A1:J18"]]
    before = [list(row) for row in sheet]
    actions = book.click(COMMANDS["NR_Verifier"])
    (message,) = alerts(actions)
    assert [a["func"] for a in actions] == ["alert"] and "C1 (« Commentaire »)" in message[0]
    assert book.sheets["Contrôles"] == before


def test_a_refusal_on_the_journal_writes_nothing_not_even_the_reference(example_path):
    """Journaliser writes the reference sheet and the Journal: a note under the Journal
    table where its new rows go stops both, before either is written."""
    book = ExcelLikeBook.from_file(example_path)
    book.click(COMMANDS["NR_FigerReference"])
    book.type(schema.JOURNAL.sheet, "B3", "note")  # the first journal row goes to row 2, the second to 3
    book.type("Budget", "C18", "120000")
    book.type("Budget", "C17", "1")
    before = {name: [list(r) for r in rows] for name, rows in book.sheets.items()}
    actions = book.click(COMMANDS["NR_Journaliser"])
    (message,) = alerts(actions)
    assert [a["func"] for a in actions] == ["alert"] and "B3 (« note »)" in message[0]
    assert book.sheets == before


def test_a_users_formula_showing_an_error_is_a_users_cell(example_path):
    book = ExcelLikeBook.from_file(example_path)
    book.type("Contrôles", "A11", "#N/A")  # how Office.js sends a cell showing #N/A
    actions = book.click(COMMANDS["NR_Verifier"])
    (message,) = alerts(actions)
    assert [a["func"] for a in actions] == ["alert"] and "A11 (« #N/A »)" in message[0]


def test_a_column_added_at_the_right_of_the_journal_table_stays_in_it(example_path):
    book = ExcelLikeBook.from_file(example_path)
    (journal,) = book.tables[schema.JOURNAL.sheet]
    width = len(schema.JOURNAL.headers)
    journal[1] = f"A1:{chr(ord('A') + width)}2"  # one more column, typed by the user
    book.type(schema.JOURNAL.sheet, f"{chr(ord('A') + width)}1", "Commentaire")
    book.click(COMMANDS["NR_FigerReference"])
    book.type("Budget", "C18", "120000")
    book.click(COMMANDS["NR_Journaliser"])
    assert book.tables[schema.JOURNAL.sheet] == [[schema.JOURNAL.table, f"A1:{chr(ord('A') + width)}2"]]
    assert book.value(schema.JOURNAL.sheet, f"{chr(ord('A') + width)}1") == "Commentaire"


def _one_logged_change_and_a_note_under_the_journal(path):
    book = ExcelLikeBook.from_file(path)
    book.click(COMMANDS["NR_FigerReference"])
    book.type("Budget", "C18", "120000")
    book.click(COMMANDS["NR_Journaliser"])
    book.type(schema.JOURNAL.sheet, "A30", "relu avec le DGS")
    return book


def test_a_note_under_the_journal_table_is_not_a_journal_row_for_the_ribbon(example_path):
    """The ribbon reads the Journal table's range, as the file reader does: a note
    typed under the table is no tampering, only announced as in the table's way."""
    book = _one_logged_change_and_a_note_under_the_journal(example_path)
    book.click(COMMANDS["NR_Verifier"])
    assert {c for c in codes_in_controles(book) if c.startswith("journal.")} == {"journal.note_under_table"}
    book.type("Budget", "C18", "110000")
    actions = book.click(COMMANDS["NR_Journaliser"])
    assert "ajoutée" in alerts(actions)[0][0]
    assert book.value(schema.JOURNAL.sheet, "A30") == "relu avec le DGS"


def test_notes_in_the_status_blocks_separator_rows_and_beside_its_titles_are_kept(example_path):
    """The status block owns only the cells its layout writes: not its blank separator
    rows, not L beside « Légende » or a figure title, not K right under its last table."""
    book = ExcelLikeBook.from_file(example_path)
    book.click(COMMANDS["NR_Verifier"])
    column_k = [row[10] if len(row) > 10 else None for row in book.sheets["Contrôles"]]
    legend = column_k.index("Légende") + 1
    title = column_k.index("Budget par année : prévu et enveloppe") + 1
    end = max(i for i, v in enumerate(column_k) if v is not None) + 1
    notes = {"K4": "séparateur", f"L{legend}": "à côté de la légende", f"L{title}": "à côté du titre",
             f"K{legend - 1}": "entre deux parties", f"K{end + 1}": "juste sous le bloc"}
    for ref, text in notes.items():
        book.type("Contrôles", ref, text)
    book.click(COMMANDS["NR_Verifier"])
    assert {ref: book.value("Contrôles", ref) for ref in notes} == notes


def test_a_row_typed_under_the_findings_is_the_users_even_once_excel_put_it_in_the_table(example_path):
    """In Excel, typing right under a table makes the table grow over the new row:
    a table row without a severity in A is the user's, not a finding of nr_xl's."""
    book = ExcelLikeBook.from_file(example_path)
    book.click(COMMANDS["NR_Verifier"])
    book.type("Contrôles", "A19", "note sous le tableau")
    book.tables["Contrôles"] = [[schema.FINDINGS.table, "A1:I19"]]  # what Excel does
    book.type("Budget", "C18", "120000")  # one finding fewer: the table shrinks to row 17
    book.click(COMMANDS["NR_Verifier"])
    assert book.value("Contrôles", "A19") == "note sous le tableau"
    assert book.value("Contrôles", "A18") is None  # nr_xl's old last row, cleared


def test_the_minutes_from_the_ribbon_read_the_journal_table_s_range(example_path, monkeypatch):
    from nr_xl.documents import produce as service

    seen = {}
    original = service.context_from_sheets

    def spy(kind, sheets, file, today=None, tables=None, annexes=None, links=None, **options):
        seen["tables"] = tables
        context = original(kind, sheets, file, today, tables, annexes, links, **options)
        seen["fingerprint"] = context.get("empreinte_journal")
        return context

    monkeypatch.setattr(service, "context_from_sheets", spy)
    monkeypatch.setattr("nr_xl.excel.ribbon._documents_folder", lambda book, sheets: example_path.parent)
    book = _one_logged_change_and_a_note_under_the_journal(example_path)
    book.click(COMMANDS["NR_CompteRendu"])
    assert seen["tables"] == {schema.JOURNAL.table: "A1:K2"}
    assert seen["fingerprint"] and seen["fingerprint"].startswith("N° 1 à 1")


class _UsedRange:
    """What desktop Excel's used range gives through COM: values (errors as text with
    err_to_str) and formulas, both 2-D; a cell showing "" has a value of None."""

    row, column = 1, 1

    def __init__(self, values, formulas) -> None:
        self._values, self.formula = values, formulas

    def options(self, **kwargs):
        assert kwargs == {"ndim": 2, "err_to_str": True}
        return types.SimpleNamespace(value=self._values)


def test_a_formula_showing_nothing_counts_as_a_users_cell_where_formulas_can_be_read():
    from nr_xl.excel.write import _filled_cells

    used = _UsedRange([["Gravité", None], [None, "#N/A"]], (("Gravité", '=IF(B1="";"";1)'), ("", "=NA()")))
    assert _filled_cells(used) == {(1, 1): "Gravité", (1, 2): '=IF(B1="";"";1)', (2, 2): "#N/A"}
    # Formulas in another shape than the values (an engine's own convention): not guessed.
    assert _filled_cells(_UsedRange([["a", None]], ("a", "=1"))) == {(1, 1): "a"}


def test_the_ribbon_never_grows_the_journal_table_over_a_note_and_says_where_to_move_it(example_path):
    book = ExcelLikeBook.from_file(example_path)
    book.click(COMMANDS["NR_FigerReference"])
    book.type(schema.JOURNAL.sheet, "A3", "relu avec le DGS")  # right under the table (A1:K2)
    book.type("Budget", "C18", "120000")
    book.type("Budget", "D18", "1000")
    actions = book.click(COMMANDS["NR_Journaliser"])
    (message,) = alerts(actions)[0][:1]
    assert "A3" in message and "relu avec le DGS" in message and "colonne N" in message
    assert book.value(schema.JOURNAL.sheet, "A3") == "relu avec le DGS"
    assert book.value(schema.JOURNAL.sheet, "A2") in (None, "")  # nothing written


def test_follow_up_buttons_write_the_agenda_the_minutes_and_the_review(tmp_path):
    from nr_xl.example import load_example
    from nr_xl.example.followup import followed_example

    data = followed_example(load_example())
    folder = tmp_path / "documents"
    folder.mkdir()
    data["Paramètres"].append(["Dossier des documents", str(folder)])
    path = api.build_template(tmp_path / "orvane.xlsm", data)
    for command, prefix in ((COMMANDS["NR_OrdreDuJourSuivi"], "ordre_du_jour_suivi"),
                            (COMMANDS["NR_CompteRenduSuivi"], "compte_rendu_suivi"),
                            ("import nr_xl.macros; nr_xl.macros.review_of('2027')", "bilan_annuel")):
        actions = run_button(path, command)
        (written,) = list(folder.glob(f"{prefix}_*.docx"))
        assert str(written) in alerts(actions)[0][0]
    # A year that is not one: a French message, nothing written.
    message, *_ = alerts(run_button(path, "import nr_xl.macros; nr_xl.macros.review_of('l\\u0027an dernier')"))[0]
    assert "n'est pas une année" in message and len(list(folder.glob("bilan_annuel_*.docx"))) == 1
