"""The committee's slide deck (nr-xl support): its text against a golden, every figure equal
to the check's and the minutes', no word of the workbook or of a tool on a slide, « PROJET »
until the decision, région scale, and the real PowerPoint file through LibreOffice."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from nr_xl import api
from nr_xl.core import fmt, schema
from nr_xl.core.build import build_roadmap
from nr_xl.core.findings import CODES, STATUS_LABEL, Severity
from nr_xl.core.report import check_roadmap
from nr_xl.documents import context as ctx
from nr_xl.documents import deck, deck_builder, deck_context as dc, record
from nr_xl.documents.typography import french
from nr_xl.example.scale import scaled_example
from nr_xl.jobs.deck import generate

from conftest import ROOT, impress
from docs_text import pptx_text

GOLDEN = ROOT / "tests" / "data" / "golden" / "support_comite.txt"


def sheets_of(data):
    """Sheet rows as a reader returns them: the header row, then the data."""
    return {t.sheet: [[c.header for c in t.columns], *data[t.sheet]] for t in schema.INPUT_TABLES if t.sheet in data}


def built(data):
    """The deck and the minutes' context of one roadmap, from one check."""
    roadmap, inputs = build_roadmap(sheets_of(data))
    report = check_roadmap(roadmap, inputs, "x.xlsm")
    return roadmap, report, dc.deck_context(roadmap, report), ctx.minutes_context(roadmap, report, [])


def slide(deck_: dc.Deck, title: str) -> dc.Slide:
    (found,) = [s for s in deck_.slides if s.title.startswith(title)]
    return found


# --- The text, against its golden ----------------------------------------------------

@pytest.fixture(scope="module")
def presented(tmp_path_factory) -> Path:
    """The example as the demo presents it: the reference version frozen, nothing adjusted."""
    path = tmp_path_factory.mktemp("copil") / "orvane.xlsm"
    api.build_example(path)
    api.snapshot(path, now=dt.datetime(2026, 12, 3, 9, 0))
    return path


@pytest.fixture(scope="module")
def presented_deck(presented, tmp_path_factory) -> Path:
    return generate(presented, tmp_path_factory.mktemp("deck") / "support.pptx")[0]


def test_golden_text(presented_deck):
    """The deck's text (every slide, table, chart and alternative text) against the committed
    golden. With NR_XL_UPDATE_GOLDEN set the golden is rewritten and the test still fails."""
    text = pptx_text(presented_deck)
    if os.environ.get("NR_XL_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
        pytest.fail(f"golden rewritten ({GOLDEN}), review the git diff", pytrace=False)
    expected = GOLDEN.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "rendered", lineterm="")
        pytest.fail("the deck's text differs from its golden:\n" + "\n".join(diff), pytrace=False)


def test_the_deck_covers_what_the_committee_is_shown(presented_deck):
    from pptx import Presentation

    prs = Presentation(str(presented_deck))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    for expected in ("Contexte et ambition", "Les axes et les actions", "Le calendrier des actions (1/2)",
                     "Le budget par année face aux enveloppes", "Les enveloppes et leur vote",
                     "La charge des services face à leur capacité", "La charge des services, trimestre par trimestre",
                     "Les compétences à acquérir", "Les indicateurs de suivi", "Les planchers légaux",
                     "Les risques critiques et les facteurs clés de succès", "La gouvernance proposée",
                     "La faisabilité, dimension par dimension", "Points bloquants",
                     "Les décisions attendues du comité", "Les prochaines étapes"):
        assert expected in titles, expected
    assert titles[0].startswith("Feuille de route Numérique responsable")
    assert 18 <= len(prs.slides) <= 26
    charts = [shape for s in prs.slides for shape in s.shapes if shape.has_chart]
    assert len(charts) == 4  # two calendar slides, the budget, the staff
    for shape in charts:  # real charts, their data editable, each with its figures in words
        assert shape.chart.part.chart_workbook.xlsx_part is not None
        assert len(shape._element.nvGraphicFramePr.cNvPr.get("descr")) > 80
    text = pptx_text(presented_deck)
    assert "PROJET soumis à la validation du comité" in text
    assert "REEN" in text.split("=== 3")[0]  # 118 400 inhabitants: the law applies, said on the context slide


# --- One source of figures ---------------------------------------------------------------

def _cells(table: dc.Table, column: str) -> list[str]:
    index = table.headers.index(column)
    return [row[index] for row in table.rows]


def assert_figures_are_the_checks(roadmap, report, deck_, minutes):
    figures = report.figures
    # Budget per year, financing and nature: the check's figures, as the minutes' annex prints them.
    envelopes = slide(deck_, "Les enveloppes et leur vote").table
    assert envelopes is not None
    annex = record.budget_by_envelope(report.figures.budget)
    shown = len(envelopes.rows)
    assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in envelopes.rows] == [
        (a["annee"], a["financement"], a["nature"], a["prevu"], a["enveloppe"], a["ecart"]) for a in annex[:shown]]
    assert _cells(envelopes, "Prévu") == [fmt.keuros(f.planned) for f in figures.budget[:shown]]
    # Per year, all financings: the chart's data equal the minutes' chart.
    chart = slide(deck_, "Le budget par année").chart
    assert chart is not None
    assert list(chart.categories) == [r["annee"] for r in minutes["budget_annees"]]
    assert [round(v * 1000, 2) for v in chart.series[0].values] == [r["prevu_nombre"] for r in minutes["budget_annees"]]
    assert [round(v * 1000, 2) for v in chart.series[1].values] == [r["enveloppe_nombre"]
                                                                      for r in minutes["budget_annees"]]
    # Staff: each service's most loaded quarter, as the minutes' table and chart.
    staff = slide(deck_, "La charge des services face").chart
    assert staff is not None
    expected = minutes["charge_tous_services"][:dc.MAX_CHART_BARS]
    assert list(staff.series[0].values) == [r["charge_nombre"] for r in expected]
    assert list(staff.series[1].values) == [r["capacite_nombre"] for r in expected]
    assert [c.split(" (")[0] for c in staff.categories] == [r["service"] for r in expected]
    # Per quarter: the check's spread; each year's most loaded quarter is the check's figure.
    quarters = slide(deck_, "La charge des services, trimestre").table
    assert quarters is not None
    by_service_year = {(f.service, f.year): f for f in figures.capacity}
    for row in quarters.rows:
        for year in {int(h[-4:]) for h in quarters.headers[1:]}:
            figure = by_service_year.get((row[0], year))
            if figure is None or figure.ratio is None:
                continue
            peak = f"T{figure.peak_quarter[-1]} {year}"
            assert row[quarters.headers.index(peak)] == fmt.percent(figure.ratio), (row[0], peak)
            shares = [int(re.sub(r"\D", "", row[i])) for i, h in enumerate(quarters.headers)
                      if h.endswith(str(year)) and row[i]]
            assert max(shares) == int(re.sub(r"\D", "", fmt.percent(figure.ratio)))
    # Axes, totals, governance, indicators: the minutes' words for the same figures.
    axes = slide(deck_, "Les axes et les actions")
    assert axes.table is not None
    assert [r[:3] for r in axes.table.rows] == [(a["axe"], a["nombre"], a["budget"])
                                               for a in minutes["axes"][:dc.MAX_TABLE_ROWS]]
    for key in ("budget_total", "investissement_total", "fonctionnement_total", "nb_actions", "charge_totale"):
        assert minutes[key] in axes.note, key
    governance = slide(deck_, "La gouvernance proposée").table
    assert governance is not None
    assert [list(r) for r in governance.rows] == [[g["instance"], g["role"], g["presidence"], g["frequence"],
                                                   g["installation"], g["dans_le_delai"]]
                                                  for g in minutes["gouvernance"][:len(governance.rows)]]
    indicators = {r["id"]: r for r in record.indicators(roadmap)}
    table = slide(deck_, "Les indicateurs de suivi").table
    assert table is not None
    for row in table.rows:
        entry = indicators[row[0].split(" ", 1)[0]]
        assert (row[2], row[3], row[4]) == (entry["cible"], entry["echeance"], entry["responsable"])
    # Feasibility: the check's statuses and counts (the workbook's typing left aside).
    feasibility = slide(deck_, "La faisabilité").table
    assert feasibility is not None
    kept = {d: s for d, s in report.dimensions.items() if d not in dc.LEFT_OUT}
    assert [(r[0], r[1]) for r in feasibility.rows] == [(d, STATUS_LABEL[s]) for d, s in kept.items()]
    counted = [f for f in report.findings if f.dimension not in dc.LEFT_OUT]
    for severity, column, total in ((Severity.ERROR, "Points bloquants", deck_.blocking),
                                    (Severity.WARNING, "Points à arbitrer", deck_.to_arbitrate)):
        assert total == sum(1 for f in counted if f.severity is severity)
        assert sum(int(c.replace("\u202f", "")) for c in _cells(feasibility, column) if c != "—") == total
    # The points themselves: the check's sentences, each with its proposal.
    points = [p for s in deck_.slides if s.title.startswith(("Points bloquants", "Points à arbitrer")) for p in s.body]
    messages = {dc.for_committee(f.message, dc._services(roadmap)) for f in counted}
    assert all(p.text in messages for p in points if p.level == 0)


def test_every_figure_of_the_example_is_the_checks_and_the_minutes():
    assert_figures_are_the_checks(*built(scaled_example(1)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(factor=st.integers(min_value=2, max_value=12), own=st.booleans())
def test_every_figure_of_a_generated_roadmap_is_the_checks_and_the_minutes(factor, own):
    assert_figures_are_the_checks(*built(scaled_example(factor, own_services=own)))


def test_at_region_scale_the_deck_stays_short_and_says_how_many_more():
    roadmap, report, deck_, minutes = built(scaled_example(200, own_services=True))
    assert len(deck_.slides) <= 26
    texts = list(dc.iter_texts(deck_))
    # No text grows with the roadmap: a note, a cell or a bullet stays a few lines long (the
    # charts' alternative text, read aloud, names what it draws).
    alts = {s.chart.alt for s in deck_.slides if s.chart}
    assert max(len(t) for t in texts if t not in alts) < 420
    assert any(t.startswith("… et ") and "autres points bloquants" in t for t in texts)
    assert any(t.startswith("… et ") and "autres points à arbitrer" in t for t in texts)
    assert any("autres services" in t for t in texts)
    for item in deck_.slides:
        if item.table:
            assert len(item.table.rows) <= dc.MAX_TABLE_ROWS, item.title
            assert len(item.table.headers) <= dc.MAX_QUARTERS + 1
        if item.chart and item.chart.kind in ("bars", "columns", "stacked"):
            assert len(item.chart.series) <= dc.MAX_CHART_BARS
            assert len(item.chart.categories) <= max(dc.MAX_CHART_BARS, dc.MAX_QUARTERS), item.title
        points = [p for p in item.body if p.lead.endswith(" — ")]
        assert len(points) <= dc.POINTS_PER_SLIDE
    # The calendar counts the actions of each axis per quarter instead of 4 800 bars.
    (calendar,) = [s for s in deck_.slides if s.title.startswith("Le calendrier")]
    assert calendar.chart is not None and calendar.chart.kind == "stacked"
    total = sum(int(v or 0) for s in calendar.chart.series for v in s.values)
    assert total == sum(a.end.ordinal - a.start.ordinal + 1 for a in roadmap.actions if a.period_valid)
    # One of each kind of problem first: every code of an error is shown before a repeat.
    shown = [p.lead[:-3] for s in deck_.slides if s.title.startswith("Points bloquants") for p in s.body
             if p.level == 0]
    kinds = {CODES[f.code].title for f in report.findings if f.severity is Severity.ERROR
             and f.dimension not in dc.LEFT_OUT}
    assert set(shown[:len(kinds)]) == kinds


# --- No word of the workbook or of a tool on a slide --------------------------------------------

SHEETS = {t.sheet for t in schema.ALL_TABLES} | {s.name for s in schema.OTHER_SHEETS}
TOOL_WORDS = re.compile(r"nr-xl|nr_xl|xlwings|Excel|classeur|feuille «|cellule|colonne|onglet|Python|\.xlsm|"
                        r"--\w|![A-Z]{1,3}\$?\d|\bligne \d{1,3}\b|\{\{|\{%", re.IGNORECASE)


def forbidden(text: str) -> list[str]:
    found = [m.group(0) for m in TOOL_WORDS.finditer(text)]
    found += [f"« {s} »" for s in SHEETS if re.search(rf"«\s{re.escape(s)}\s»", text)]
    headers = {c.header for t in schema.INPUT_TABLES for c in t.columns} - {
        v for values in schema.LISTS.values() for v in values}
    found += [f"« {h} »" for h in headers if re.search(rf"«\s{re.escape(h)}\s»", text)]
    return found


def slide_text(path: Path) -> str:
    """The deck's text without what ``pptx_text`` adds to show it (layout names, the
    separators between a chart's categories and values)."""
    lines = []
    for line in pptx_text(path).splitlines():
        if line.startswith("=== "):
            continue
        if line.startswith(("[série] ", "[catégories] ")):
            line = line.split("] ", 1)[1].split(" : ")[0] if line.startswith("[série]") else ""
        lines.append(line)
    return "\n".join(lines)


def test_no_sheet_cell_or_tool_word_on_any_slide(presented_deck):
    text = slide_text(presented_deck)
    assert forbidden(text) == []
    assert "Feuille de route" in text  # the roadmap itself is named, as a roadmap


def _every_wording():
    from nr_xl.reference_docs import SAMPLE

    for code in CODES.values():
        if code.dimension in dc.LEFT_OUT:
            continue
        for variant in (None, *code.variants):
            wording = code.wording(variant)
            values = {**SAMPLE, **code.example}
            yield code.code, wording.message.format_map(values)
            yield code.code, wording.suggestion.format_map(values)


@pytest.mark.parametrize("code, text", list(_every_wording()))
def test_every_finding_of_the_catalogue_reads_without_the_workbook(code, text):
    """Each sentence of the catalogue a committee can be shown, reworded for the deck."""
    worded = french(dc.for_committee(text, ["DSI"]))
    assert forbidden(worded) == [], (code, worded)
    assert not re.search(r"\d{4}-T[1-4]", worded)  # quarters in words


@pytest.mark.parametrize("text, expected", [
    ("Budget, ligne 12 : l'action « A03 » n'existe pas dans la feuille « Feuille de route ».",
     "L’action « A03 » n’existe pas dans la feuille de route."),
    ("Indiquez dans « Indicateurs » l'ID d'un indicateur de la feuille « Indicateurs » (ou créez-en un).",
     "Indiquez dans la liste des indicateurs un indicateur (ou créez-en un)."),
    ("Le risque R4 est critique (3 × 3 = 9) mais n'a pas de « Mesure ».",
     "Le risque R4 est critique (3 × 3 = 9) mais n’a pas de mesure."),
    ("Choisissez « Réemploi des équipements réformés » dans la colonne « Obligation ».",
     "Choisissez « Réemploi des équipements réformés » dans le champ « obligation »."),
    ("La décision n° 3 n'a pas de « Échéance ».", "La décision n° 3 n’a pas d’échéance."),
    ("Étaler ou décaler B3.1 vers 2027-T3, ou renforcer DSI.",
     "Étaler ou décaler B3.1 vers le 3e trimestre 2027, ou renforcer la DSI."),
])
def test_for_committee(text, expected):
    assert dc.for_committee(text, ["DSI"]) == expected


def test_every_text_reaches_the_slide_with_french_typography(presented_deck):
    text = slide_text(presented_deck)
    assert re.search(r"\w [:;!?»]", text) is None, re.search(r".{20}\w [:;!?»].{20}", text)
    assert re.search(r"« \w", text) is None
    assert re.search(r"\d [€%]", text) is None
    assert "'" not in text.replace("‹N°›", "")
    assert "775\u202f500\u00a0€" in text and "118\u202f400 habitants" in text


# --- « PROJET » until the committee's decision ------------------------------------------

@pytest.mark.parametrize("typed, draft, mention", [
    (None, True, "PROJET soumis à la validation du comité"),
    ("validée", False, "Feuille de route validée par le comité"),
    ("Validée sous réserve du vote du BP 2028", False, "Feuille de route validée sous réserve par le comité"),
    ("Ajournée", True, "PROJET — validation ajournée par le comité"),
])
def test_the_deck_is_a_draft_until_the_decision_is_recorded(typed, draft, mention):
    data = scaled_example(1)
    if typed:
        data[schema.PARAMETER_TABLE.sheet].append([schema.COMMITTEE_DECISION.key, typed])
    _, _, deck_, _ = built(data)
    assert deck_.draft is draft
    assert deck_.slides[0].mention == mention
    assert deck_.footer.endswith("— PROJET") is draft
    decisions = slide(deck_, "Les décisions")
    assert decisions.title == ("Les décisions attendues du comité" if typed is None else "Les décisions du comité")
    if typed and not draft:
        assert decisions.body[0].text.startswith("Le comité a validé la feuille de route, version 1.0")


# --- The reference version -----------------------------------------------------------------

def test_reference_is_the_version_presented_even_after_the_adjustments(presented, tmp_path):
    import shutil

    from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
    from nr_xl.workbook.edit import apply_edits

    path = tmp_path / "orvane.xlsm"
    shutil.copy2(presented, path)
    for reason, edits in COMMITTEE_ADJUSTMENTS:
        apply_edits(path, edits)
        api.log(path, reason=reason, author="Léa Fontaine", now=dt.datetime(2026, 12, 3, 15, 0))
    api.validate(path, author="Léa Fontaine", now=dt.datetime(2026, 12, 3, 16, 0))
    (reference,) = api.support(path, tmp_path / "reference.pptx", reference=True)
    (current,) = api.support(path, tmp_path / "current.pptx")
    before, after = pptx_text(reference), pptx_text(current)
    assert "version présentée au comité 1.0" in before and "PROJET soumis à la validation du comité" in before
    # The slide of blocking points (its title on a line of its own), gone once they are lifted.
    assert "\nPoints bloquants\n" in before and "\nPoints bloquants\n" not in after
    assert "version 1.1" in after and "Feuille de route validée par le comité" in after
    assert "| 2028 | Enveloppe NR | investissement | 260 k€ | 230 k€ | -30 k€ |" in before.replace(
        "\u00a0", " ").replace(" | Inscrite au budget", "").replace("\u202f", " ")


def test_reference_without_a_frozen_version_says_what_to_do(example_path, tmp_path):
    from nr_xl.core.errors import UsageError

    with pytest.raises(UsageError) as err:
        api.support(example_path, tmp_path / "s.pptx", reference=True)
    assert "Aucune version de référence n'est figée" in err.value.message
    assert not (tmp_path / "s.pptx").exists()


# --- Files ------------------------------------------------------------------------------------

def test_a_deck_already_there_is_kept_unless_forced(example_path, tmp_path):
    out = tmp_path / "support.pptx"
    (first,) = api.support(example_path, out)
    first.write_bytes(first.read_bytes() + b"")  # edited in PowerPoint since
    stamp = first.stat().st_mtime_ns
    (second,) = api.support(example_path, out)
    assert second.name == "support (2).pptx" and first.stat().st_mtime_ns == stamp
    (third,) = api.support(example_path, out, force=True)
    assert third == out


def test_the_default_name_is_dated_beside_the_workbook(example_path):
    (written,) = api.support(example_path)
    assert written == example_path.parent / "support_comite_orvane_2026-12-03.pptx"
    from pptx import Presentation

    core = Presentation(str(written)).core_properties
    assert core.language == "fr-FR" and core.author == "Communauté d’agglomération de la Vallée de l’Orvane"
    assert core.title == "Support du comité de pilotage Numérique responsable"


def test_a_collectivite_template_is_used_with_its_layouts_by_name(example_path, tmp_path):
    """Modèle de la collectivité : ses couleurs, ses dispositions (ici réordonnées, avec une
    disposition de plus), repérées par leur nom."""
    from pptx import Presentation

    prs = Presentation(str(deck_builder.TEMPLATE))
    prs.slide_masters[0].slide_layouts._sldLayoutIdLst.insert(0, prs.slide_masters[0].slide_layouts._sldLayoutIdLst[-1])
    layouts = list(prs.slide_layouts)
    title = next(ph for ph in layouts[0].placeholders if ph.name == deck_builder.TITLE_NAME)
    title.left = title.left + 914400  # moved in the slide master view
    folder = example_path.parent / "modeles"
    folder.mkdir()
    prs.save(str(folder / "support_comite.pptx"))
    (written,) = api.support(example_path, tmp_path / "mine.pptx")
    result = Presentation(str(written))
    assert [s.slide_layout.name for s in result.slides][:3] == ["Titre", "Deux colonnes", "Tableau"]
    # An empty placeholder never stays on a slide: each is filled or removed.
    for item in result.slides:
        for shape in item.placeholders:
            assert shape.has_text_frame is False or shape.text_frame.text.strip(), (item.slide_layout.name, shape.name)
    # A template that lacks a layout is refused with what to do, and nothing is written.
    prs.slide_layouts.get_by_name("Graphique")._element.cSld.set("name", "Diagramme")
    prs.save(str(folder / "support_comite.pptx"))
    with pytest.raises(deck.DeckTemplateError) as err:
        api.support(example_path, tmp_path / "refused.pptx")
    assert "Disposition « Graphique » absente" in err.value.message
    assert not (tmp_path / "refused.pptx").exists()


def test_api_check_template_routes_a_pptx_to_the_deck(tmp_path):
    assert api.check_template(deck_builder.TEMPLATE) == []
    assert api.check_template(deck_builder.TEMPLATE, "support_comite") == []
    from nr_xl.documents import template_builder

    (problem,) = api.check_template(template_builder.MINUTES, "support_comite")
    assert "présentation PowerPoint (.pptx)" in problem


# --- Through the command line and LibreOffice (slow) --------------------------------------------

@pytest.mark.slow
def test_cli_support_and_its_messages(presented, tmp_path):
    from test_cli import nr_xl

    run = nr_xl("support", str(presented), "-o", str(tmp_path / "s.pptx"))
    assert run.returncode == 0 and (tmp_path / "s.pptx").exists(), run.stderr
    run = nr_xl("support", str(presented), "-o", str(tmp_path / "s.txt"))
    assert run.returncode == 2 and ".pptx" in run.stderr and "Traceback" not in run.stderr
    run = nr_xl("support", str(tmp_path / "absent.xlsm"))
    assert run.returncode != 0 and "Traceback" not in run.stderr and run.stderr.startswith("Erreur")
    assert nr_xl("template-check", str(deck_builder.TEMPLATE)).returncode == 0
    broken = tmp_path / "modele.pptx"
    broken.write_bytes(b"PK\x03\x04 pas une presentation")
    run = nr_xl("template-check", str(broken))
    assert run.returncode == 1 and "Modèle refusé" in run.stderr


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    """A roadmap of région size, each copy with its own services: every list overflows."""
    return api.build_template(tmp_path_factory.mktemp("region") / "region.xlsm",
                              scaled_example(60, own_services=True))


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("which", ["presented", "region"])
def test_pdf_through_libreoffice_every_slide_and_nothing_runs_into_the_footer(which, request, tmp_path):
    if impress() is None:
        pytest.skip("LibreOffice Impress absent (apt-get install libreoffice-impress-nogui)")
    presented = request.getfixturevalue(which)
    pptx, pdf = api.support(presented, tmp_path / "support.pptx", pdf=True)
    from pptx import Presentation

    slides = len(Presentation(str(pptx)).slides)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(info.split("Pages:")[1].split()[0]) == slides
    assert re.search(r"Page size:\s+960(\.\d+)? x 540", info)  # 16:9
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for needle in ("Points bloquants", "Les décisions attendues du comité", "PROJET"):
        assert needle in text
    # Every word on a page sits above the footer's band, but the footer's own words: no text
    # box overflows its place.
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    footer_words = set(french(dc.deck_context(*_presented_roadmap(presented)).footer).split()) | {
        str(n) for n in range(1, slides + 1)}
    for page, block in enumerate(bbox.split("<page ")[1:], start=1):
        height = float(re.search(r'height="([\d.]+)"', block).group(1))
        for y_max, word in re.findall(r'yMax="([\d.]+)">([^<]*)<', block):
            if float(y_max) > height * (deck_builder.FOOTER_Y - 0.05) / 7.5:
                assert word in footer_words, (page, word)


def _presented_roadmap(path: Path):
    from nr_xl.core.report import check_sheets
    from nr_xl.sources import read_rows

    rows = read_rows(path, list(schema.CHECKED_SHEETS))
    roadmap, _ = build_roadmap(rows.sheets)
    return roadmap, check_sheets(rows.sheets, path.name, rows.tables)
