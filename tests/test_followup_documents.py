"""A year after the vote on a real workbook, as the demo plays it (example/followup.py): the
follow-up committees' agenda and minutes, one journal across every committee, the yearly
review with its legal shares and its sources, the roadmap before and after; documents sent
as they are."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from nr_xl import api
from nr_xl.cli import demo
from nr_xl.core import schema
from nr_xl.core.journal.review import validated_sheets
from nr_xl.example.followup import COMMITTEES
from nr_xl.jobs.journal import read as read_book

from docs_text import docx_text

SHEETS = [t.sheet for t in schema.ALL_TABLES] + [schema.SUMMARY_SHEET.name, schema.README_SHEET.name]
JUNE, NOVEMBER = (c.day.isoformat() for c in COMMITTEES)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """The demo's workbook and documents, without PDF (LibreOffice is tested elsewhere)."""
    folder = tmp_path_factory.mktemp("suivi")
    which = shutil.which
    shutil.which = lambda name: None  # type: ignore[assignment]
    try:
        outputs = demo.run_demo(folder, echo=lambda message: None)
    finally:
        shutil.which = which  # type: ignore[assignment]
    return folder, outputs


def _text(folder: Path, name: str) -> str:
    return docx_text(folder / name)


def test_the_agenda_lists_what_the_committee_must_look_at(year):
    folder, _ = year
    text = _text(folder, f"ordre_du_jour_suivi_{JUNE}.docx")
    assert text.splitlines()[0].endswith("Ordre du jour du comité de suivi")
    late = text.split("## Actions en retard sur leur calendrier", 1)[1].split("## Indicateurs mesurés", 1)[0]
    # B5.3 was to start in the first quarter and is still to start on 17 June.
    assert "B5.3" in late and "devait démarrer au 1er trimestre 2027" in late
    measured = text.split("## Indicateurs mesurés", 1)[1].split("## Décisions", 1)[0]
    assert re.search(r"I13 Postes éteints la nuit.*52\s%.*hors trajectoire", measured.replace("\n", " "))
    assert "Relevé de décisions" not in text  # the agenda: nothing decided yet


def test_the_minutes_record_the_adjustments_the_decision_and_the_decisions_taken(year):
    folder, _ = year
    text = _text(folder, f"compte_rendu_suivi_{JUNE}.docx")
    releve = text.split("Relevé de décisions", 1)[1]
    assert "Réseau de référents : désignation reportée" in releve
    assert "Le comité valide la feuille de route, version 1.2." in releve
    assert "Décision n° 3." in releve and "Décision n° 4." in releve
    # Only this committee's adjustments, not those of the validation before it.
    assert "salle serveur" not in releve.split("La feuille de route avant et après", 1)[0]
    # After its adjustment, B5.3 is no longer late.
    assert "Aucune action n’est en retard sur son calendrier." in text.replace("'", "’")
    november = _text(folder, f"compte_rendu_suivi_{NOVEMBER}.docx")
    open_decisions = november.split("## Décisions des comités précédents", 1)[1].split("## Dépenses", 1)[0]
    assert re.search(r"\b3\b.*30\ssept.*en cours, échue", open_decisions.replace("\n", " "))


def test_one_journal_chain_spans_every_committee(year):
    folder, outputs = year
    book = read_book(outputs["Classeur"])
    assert book.broken is None
    instances = list(dict.fromkeys(r.instance for r in book.journal))
    assert [c.instance for c in COMMITTEES] == [i for i in instances if "suivi" in i]
    assert [r.number for r in book.journal] == list(range(1, len(book.journal) + 1))
    versions = [r.new for r in book.journal if r.sheet == schema.PARAMETER_TABLE.sheet
                and r.key == schema.VERSION.key]
    assert versions == ["1.1", "1.2", "1.3"]
    # The last minutes attest the whole chain, and it still matches.
    matches, _ = api.verify(outputs["Classeur"], str(folder / f"compte_rendu_suivi_{NOVEMBER}.docx"))
    assert matches


def test_the_version_in_force_when_a_year_began_is_rebuilt_from_the_journal(year):
    _, outputs = year
    book = read_book(outputs["Classeur"])
    version, sheets = validated_sheets(book, 2027)
    assert version == "1.1"
    actions = {r[0]: r for r in sheets[schema.ACTIONS.sheet][1:]}
    headers = sheets[schema.ACTIONS.sheet][0]
    # B5.3 as validated in December 2026, before the June committee moved it.
    assert actions["B5.3"][headers.index(schema.ACTIONS.end.header)] == "2027-T4"


def test_the_yearly_review_says_what_was_done_spent_and_measured_with_its_sources(year):
    folder, _ = year
    text = _text(folder, "bilan_annuel_2027.docx").replace("\n", " ")
    assert "Bilan 2027 de la stratégie Numérique responsable" in text
    legal = text.split("Obligations légales", 1)[1].split("Les changements décidés", 1)[0]
    # The measured shares against the floors in force in 2027 (réemploi 50 %, reconditioned purchases 25 %).
    assert re.search(r"Réemploi des équipements réformés[\s|]+32\s%[\s|]+50\s%[\s|]+sous le plancher", legal)
    assert re.search(r"Achats issus du réemploi ou recyclés[\s|]+11,9\s%[\s|]+25\s%", legal)
    changes = text.split("Les changements décidés par les comités", 1)[1].split("avant et après", 1)[0]
    assert all(c.instance in changes for c in COMMITTEES)
    assert "version de référence (1.1, en vigueur au début de l’année)" in text.replace("'", "’")
    assert "Sources des chiffres" in text and "Registre des réformes" in text


@pytest.mark.parametrize("name", [f"ordre_du_jour_suivi_{JUNE}.docx", f"compte_rendu_suivi_{JUNE}.docx",
                                  f"compte_rendu_suivi_{NOVEMBER}.docx", "bilan_annuel_2027.docx"])
def test_no_command_sheet_or_cell_in_a_follow_up_document(year, name):
    folder, _ = year
    text = docx_text(folder / name)
    assert "nr-xl" not in text and " --" not in text and "classeur" not in text.casefold()
    assert not re.search(r"\b(feuille|onglet|cellule|colonne) «", text)
    assert not re.search(r"[A-Z][\wéèà ]*![A-Z]{1,3}\d", text)
    quoted = set(re.findall(r"« ([^«»]+) »", text))
    assert not quoted & set(SHEETS), quoted & set(SHEETS)
    assert not re.search(r"\b20\d\d-T[1-4]\b", text)  # quarters in words


def test_the_before_after_chart_is_in_both_documents_with_its_figures_in_words(year):
    folder, _ = year
    for name in (f"compte_rendu_suivi_{JUNE}.docx", "bilan_annuel_2027.docx"):
        with zipfile.ZipFile(folder / name) as z:
            body = z.read("word/document.xml").decode()
            assert any(n.startswith("word/media/") for n in z.namelist())
        assert re.search(r'descr="Graphique en barres du budget prévu par année, version de référence et '
                         r'aujourd.hui\s:\s2027\s:\sréférence\s[\d,]+\sk€', body)


def test_the_committed_follow_up_templates_equal_a_fresh_build(tmp_path):
    from nr_xl.documents import followup_templates as ft

    for build, committed in ((ft.build_followup, ft.FOLLOWUP), (ft.build_review, ft.REVIEW)):
        assert build(tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name


def test_the_shipped_follow_up_templates_pass_their_own_check():
    from nr_xl.documents import followup_templates as ft

    assert api.check_template(ft.FOLLOWUP) == [] and api.check_template(ft.REVIEW) == []


def test_the_commands_write_the_agenda_and_the_review_and_say_what_is_missing(year, tmp_path):
    from click.testing import CliRunner

    from nr_xl.cli.commands import main

    _, outputs = year
    runner = CliRunner()
    agenda = tmp_path / "odj.docx"
    result = runner.invoke(main, ["suivi", str(outputs["Classeur"]), "--ordre-du-jour", "-o", str(agenda)])
    assert result.exit_code == 0, result.output
    assert docx_text(agenda).splitlines()[0].endswith("Ordre du jour du comité de suivi")
    review = tmp_path / "bilan.docx"
    result = runner.invoke(main, ["bilan", str(outputs["Classeur"]), "--annee", "2027", "-o", str(review)])
    assert result.exit_code == 0 and review.is_file(), result.output
    # A workbook never followed: a French message saying what to fill in, no document.
    fresh = api.build_example(tmp_path / "neuf.xlsm")
    result = runner.invoke(main, ["suivi", str(fresh), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "Date du comité de suivi" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.docx").exists()


def test_docs_example_says_the_figures_the_review_prints(year):
    """docs/example.md tells the year of follow-up with the review's own figures."""
    folder, _ = year
    review = _text(folder, "bilan_annuel_2027.docx").replace("\u202f", " ").replace("\u00a0", " ")
    doc = (Path(__file__).parent.parent / "docs" / "example.md").read_text(encoding="utf-8")
    for figure in ("8 actions terminées", "173 000 €", "235 500 €", "73 %", "32 %", "11,9 %"):
        assert figure in review and figure in doc, figure


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_prints_the_follow_up_documents_readably(year, tmp_path):
    """Rendered to PDF as a secretariat would: a few pages each, no text drawn over another."""
    import subprocess

    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice and poppler-utils render the document (.ci/run installs them)")
    from nr_xl.documents.render import to_pdf

    from test_libreoffice import overlapping, text_lines

    folder, _ = year
    for name, most in ((f"ordre_du_jour_suivi_{JUNE}.docx", 3), (f"compte_rendu_suivi_{NOVEMBER}.docx", 5),
                       ("bilan_annuel_2027.docx", 5)):
        pdf = to_pdf(shutil.copy(folder / name, tmp_path / name))
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert 1 <= len(text.rstrip("\f").split("\f")) <= most, name
        pages = text_lines(pdf)
        assert {n: overlapping(lines) for n, lines in pages.items() if overlapping(lines)} == {}, name


def test_a_region_s_thousands_of_rows_are_counted_not_printed():
    """Ten copies of the followed example: each table keeps its first hundred rows and says
    how many more there are; the agenda's counts are the full ones."""
    from nr_xl.core.build import build_roadmap
    from nr_xl.core.report import check_roadmap
    from nr_xl.documents.followup_context import followup_context
    from nr_xl.example import load_example
    from nr_xl.example.followup import followed_example
    from nr_xl.example.scale import _suffix, scaled_example

    from factory import sheets_of

    data = scaled_example(10)
    base = followed_example(load_example())
    for sheet in (schema.PROGRESS.sheet, schema.SPENDING.sheet, schema.MEASURES.sheet):
        data[sheet] = [[_suffix(r[0], k), *r[1:]] for k in range(1, 11) for r in base[sheet]]
    data[schema.PARAMETER_TABLE.sheet] = base[schema.PARAMETER_TABLE.sheet]
    roadmap, inputs = build_roadmap(sheets_of(data))
    context = followup_context(roadmap, check_roadmap(roadmap, inputs, "x.xlsm"), [], None)
    assert len(context["depenses"]) == 100 and context["autres_depenses"] == "… et 40 actions de plus, non reproduites ici."
    assert len(context["avancement"]) == 100 and "de plus, non reproduites ici." in context["autres_avancement"]
    assert context["autres_retards"] == ""
