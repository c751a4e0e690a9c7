"""The committee minutes and the launch announcement."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from nr_xl import api
from nr_xl.example.committee import COMMITTEE_ADJUSTMENTS
from nr_xl.documents import template_builder
from nr_xl.documents.produce import KICKOFF, MINUTES, check_template
from nr_xl.jobs.documents import generate
from nr_xl.core.errors import NrXlError
from nr_xl.workbook.edit import CellEdit, RowAdd, apply_edits

from conftest import ROOT, soffice
from docs_text import docx_text

GOLDEN = ROOT / "tests" / "data" / "golden"
COMMITTEE_DAY = dt.date(2026, 12, 4)
LAUNCH_DAY = dt.date(2027, 2, 4)


def set_parameters(path: Path, values: dict[str, object]) -> None:
    """Type Paramètres cells as a user would: the row's value if the key is
    there, a new row otherwise."""
    from nr_xl.sources import read_rows

    present = {str(r[0]).strip() for r in read_rows(path, ["Paramètres"]).sheets["Paramètres"][1:] if r and r[0]}
    apply_edits(path, [CellEdit("Paramètres", {"Paramètre": key}, "Valeur", value) if key in present
                       else RowAdd("Paramètres", {"Paramètre": key, "Valeur": value})
                       for key, value in values.items()])


@pytest.fixture(scope="module")
def after_committee(tmp_path_factory) -> Path:
    """The example as the demo leaves it: presented, adjusted, logged, validated
    (the committee's decision typed in Paramètres)."""
    path = tmp_path_factory.mktemp("copil") / "orvane.xlsm"
    api.build_example(path)
    now = dt.datetime(2026, 12, 3, 15, 0)  # a fixed clock: the journal's fingerprint is printed
    api.snapshot(path, now=now)
    for reason, edits in COMMITTEE_ADJUSTMENTS:
        apply_edits(path, edits)
        api.log(path, reason=reason, author="Léa Fontaine", now=now)
    api.validate(path, author="Léa Fontaine", now=now)
    set_parameters(path, {"Décision du comité": "validée"})
    return path


@pytest.fixture(scope="module")
def minutes(after_committee, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "compte_rendu.docx"
    return generate(MINUTES, after_committee, out)[0]


@pytest.fixture(scope="module")
def kickoff(after_committee, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "annonce.docx"
    return generate(KICKOFF, after_committee, out)[0]


@pytest.mark.parametrize("kind, dated, name", [(MINUTES, dt.date(2026, 12, 3), "compte_rendu.txt"),
                                               (KICKOFF, LAUNCH_DAY, "annonce_lancement.txt")])
def test_golden_text(kind, dated, name, after_committee, tmp_path):
    """The documents' text, rendered from a fixed context (the journal's clock and the
    printed date are given), against the committed golden. With NR_XL_UPDATE_GOLDEN set
    the golden is rewritten and the test still fails: only a reviewed diff makes it pass."""
    text = docx_text(generate(kind, after_committee, tmp_path / "document.docx", today=dated)[0])
    golden = GOLDEN / name
    if os.environ.get("NR_XL_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
        pytest.fail(f"goldens rewritten ({golden}), review the git diff", pytrace=False)
    expected = golden.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), f"{name} (golden)",
                                    f"{name} (rendered)", lineterm="")
        pytest.fail("the document's text differs from its golden:\n" + "\n".join(diff), pytrace=False)


def test_minutes_say_what_the_committee_needs(minutes):
    text = docx_text(minutes)
    for expected in (
        "Date : 3 décembre 2026", "Présidence : Claire Vasseur",
        "Excusés : Nadia Perrot (Directrice des ressources humaines)",
        "Feuille de route présentée : Bloquant (3 points bloquants).",
        "Après les ajustements décidés en séance : À arbitrer (0 point bloquant).",
        "Décision n° 5. Le comité valide la feuille de route, version 1.1.",
        "Lancement officiel : 4 février 2027", "Premier comité technique : 4 décembre 2026",
        "| 2028 | Enveloppe NR — investissement | 230 k€ | 230 k€ | 0 k€ | respectée |",
        "775 500 €", "Compte rendu établi le 3 décembre 2026 par Isabelle Moreau, assistante de direction.",
        "Le conseil communautaire délibérera le 28 janvier 2027.",
        "| I01 | Durée de vie moyenne des postes de travail | 7 ans | 2029 | Karim Benali (DSI) |",
        "| R4 | Offre insuffisante de matériel reconditionné sur les marchés | 3 × 3 = 9 |",
        "Diffusion : Claire Vasseur, ", "Nadia Perrot",
    ):
        assert expected in text, expected
    assert "Version de la feuille de route validée : 1.1" in text
    # A raw journal key or a journal record never reaches the reader.
    assert "B3.1/2028" not in text and "ajout :" not in text and "Investissement (€)" not in text
    # « Actions à mener » restates each action (in the relevé, then in its table).
    assert text.count("Chiffrer un renfort temporaire de la DSI pour le premier semestre 2027") == 2
    assert "Mettre en œuvre la décision" not in text


def test_kickoff_commitments_and_budget(kickoff):
    text = docx_text(kickoff)
    assert text.startswith("# Communauté d’agglomération de la Vallée de l’Orvane lance sa feuille de route")
    assert "loi REEN" in text
    commitments = [line for line in text.splitlines() if " : de " in line and " en 20" in line]
    assert 3 <= len(commitments) <= 5
    assert "Part des achats informatiques reconditionnés : de 8 % (2026) à 25 % en 2029" in text
    assert "Lancement officiel : 4 février 2027" in text
    assert text.rstrip().endswith("Claire Vasseur, vice-présidente déléguée à la transition écologique et numérique")


@pytest.mark.parametrize("which", ["minutes", "kickoff"])
def test_accessibility_structure(which, request):
    path = request.getfixturevalue(which)
    doc = Document(str(path))
    assert doc.core_properties.title and doc.core_properties.language == "fr-FR"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "fr-FR"
    levels = [int(p.style.name[-1]) for p in doc.paragraphs if p.style.name.startswith("Heading ")]
    assert levels and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), "heading levels must not skip"
    assert sum(1 for p in doc.paragraphs if p.style.name == "Title") == 1
    for table in doc.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    pictures = doc.element.body.findall(".//" + qn("wp:docPr"))
    assert all(len(p.get("descr", "")) > 40 for p in pictures)
    if which == "minutes":
        assert len(pictures) == 2
        assert "2028\u00a0: prévu 350\u00a0k€, enveloppes 370\u00a0k€" in pictures[0].get("descr")  # typeset


def test_user_text_is_never_a_template(tmp_path):
    from nr_xl.example import load_example

    data = load_example()
    data["Participants"][0][0] = "{{ 7*7 }} <b>&amp;"
    data["Décisions"][0][1] = "{% for x in range(3) %}boucle{% endfor %} {{ config }}"
    data["Paramètres"][0][1] = "{{ ''.__class__.__mro__ }}"
    path = api.build_template(tmp_path / "piege.xlsm", data)
    out = generate(MINUTES, path, tmp_path / "cr.docx", today=COMMITTEE_DAY)[0]
    text = docx_text(out)
    assert "{{ 7*7 }} <b>&amp;" in text and "49" not in text.split("{{ 7*7 }}")[0][-5:]
    assert "{% for x in range(3) %}boucle{% endfor %} {{ config }}" in text
    assert "{{ ''.__class__.__mro__ }}" in text


def _split_tag_across_runs(src: Path, dst: Path, tag: str) -> None:
    """What Word does when a user retypes part of a tag: it lands in several runs."""
    doc = Document(str(src))
    for para in doc.paragraphs:
        for run in para.runs:
            if tag in run.text:
                before, after = run.text.split(tag, 1)
                half = len(tag) // 2
                run.text = before + tag[:half]
                new = run._r.__copy__() if hasattr(run._r, "__copy__") else None
                from copy import deepcopy

                new = deepcopy(run._r)
                run._r.addnext(new)
                new.find(qn("w:t")).text = tag[half:] + after
                rpr = new.get_or_add_rPr()
                rpr.append(rpr.makeelement(qn("w:i"), {}))
                doc.save(str(dst))
                return
    raise AssertionError(f"{tag} introuvable")


def test_edited_user_template_with_a_tag_split_across_runs(after_committee, tmp_path):
    folder = after_committee.parent / "modeles"
    folder.mkdir(exist_ok=True)
    mine = folder / "compte_rendu.docx"
    _split_tag_across_runs(template_builder.MINUTES, mine, "{{ lieu }}")
    xml = zipfile.ZipFile(mine).read("word/document.xml").decode()
    assert "{{ lieu }}" not in xml  # really split
    assert check_template(mine, MINUTES) == []
    try:
        out = generate(MINUTES, after_committee, tmp_path / "cr.docx", today=COMMITTEE_DAY)[0]
        assert "Lieu : Hôtel communautaire, salle du conseil" in docx_text(out)
    finally:
        shutil.rmtree(folder)


def test_template_check_reports_broken_tags_and_unknown_variables(tmp_path):
    doc = Document(str(template_builder.MINUTES))
    doc.add_paragraph("{{ nom_du_maire }}")
    doc.add_paragraph("{ { lieu }}")
    path = tmp_path / "casse.docx"
    doc.save(str(path))
    problems = check_template(path, MINUTES)
    assert any("nom_du_maire" in p for p in problems)
    assert any("coupée" in p for p in problems)
    doc = Document(str(template_builder.MINUTES))
    doc.add_paragraph("{% for x in presents %} sans fin")
    doc.save(str(path))
    (problem,) = check_template(path, MINUTES)
    assert "balise invalide" in problem


def test_committed_templates_equal_a_fresh_build(tmp_path):
    for build, committed in ((template_builder.build_minutes, template_builder.MINUTES),
                             (template_builder.build_kickoff, template_builder.KICKOFF)):
        fresh = build(tmp_path / committed.name)
        assert fresh.read_bytes() == committed.read_bytes(), "python -m nr_xl.documents.template_builder"


@pytest.mark.slow
def test_cli_documents_and_pdf_message(after_committee, tmp_path, monkeypatch):
    from test_cli import nr_xl

    run = nr_xl("minutes", str(after_committee), "-o", str(tmp_path / "cr.docx"))
    assert run.returncode == 0 and (tmp_path / "cr.docx").exists()
    run = nr_xl("kickoff", str(after_committee), "-o", str(tmp_path / "a.txt"))
    assert run.returncode == 2 and ".docx" in run.stderr
    assert nr_xl("template-check", str(template_builder.KICKOFF)).returncode == 0
    from nr_xl.core.errors import OutputError
    from nr_xl.documents import render

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(NrXlError) as err:
        render.to_pdf(tmp_path / "cr.docx")
    assert type(err.value) is OutputError  # a message for the user and exit code 5, not a crash
    assert f"Le document Word est prêt ({tmp_path / 'cr.docx'})" in str(err.value)
    assert "LibreOffice, introuvable" in str(err.value) and "apt-get install" in str(err.value)


@pytest.mark.slow
@pytest.mark.libreoffice
def test_pdf_of_both_documents(after_committee, tmp_path):
    if soffice() is None:
        pytest.skip("LibreOffice absent")
    written = generate(MINUTES, after_committee, tmp_path / "cr.docx", pdf=True, today=COMMITTEE_DAY)
    written += generate(KICKOFF, after_committee, tmp_path / "an.docx", pdf=True, today=LAUNCH_DAY)
    for pdf, (low, high), needle in ((written[1], (4, 10), "Relevé de décisions"),
                                     (written[3], (2, 5), "Nos engagements")):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(info.split("Pages:")[1].split()[0])
        assert low <= pages <= high, pages
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert needle in text and "{{" not in text and "{%" not in text


@pytest.mark.parametrize("name, expected", [("../../etc/passwd", "etc passwd"), ("a/b\\c:d*e", "a b c d e"),
                                            ("  ..  ", "document"), ("Compte rendu 3/12", "Compte rendu 3 12")])
def test_file_names_from_cell_text_are_sanitised(name, expected):
    from nr_xl.documents.render import safe_filename

    assert safe_filename(name) == expected


def test_long_lists_are_capped_and_say_how_many_more():
    from nr_xl.documents import context as ctx
    from nr_xl.core.findings import Report, finding
    from nr_xl.core.model import Roadmap

    many = [finding("kpi.action_without_kpi", sheet="Feuille de route", row=i, key=f"A{i}", action=f"A{i}",
                    obligation="", grade="obligation") for i in range(2, 102)]
    minutes = ctx.minutes_context(Roadmap(), Report("x", many), [], COMMITTEE_DAY)
    assert len(minutes["bloquants"]) == ctx.MAX_BLOCKING
    assert minutes["autres_bloquants"].startswith("… et 70 points bloquants de plus")
    assert minutes["autres_alertes"] == ""


@pytest.mark.slow
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_documents_follow_the_users_umask(after_committee, tmp_path, umask, mode):
    from test_cli import nr_xl

    old = os.umask(umask)  # the child process inherits it
    try:
        run = nr_xl("kickoff", str(after_committee), "-o", str(tmp_path / "annonce.docx"))
    finally:
        os.umask(old)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "annonce.docx").stat().st_mode & 0o777 == mode
