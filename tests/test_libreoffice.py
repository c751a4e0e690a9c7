"""LibreOffice opens the template and the demo, renders them, and calculates
the Synthèse formulas to the figures the checks compute."""

from __future__ import annotations

import subprocess
from collections import defaultdict

import pytest
from openpyxl import load_workbook

from nr_xl.example import load_example

from conftest import ROOT
from lo import convert

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


@pytest.fixture(scope="module")
def recalculated(example_master, tmp_path_factory):
    return load_workbook(convert(example_master, 'xlsx:Calc MS Excel 2007 XML',
                                 tmp_path_factory.mktemp("lo")), data_only=True)


def test_synthese_budget_totals_are_right(recalculated):
    data = load_example()
    planned = defaultdict(lambda: [0, 0])
    for action, year, inv, op, _ in data["Budget"]:
        planned[year][0] += inv
        planned[year][1] += op
    envelopes = defaultdict(lambda: [0, 0])
    for year, _, inv, op, _ in data["Enveloppes"]:
        envelopes[year][0] += inv
        envelopes[year][1] += op
    ws = recalculated["Synthèse"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=15, max_row=18, values_only=True)}
    for year in (2027, 2028, 2029):
        year_row = rows[year]
        assert year_row[1] == planned[year][0] and year_row[2] == envelopes[year][0]
        assert year_row[3] == envelopes[year][0] - planned[year][0]
        assert year_row[4] == planned[year][1] and year_row[5] == envelopes[year][1]
    assert rows[2028][7] == "Dépassement" and rows[2027][7] == "Dans les enveloppes"
    assert ws["B5"].value == len(data["Feuille de route"])


def test_synthese_workload_and_axes(recalculated):
    data = load_example()
    load = defaultdict(float)
    for _, service, year, days in data["Charge"]:
        load[(service, year)] += days
    ws = recalculated["Synthèse"]
    by_service = {r[0]: r for r in ws.iter_rows(min_row=24, max_row=35, values_only=True) if r[0]}
    assert by_service["DSI"][1] == load[("DSI", 2027)] == 169
    assert by_service["DSI"][2] == 220
    assert by_service["Cohésion sociale"][4] == load[("Cohésion sociale", 2028)]
    axes = {r[0]: r[1] for r in ws.iter_rows(min_row=40, max_row=49, values_only=True) if r[0]}
    assert axes["Gouvernance et mesure"] == 4 and axes["Total"] == 24


def test_criticality_formula_calculates(recalculated):
    ws = recalculated["Risques"]
    assert [ws.cell(row=r, column=6).value for r in range(2, 6)] == [8, 9, 8, 9]


@pytest.mark.parametrize("which", ["template", "demo"])
def test_renders_to_pdf(which, example_master, tmp_path):
    src = ROOT / "workbook_template.xlsm" if which == "template" else example_master
    pdf = convert(src, "pdf", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(info.split("Pages:")[1].split()[0])
    assert 10 <= pages <= 60
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Synthèse de la feuille de route" in text
    if which == "demo":
        assert "Vallée de l'Orvane" in text


def test_dropdown_formulas_are_the_ones_libreoffice_writes(recalculated, example_master):
    def lists(wb):
        return sorted(d.formula1 for name in ("Compétences", "Feuille de route")
                      for d in wb[name].data_validations.dataValidation if d.type == "list")

    ours = lists(load_workbook(example_master))
    assert ours and lists(recalculated) == ours  # LibreOffice read each list and wrote it back unchanged


def text_lines(pdf) -> dict[int, list[tuple[float, float, float, float]]]:
    """Page number -> boxes (xMin, yMin, xMax, yMax) of the text lines LibreOffice drew."""
    import re

    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    box = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"')
    return {n: [tuple(map(float, m.groups())) for m in box.finditer(page)]  # type: ignore[misc]
            for n, page in enumerate(html.split("<page ")[1:], start=1)}


def overlapping(lines):
    """Pairs of lines drawn over each other: what a row too short for its wrapped text gives."""
    pairs = []
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            across = min(a[2], b[2]) - max(a[0], b[0])
            down = min(a[3], b[3]) - max(a[1], b[1])
            if across > 1 and down > 0.3 * min(a[3] - a[1], b[3] - b[1]):
                pairs.append((a, b))
    return pairs


def test_no_text_runs_over_the_next_row(tmp_path):
    """Lisez-moi first: its wrapped texts once spilled over the rows below."""
    from nr_xl.workbook import texts

    pdf = convert(ROOT / "workbook_template.xlsm", "pdf", tmp_path)
    pages = text_lines(pdf)
    shown = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout.split()).split("Lisez-moi — page 3")[0]
    assert texts.METHOD[-60:] in shown and texts.RULES[-1][-40:] in shown  # not cut either
    assert {n: overlapping(lines) for n, lines in pages.items() if overlapping(lines)} == {}


def word_boxes(pdf) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, each word LibreOffice drew: (xMin, yMin, xMax, yMax, text)."""
    import re

    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [[(*map(float, m.groups()[:4]), m.group(5)) for m in word.finditer(page)]  # type: ignore[misc]
            for page in html.split("<page ")[1:]]


def test_every_page_of_a_filled_workbook_prints_readably(example_path, tmp_path):
    """Rendered by LibreOffice, the workbook after a check and a journal: no page of tiny text,
    one page wide, « Contrôles » as a committee member reads it."""
    import statistics

    from nr_xl import api
    from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
    from nr_xl.workbook.edit import apply_edits

    api.snapshot(example_path)
    reason, edits = COMMITTEE_ADJUSTMENTS[0]
    apply_edits(example_path, edits)
    api.log(example_path, reason=reason, author="Léa Fontaine")
    api.write_findings(example_path, api.check(example_path))
    pages = word_boxes(convert(example_path, "pdf", tmp_path))
    footers = {}
    for number, words in enumerate(pages, start=1):
        bottom = max(w[1] for w in words)
        footer = " ".join(w[4] for w in words if w[1] == bottom)  # « Feuille — page X / N »
        footers[number] = footer
        # 11 pt text at 100 % draws words 14.3 points high here; the old Contrôles, fitted to one
        # page wide, drew them 4 high. 8 is what the Excel scale of 8 points gives with the wider
        # font LibreOffice substitutes for Calibri on this machine.
        heights = [w[3] - w[1] for w in words if w[1] < bottom]
        assert statistics.median(heights) >= 8.0, (number, footer, statistics.median(heights))
    assert len(pages) <= 30
    sheets = [f.split(" — ")[0] for f in footers.values()]
    assert sheets.count("Budget") == 1 and sheets.count("Feuille de route") == 1  # one page wide, not two
    controles = [n for n, f in footers.items() if f.startswith("Contrôles")]
    first = " ".join(w[4] for w in pages[controles[0] - 1])
    assert first.startswith("Faisabilité") and "Dimension" in first  # the two verdicts, first
    table = next(pages[n - 1] for n in controles if any(w[4] == "Gravité" for w in pages[n - 1]))
    header_y = next(w[1] for w in table if w[4] == "Gravité")
    header = [w[4] for w in table if abs(w[1] - header_y) < 1]
    assert header == ["Gravité", "Dimension", "Feuille", "Ligne", "Message", "Suggestion"]
