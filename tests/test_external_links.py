"""A cell that reads another workbook (an external link) holds the value Excel last read there.
The checks read that value (it is the roadmap's figure as Excel shows it); the journal follows
the link the user typed, not the value: the other workbook updated, Excel refreshing the link,
is no adjustment of the committee's. Retargeting the link, or typing a value over it, is."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile

import pytest

from nr_xl import api

from external_link import clear_value, link_cell, refresh_links, type_value
from test_journal_integrity import codes

NOW = dt.datetime(2026, 12, 3, 15, 0)
# Budget C18: B3.1's investment in 2028 (150 000 €) in the example.
CELL = ("Budget", "C18")


def planned_2028(path):
    return sum(b.planned for b in api.check(path).figures.budget if b.year == 2028 and b.nature == "Investissement")


def link_parts(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("xl/externalLinks/")}


def test_a_refreshed_linked_value_is_read_by_the_checks_but_is_no_adjustment(example_path):
    link_cell(example_path, *CELL, "Budget DSI.xlsx", "Budget", "C18", 150000)
    api.snapshot(example_path, now=NOW)
    before = planned_2028(example_path)
    refresh_links(example_path, *CELL, 165000)
    assert planned_2028(example_path) == before + 15000  # the checks read what Excel shows
    links = link_parts(example_path)
    assert api.log(example_path, reason="Séance", now=NOW) == []  # not typed by anyone: not journalled
    assert [a.key for a in api.adjustments(example_path)] == []
    assert link_parts(example_path) == links  # nr_xl's writes keep the link parts byte for byte
    assert codes(example_path) == []


def test_retargeting_a_link_or_typing_over_it_is_an_adjustment(example_path):
    link_cell(example_path, *CELL, "Budget DSI.xlsx", "Budget", "C18", 150000)
    api.snapshot(example_path, now=NOW)
    link_cell(example_path, *CELL, "Budget DSI 2028.xlsx", "Budget", "C18", 150000)  # same value, other source
    (row,) = api.log(example_path, reason="Source du budget DSI 2028", now=NOW)
    assert (row.sheet, row.field) == ("Budget", "Investissement (€)")
    assert "[Budget DSI.xlsx]Budget!C18" in row.old and "[Budget DSI 2028.xlsx]Budget!C18" in row.new
    type_value(example_path, *CELL, 140000)  # the committee decides a figure of its own
    (row,) = api.log(example_path, reason="Arbitrage", now=NOW)
    assert "[Budget DSI 2028.xlsx]" in row.old and row.new == "140000"
    assert codes(example_path) == []


def test_a_link_typed_over_a_value_is_an_adjustment_and_the_reference_is_rebuilt_with_it(example_path, tmp_path):
    from docs_text import docx_text
    from nr_xl.documents.produce import MINUTES
    from nr_xl.jobs.documents import generate

    from test_journal_attested import delete_reference

    api.snapshot(example_path, now=NOW)
    link_cell(example_path, *CELL, "Budget DSI.xlsx", "Budget", "C18", 150000)
    (row,) = api.log(example_path, reason="Lié au budget de la DSI", now=NOW)
    assert row.old == "150000" and "[Budget DSI.xlsx]Budget!C18" in row.new
    minutes = docx_text(generate(MINUTES, example_path, tmp_path / "cr.docx", today=NOW.date())[0])
    assert "Lié au budget de la DSI" in minutes
    # The amount did not change: the minutes say where it now comes from, not « 150 000 € retirés ».
    assert "désormais lu dans le classeur « Budget DSI.xlsx »" in minutes
    assert "retirés en 2028" not in minutes and "Budget!C18" not in minutes
    # The reference rebuilt from the journal keeps the link: the next log has nothing to say.
    delete_reference(example_path)
    api.snapshot(example_path, now=NOW, rebuild=True)
    refresh_links(example_path, *CELL, 170000)
    assert api.log(example_path, now=NOW) == []
    # The minutes' adjustment is the link, with the value it reads today.
    assert [(a.before, a.after) for a in api.adjustments(example_path)] == [
        ("150000", "170000 (liaison [Budget DSI.xlsx]Budget!C18)")]
    assert codes(example_path) == []


def test_both_file_readers_and_excel_name_a_link_the_same_way(example_path):
    """The ribbon reads the formulas Excel shows (with the other workbook's folder while it is
    closed, without once it is open); a file stores « [1] » and names the workbook apart: one
    link text for all, so a log from the ribbon and one from the command line agree."""
    import types

    from openpyxl import load_workbook

    from nr_xl.excel.read import external_links
    from nr_xl.sources import ENGINES, read_rows

    link_cell(example_path, *CELL, "Budget DSI.xlsx", "Budget", "C18", 150000)
    # openpyxl, which writes links as Excel does, reads this package's link back.
    (link,) = load_workbook(example_path, keep_links=True)._external_links
    assert link.file_link.Target == "Budget%20DSI.xlsx"
    from_files = {engine: read_rows(example_path, ["Budget", "Feuille de route"], engine=engine).links
                  for engine in ENGINES}
    assert from_files["calamine"] == from_files["openpyxl"] == {"Budget": {(18, 3): "[Budget DSI.xlsx]Budget!C18"}}

    def sheet(name, formulas):
        used = types.SimpleNamespace(row=17, column=2, formula=formulas)
        return types.SimpleNamespace(name=name, used_range=used)

    for shown_by_excel in (r"='C:\Budgets 2028\[Budget DSI.xlsx]Budget'!C18", "=[Budget DSI.xlsx]Budget!C18",
                           "='https://orvane.sharepoint.com/sites/dsi/Documents/[Budget%20DSI.xlsx]Budget'!C18"):
        book = types.SimpleNamespace(sheets=[sheet("Budget", (("B3.1", "2028"), ("B3.1", shown_by_excel)))])
        assert external_links(book, ["Budget"]) == from_files["calamine"], shown_by_excel
    # An engine giving values, not formulas, or none at all: unknown, never « no link ».
    values = types.SimpleNamespace(sheets=[sheet("Budget", 150000.0)])
    assert external_links(values, ["Budget"]) is None
    grid = types.SimpleNamespace(sheets=[sheet("Budget", (("B3.1", 2028.0), ("B3.1", 150000.0)))])
    assert external_links(grid, ["Budget"]) is None
    none = types.SimpleNamespace(name="Budget", used_range=types.SimpleNamespace(row=1, column=1))  # no .formula
    assert external_links(types.SimpleNamespace(sheets=[none]), ["Budget"]) is None


def test_check_says_where_a_linked_cell_is_what_it_reads_and_that_it_is_no_input(example_path):
    """input.external_link: the cell, its column, the link and the value the checks read, in
    French; an information (the verdict is the roadmap's), never silent."""
    plain = api.check(example_path)
    assert [f for f in plain.findings if f.code == "input.external_link"] == []
    link_cell(example_path, *CELL, "Budget DSI.xlsx", "Budget", "C18", 150000)
    link_cell(example_path, "Paramètres", "B3", "Recensement.xlsx", "Orvane", "B2", 118400)
    link_cell(example_path, "Paramètres", "C3", "Aides.xlsx", "Textes", "A1", 0)  # « Aide »: read by no rule
    report = api.check(example_path)
    linked = sorted((f for f in report.findings if f.code == "input.external_link"), key=lambda f: f.key)
    assert [(f.key, f.severity.value, f.sheet, f.row, f.field) for f in linked] == [
        ("Budget!C18", "info", "Budget", 18, "Investissement (€)"),
        ("Paramètres!B3", "info", "Paramètres", 3, "Valeur")]
    budget, population = linked
    assert budget.message.startswith("Budget!C18 (« Investissement (€) ») lit un autre classeur "
                                     "([Budget DSI.xlsx]Budget!C18) : 150\u202f000 est la valeur qu'Excel y a lue")
    assert "le journal ne la suit pas" in budget.message and "Modifier les liaisons" in budget.suggestion
    assert population.message.startswith("Paramètres!B3 (paramètre « Population ») lit un autre classeur "
                                         "([Recensement.xlsx]Orvane!B2) : 118\u202f400")
    # The checks read the value Excel shows: same figures and verdict as the value typed in.
    assert report.figures == plain.figures and report.status == plain.status


def test_a_linked_cell_whose_link_was_never_updated_is_said_so(example_path):
    link_cell(example_path, *CELL, "Budget DSI.xlsx", "Budget", "C18", 150000)
    clear_value(example_path, *CELL)
    (found,) = [f for f in api.check(example_path).findings if f.code == "input.external_link"]
    assert "aucune valeur (la liaison n'a jamais été mise à jour)" in found.message


FODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="Budget"><table:table-row>
<table:table-cell office:value-type="string"><text:p>B3.1</text:p></table:table-cell>
<table:table-cell table:formula="of:=['{url}'#$Budget.C18]" office:value-type="float" office:value="150000"/>
</table:table-row></table:table></office:spreadsheet></office:body></office:document>"""


@pytest.mark.libreoffice
@pytest.mark.slow
def test_links_libreoffice_writes_are_read_as_links_and_a_refresh_is_no_adjustment(example_path, tmp_path):
    """Real external links, written by LibreOffice: one typed in Calc (a flat ODS formula
    reading another file, saved as .xlsx), and the example's link re-saved as .xlsm (Calc writes
    its own externalLink parts, « aca » formulas and a path relative to the new folder)."""
    from openpyxl import Workbook

    from lo import convert
    from nr_xl.sources import ENGINES, read_rows
    from nr_xl.workbook import repair
    from nr_xl.workbook.package import read_parts

    other = tmp_path / "Budget DSI.xlsx"
    book = Workbook()
    book.active.title = "Budget"
    book.active["C18"] = 165000
    book.save(other)
    typed = tmp_path / "typed.fods"
    typed.write_text(FODS.format(url=other.as_uri()), encoding="utf-8")
    written = convert(typed, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    assert any(n.startswith("xl/externalLinks/") for n in zipfile.ZipFile(written).namelist())
    for engine in ENGINES:
        assert read_rows(written, ["Budget"], engine=engine).links == {
            "Budget": {(1, 2): "[Budget DSI.xlsx]Budget!C18"}}, engine

    link_cell(example_path, *CELL, "Budget DSI.xlsx", "Budget", "C18", 150000)
    resaved = convert(example_path, "xlsm:Calc MS Excel 2007 VBA XML", tmp_path / "calc")
    assert repair.saved_by_libreoffice(read_parts(resaved))
    from_files = {engine: read_rows(resaved, ["Budget"], engine=engine).links for engine in ENGINES}
    assert from_files["calamine"] == from_files["openpyxl"] == {"Budget": {(18, 3): "[Budget DSI.xlsx]Budget!C18"}}
    (found,) = [f for f in api.check(resaved).findings if f.code == "input.external_link"]
    assert found.key == "Budget!C18" and "[Budget DSI.xlsx]Budget!C18" in found.message
    path = tmp_path / "orvane.xlsm"
    shutil.copy2(resaved, path)
    api.snapshot(path, now=NOW)
    links = link_parts(path)
    refresh_links(path, *CELL, 165000)  # what Excel does on opening, the other workbook having changed
    assert planned_2028(path) == planned_2028(resaved) + 15000
    assert api.log(path, reason="Séance", now=NOW) == []
    assert api.adjustments(path) == []
    assert link_parts(path).keys() == links.keys()
    assert codes(path) == []


def test_the_minutes_word_a_linked_amount_by_its_value_and_its_workbook():
    """A journalled linked value (« 150000 (liaison …) ») is its amount in the committee's
    documents, never 0 €, and names the other workbook, never its sheet or cell."""
    from nr_xl.core.journal.snapshot import Adjustment
    from nr_xl.documents.adjustments import _phrases

    def said(before, after, sheet="Budget", key="B3.1/2028/Enveloppe NR", field="Investissement (€)"):
        return _phrases([Adjustment(sheet, key, field, before, after, ())], {}).pop()

    link = "(liaison [Budget DSI.xlsx]Budget!C18)"
    assert said("150000", f"150000 {link}") == \
        "B3.1 : investissement 2028 (150\u202f000\u00a0€) désormais lu dans le classeur « Budget DSI.xlsx »"
    typed = said(f"150000 {link}", "140000")
    assert "10\u202f000\u00a0€ d’investissement retirés en 2028" in typed
    assert "désormais saisi, et non plus lu dans le classeur « Budget DSI.xlsx »" in typed
    assert "retirés" not in said(f"150000 {link}", "150000 (liaison [Budget DSI 2028.xlsx]Budget!C18)")
    envelope = said("230000", f"250000 {link}", sheet="Enveloppes", key="Enveloppe NR/2028", field="Montant (€)")
    assert "250\u202f000\u00a0€ (lu dans le classeur « Budget DSI.xlsx »)" in envelope and "C18" not in envelope


@pytest.mark.parametrize("formula, link", [
    (r"='C:\Documents de l''agglo\[Budget DSI.xlsx]Budget'!C18", "[Budget DSI.xlsx]Budget!C18"),
    ("='[Budget DSI.xlsx]O''Brien'!A1+1", "[Budget DSI.xlsx]O''Brien!A1+1"),
    ("=A1+'C:\\x\\[Budget DSI.xlsx]S'!A1*2", "A1+[Budget DSI.xlsx]S!A1*2"),
    ("=[1]Budget!C18+[2]Recettes!B2", "[Budget DSI.xlsx]Budget!C18+[classeur externe n° 2]Recettes!B2"),
    ("=SUM(tbl_Budget[2027])", None),  # a table's column
    ("=tbl_Budget[[#This Row],[Investissement (€)]]", None),
    ('="[Budget DSI.xlsx]Budget!"&A1', None),  # text, not a reference
    ("=Budget!C18", None),
])
def test_a_link_is_told_from_a_table_column_and_from_text(formula, link):
    from nr_xl.core.links import external_link

    assert external_link(formula, {"1": "Budget DSI.xlsx"}) == link


@pytest.mark.parametrize("hostile", [
    "'" + "/" * 100_000 + "[", "'" * 100_000 + "[", "''" * 50_000 + "[a]" + "''" * 50_000, "'a/" * 30_000 + "[b]c",
    "[a]b''" * 20_000, "\"" * 100_000,
])
def test_a_hostile_formula_is_read_in_linear_time(hostile):
    """A file's formula is not bounded by Excel's 8,192 characters: a pattern that backtracks
    would take minutes per cell on these (it took 1 s for 8,000 characters)."""
    import time

    from nr_xl.core.links import external_link

    start = time.perf_counter()
    external_link(hostile)
    assert time.perf_counter() - start < 2


def test_an_engine_blind_to_formulas_neither_hides_a_change_nor_invents_one(example_path):
    """xlwings Lite reads values only (links unknown): after a snapshot that recorded a link,
    an unchanged linked cell is no adjustment (its link is not « removed »), and a changed
    one is journalled, as a value."""
    import dataclasses

    from nr_xl.core.journal.plans import plan_log
    from nr_xl.jobs.journal import read

    link_cell(example_path, *CELL, "Budget DSI.xlsx", "Budget", "C18", 150000)
    api.snapshot(example_path, now=NOW)

    def blind():
        return dataclasses.replace(read(example_path), links=None)

    assert plan_log(blind(), example_path.name, now=NOW).new_rows == []
    refresh_links(example_path, *CELL, 165000)
    (row,) = plan_log(blind(), example_path.name, reason="Séance", now=NOW).new_rows
    assert (row.field, row.old, row.new) == ("Investissement (€)", "150000 (liaison [Budget DSI.xlsx]Budget!C18)",
                                             "165000")
    assert api.log(example_path, now=NOW) == []  # the command line, reading the link, has nothing to log


def test_a_cell_reading_another_workbook_through_a_defined_name_is_a_link_too(example_path):
    """« =BudgetDSI », the name reading « [1]Budget!$C$18 »: the cell has no « [ » of its own,
    and is a link all the same, named the same way by both file readers and by Excel."""
    import types

    from external_link import link_cell_through_a_name
    from nr_xl.excel.read import external_links
    from nr_xl.sources import ENGINES, read_rows

    link_cell_through_a_name(example_path, *CELL, "BudgetDSI", "Budget DSI.xlsx", "Budget", "$C$18", 150000)
    expected = {"Budget": {(18, 3): "[Budget DSI.xlsx]Budget!$C$18"}}
    for engine in ENGINES:
        assert read_rows(example_path, ["Budget"], engine=engine).links == expected, engine
    used = types.SimpleNamespace(row=18, column=3, formula=(("=BudgetDSI",),))
    names = [types.SimpleNamespace(name="BudgetDSI", refers_to=r"='C:\Budgets\[Budget DSI.xlsx]Budget'!$C$18"),
             types.SimpleNamespace(name="Budget!Interne", refers_to="=Budget!$C$2")]
    excel = types.SimpleNamespace(sheets=[types.SimpleNamespace(name="Budget", used_range=used)], names=names)
    assert external_links(excel, ["Budget"]) == expected
    (found,) = [f for f in api.check(example_path).findings if f.code == "input.external_link"]
    assert found.key == "Budget!C18" and "[Budget DSI.xlsx]Budget!$C$18" in found.message
    api.snapshot(example_path, now=NOW)
    refresh_links(example_path, *CELL, 165000)
    assert api.log(example_path, now=NOW) == []


@pytest.mark.parametrize("formula, link", [
    ("=BudgetDSI*2", "[Budget DSI.xlsx]Budget!$C$18*2"),
    ("=SUM(budgetdsi;C2)", "SUM([Budget DSI.xlsx]Budget!$C$18;C2)"),  # names ignore case
    ("=BUDGETDSI(1)", None),  # a function of that name
    ('="BudgetDSI"', None),  # text
    ("=tbl[BudgetDSI]", None),  # a table's column
    ("=Interne+C18", None),  # a name that reads this workbook
])
def test_a_defined_name_is_a_link_where_it_is_used_as_one(formula, link):
    from nr_xl.core.links import external_link, external_names

    names = external_names({"BudgetDSI": "[1]Budget!$C$18", "Interne": "Budget!$C$2"}, {"1": "Budget DSI.xlsx"})
    assert external_link(formula, None, names) == link
