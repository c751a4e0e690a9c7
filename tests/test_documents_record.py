"""What the documents claim: dates from the data, the recorded decision, the
adjustments in French, the page layout, and nothing said without data."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from nr_xl import api
from nr_xl.documents import french
from nr_xl.documents.produce import KICKOFF, MINUTES, check_template
from nr_xl.jobs.documents import generate

from conftest import ROOT
from docs_text import docx_text
from test_cli import nr_xl
from test_documents import after_committee, kickoff, minutes, set_parameters  # noqa: F401  (fixtures reused)

OLD_TEMPLATES = ROOT / "tests" / "data" / "templates_v1"


@pytest.fixture()
def book(after_committee, tmp_path) -> Path:  # noqa: F811
    """A private copy of the validated example, to type Paramètres into."""
    path = tmp_path / "orvane.xlsm"
    shutil.copy(after_committee, path)
    return path


def _both(path: Path, **params: object) -> tuple[str, str]:
    """The minutes and the announcement (a draft when the roadmap is not validated)."""
    if params:
        set_parameters(path, params)
    minutes = generate(MINUTES, path, path.with_name("cr.docx"))[0]
    kickoff = generate(KICKOFF, path, path.with_name("an.docx"), force=True, warn=lambda _: None)[0]
    return docx_text(minutes), docx_text(kickoff)


def _header_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if re.match(r"word/header\d*\.xml", n))
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def test_dates_come_from_the_committee_and_the_launch_not_the_clock(book):
    minutes, kickoff = _both(book)
    assert "Compte rendu établi le 3 décembre 2026 par Isabelle Moreau" in minutes
    assert kickoff.splitlines()[1] == "4 février 2027"


@pytest.mark.slow
def test_date_option_overrides_and_bad_dates_are_usage_errors(book, tmp_path):
    run = nr_xl("minutes", str(book), "-o", str(tmp_path / "cr.docx"), "--date", "07/12/2026")
    assert run.returncode == 0, run.stderr
    assert "Compte rendu établi le 7 décembre 2026" in docx_text(tmp_path / "cr.docx")
    run = nr_xl("kickoff", str(book), "-o", str(tmp_path / "an.docx"), "--date", "2027-02-10")
    assert run.returncode == 0 and docx_text(tmp_path / "an.docx").splitlines()[1] == "10 février 2027"
    run = nr_xl("kickoff", str(book), "--date", "demain")
    assert run.returncode == 2 and "07/03/2027" in run.stderr


def test_minutes_are_a_draft_until_the_chair_approves_them(book):
    draft = generate(MINUTES, book, book.with_name("projet.docx"))[0]
    assert "PROJET — à valider par la présidence" in _header_text(draft)
    assert "Projet de compte rendu, à valider par la présidence du comité." in docx_text(draft)
    set_parameters(book, {"Compte rendu approuvé le": "08/12/2026"})
    final = generate(MINUTES, book, book.with_name("final.docx"))[0]
    assert "PROJET" not in _header_text(final)
    assert "Compte rendu approuvé par la présidence du comité le 8 décembre 2026." in docx_text(final)


@pytest.mark.parametrize("typed, reservations, in_minutes, in_kickoff", [
    ("Validée", None, "Le comité valide la feuille de route, version 1.1.",
     "La feuille de route a été validée par le comité de pilotage le 3 décembre 2026."),
    ("VALIDEE SOUS RESERVES", "Chiffrer le renfort de la DSI avant le conseil",
     "Le comité valide la feuille de route, version 1.1, sous réserve de ce qui suit : "
     "chiffrer le renfort de la DSI avant le conseil.",
     "validée par le comité de pilotage le 3 décembre 2026, sous réserve de ce qui suit : chiffrer le renfort"),
    ("ajourné", None, "Le comité ajourne la validation de la feuille de route",
     "Le comité de pilotage du 3 décembre 2026 a ajourné la validation"),
    ("", None, "La décision du comité sur la feuille de route est en attente.",
     "La feuille de route a été présentée au comité de pilotage le 3 décembre 2026."),
])
def test_validation_wording_follows_the_recorded_decision(book, typed, reservations, in_minutes, in_kickoff):
    params: dict[str, object] = {"Décision du comité": typed}
    if reservations:
        params["Réserves"] = reservations
    minutes, kickoff = _both(book, **params)
    # The committee's decision on the roadmap comes after its four adjustments (séance order).
    assert f"Décision n° 5. {in_minutes}" in minutes
    assert in_kickoff in kickoff
    # Other bodies: their recorded status and date, never a blanket « validée ».
    assert "Le conseil communautaire devait délibérer le 28 janvier 2027 ; statut à confirmer." in kickoff
    assert "instances de la collectivité" not in kickoff
    validated = typed.lower().startswith("valid")
    # An adjourned or undecided roadmap does not « engage » the collectivité.
    assert ("Elle engage la collectivité de 2027 à 2029." in kickoff) == validated
    assert ("Version de la feuille de route validée" in minutes) == validated
    assert ("Version de la feuille de route présentée" in minutes) == (not validated)
    # Not validated: the announcement is only a draft, said in its title and on every page.
    assert ("PROJET — non validée" in kickoff) == (not validated)
    assert kickoff.startswith("# PROJET — ") == (not validated)


@pytest.mark.parametrize("typed, expected", [
    ("validé", french.VALIDATED), ("Validées", french.VALIDATED), (" validee ", french.VALIDATED),
    ("VALIDEE SOUS RESERVES", french.WITH_RESERVATIONS), ("Validé sous réserve", french.WITH_RESERVATIONS),
    ("Ajournée", french.ADJOURNED), ("ajourne", french.ADJOURNED), ("", None), (None, None), ("peut-être", None),
    ("Reportée au prochain comité", french.ADJOURNED), ("Adoptée à l'unanimité", french.VALIDATED),
])
def test_decision_is_compared_after_normalising(typed, expected):
    assert french.committee_decision(typed) == expected


def test_an_adjustment_reads_back_in_french_under_its_motif(after_committee):  # noqa: F811
    text = docx_text(generate(MINUTES, after_committee, after_committee.with_name("lu.docx"))[0])
    lines = text.splitlines()
    # The motif as the committee typed it; the changes beneath in French formats.
    # In the relevé, the decision, who carries it out and where its detail is.
    assert ("Décision n° 1. Étaler la rénovation de la salle serveur : 30 000 € reportés en 2029, fin au 2e "
            "trimestre 2029. Pilotage : DSI. Détail en annexe 2.") in lines
    # In the annex, the same decision, its changes beneath in French formats.
    motif = lines.index("Décision n° 1. Étaler la rénovation de la salle serveur : 30 000 € reportés "
                        "en 2029, fin au 2e trimestre 2029.")
    assert lines[motif + 1] == (
        "B3.1 Rénover et urbaniser la salle serveur (objectif PUE 1,5) : 30 000 € d’investissement "
        "décalés de 2028 à 2029 ; fin reportée du 4e trimestre 2028 au 2e trimestre 2029")
    assert "La DSI : capacité 2027 portée de 220 j-h à 250 j-h" in lines
    assert "Comité technique : installation avancée du 14 janvier 2027 au 4 décembre 2026" in lines


def test_budget_moves_and_one_sided_changes_are_phrased():
    from nr_xl.documents.adjustments import grouped
    from nr_xl.core.journal.snapshot import Adjustment
    from nr_xl.core.model import Action, Roadmap

    roadmap = Roadmap(actions=(Action(2, "A1", title="Former les agents"),))
    why = ("Lisser la formation",)
    rows = [Adjustment("Budget", "A1/2029/Subvention", "Fonctionnement (€)", "20000", "5000", why),
            Adjustment("Budget", "A1/2028/Subvention", "Fonctionnement (€)", "0", "15000", why),
            Adjustment("Budget", "A1/2027/Enveloppe NR", "(ligne supprimée)",
                       "Action : A1 ; Année : 2027 ; Investissement (€) : 4000 ; Financement : Enveloppe NR", "", why),
            Adjustment("Feuille de route", "A1", "Début", "2028-T3", "2028-T1", why)]
    (group,) = grouped(rows, roadmap)
    assert group["motif"] == "Lisser la formation"
    assert group["changements"] == [
        "A1 Former les agents : 15\u202f000\u00a0€ de fonctionnement (Subvention) avancés de 2029 à 2028 ; "
        "4\u202f000\u00a0€ d’investissement retirés en 2027 ; début avancé du 3e trimestre 2028 au 1er trimestre 2028"]


def test_a4_page_header_footer_and_properties(minutes, kickoff):
    for path in (minutes, kickoff):
        with zipfile.ZipFile(path) as z:
            body = z.read("word/document.xml").decode()
            footers = "".join(z.read(n).decode() for n in z.namelist() if re.match(r"word/footer\d*\.xml", n))
        assert re.search(r'<w:pgSz w:w="11906" w:h="16838"', body) or re.search(r'w:w="11905"', body)
        assert re.search(r'<w:pgMar w:top="113[34]" w:right="113[34]" w:bottom="113[34]" w:left="113[34]"', body)
        assert re.search(r'w:instr=" PAGE ', footers) and re.search(r'w:instr=" NUMPAGES ', footers)
        assert "Communauté d’agglomération de la Vallée de l’Orvane" in _header_text(path)
        props = Document(str(path)).core_properties
        assert props.author == "Communauté d’agglomération de la Vallée de l’Orvane"
        assert props.subject == "Feuille de route Numérique responsable 2027-2029"
        assert props.language == "fr-FR" and props.title
        # Dated from the data (the committee's day, the launch's), never 2013 or the clock.
        assert props.created == props.modified and props.created.year in (2026, 2027)
        assert props.last_modified_by == props.author
        # No logo given: no box at all in the header.
        with zipfile.ZipFile(path) as z:
            header = "".join(z.read(n).decode() for n in z.namelist() if re.match(r"word/header\d*\.xml", n))
        assert "<w:drawing" not in header


def test_columns_have_fixed_widths_and_one_organisation_is_not_repeated(minutes):
    doc = Document(str(minutes))
    for table in doc.tables:
        assert table._tbl.tblPr.xpath("./w:tblLayout[@w:type='fixed']")
        widths = [int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
                  for c in table._tbl.tblGrid.iterchildren()]
        assert abs(sum(widths) - 9638) < 30, widths  # 17 cm of A4 text
    text = docx_text(minutes)
    assert "| Nom | Fonction |" in text and "Organisation" not in text
    assert text.count("Communauté d’agglomération de la Vallée de l’Orvane") <= 3


def test_participants_of_several_organisations_are_grouped():
    from nr_xl.documents.record import participants_table
    from nr_xl.core.model import Participant

    people = [Participant(2, "A", organisation="ANCT"), Participant(3, "B", organisation="Ville"),
              Participant(4, "C", organisation="anct "), Participant(5, "D", organisation="Ville")]
    rows = participants_table(people, "Ville")
    assert [(r["organisation"], r["nom"]) for r in rows] == [("Ville", "B"), ("", "D"), ("ANCT", "A"), ("", "C")]


def test_no_fixed_paragraph_without_its_data(tmp_path):
    from nr_xl.example import load_example

    data = load_example()
    params = {row[0]: row for row in data["Paramètres"]}
    params["Collectivité"][1] = "Commune de Saint-Aubin-les-Prés"
    params["Population"][1] = 12000
    params["Contact"][1] = ""
    data["Gouvernance"] = [row for row in data["Gouvernance"] if "référents" not in row[0]]
    data["Participants"] = [[*row[:2], "Commune de Saint-Aubin-les-Prés", *row[3:]] for row in data["Participants"]
                            if row[2] != "Agence nationale de la cohésion des territoires"]
    for action in data["Feuille de route"]:
        action[-1] = ""
        action[1] = "Gouvernance et mesure"
        action[2] = action[2].replace("Former", "Outiller").replace("formation", "outillage").replace("forme", "outille")
    path = api.build_template(tmp_path / "commune.xlsm", data)
    text = docx_text(generate(KICKOFF, path, tmp_path / "an.docx", force=True, warn=lambda _: None)[0])
    for absent in ("réseau des référents", "Communes membres", "partenaires", "loi REEN", "s’articule",
                   "## Contact", "Comment participer"):
        assert absent not in text, absent
    full = docx_text(generate(KICKOFF, api.build_example(tmp_path / "orvane.xlsm"), tmp_path / "o.docx",
                              force=True, warn=lambda _: None)[0])
    for present in ("réseau des référents", "Communes membres et partenaires : le lancement officiel vous est ouvert ; vos propositions sont les "
                    "bienvenues auprès du contact ci-dessous.", "communes et EPCI de plus de 50 000 habitants",
                    "La feuille de route s’articule avec le PCAET (B1.2, B6.3, B6.4), le SPASER (B2.4)", "## Contact"):
        assert present in full, present


def test_new_templates_pass_the_check_and_old_user_templates_still_render(after_committee, tmp_path):  # noqa: F811
    from nr_xl.documents import template_builder

    assert check_template(template_builder.MINUTES, MINUTES) == []
    assert check_template(template_builder.KICKOFF, KICKOFF) == []
    for kind, name, needle in ((MINUTES, "compte_rendu.docx", "Présidence : Claire Vasseur"),
                               (KICKOFF, "annonce_lancement.docx", "Nos engagements")):
        old = OLD_TEMPLATES / name
        assert check_template(old, kind) == []
        out = generate(kind, after_committee, tmp_path / name, template=old)[0]
        text = docx_text(out)
        assert needle in text and "{{" not in text


def test_each_envelope_is_shown_so_an_overrun_is_not_hidden_by_a_margin():
    from decimal import Decimal

    from nr_xl.core.checks.figures import figures
    from nr_xl.documents.record import budget_by_envelope
    from nr_xl.core.model import BudgetLine, Envelope, Roadmap

    roadmap = Roadmap(
        budget=(BudgetLine(2, "A1", 2028, Decimal(260000), Decimal(0)),
                BudgetLine(3, "A1", 2028, Decimal(0), Decimal(5000), "Mécénat")),
        envelopes=(Envelope(2, 2028, "Enveloppe NR", Decimal(230000), Decimal(50000)),))
    rows = {(r["financement"], r["nature"]): (r["prevu"], r["enveloppe"], r["ecart"], r["situation"])
            for r in budget_by_envelope(figures(roadmap).budget)}
    assert rows[("Enveloppe NR", "investissement")] == ("260\u00a0k€", "230\u00a0k€", "-30\u00a0k€", "dépassée")
    assert rows[("Enveloppe NR", "fonctionnement")][3] == "respectée"
    assert rows[("Mécénat", "fonctionnement")] == ("5\u00a0k€", "aucune", "-5\u00a0k€", "dépassée")


def test_participants_without_organisation_get_no_organisation_column():
    from nr_xl.documents.context import minutes_context
    from nr_xl.core.findings import Report
    from nr_xl.core.model import Participant, Roadmap

    people = (Participant(2, "A", presence="Présent"), Participant(3, "B", presence="Présent"))
    context = minutes_context(Roadmap(participants=people), Report("x", []), [])
    assert context["une_organisation"] and context["organisation_unique"] == ""
    mixed = (Participant(2, "A", organisation="Ville", presence="Présent"), Participant(3, "B", presence="Présent"))
    assert not minutes_context(Roadmap(participants=mixed), Report("x", []), [])["une_organisation"]


@pytest.mark.parametrize("installed, delay, in_time", [
    (31, 30, "non, au-delà du délai"), (30, 30, "oui"), (5, 30, "oui"), (None, 30, "date à fixer"),
    (31, 31, "oui"),
])
def test_the_minutes_say_a_body_is_late_exactly_when_the_check_does(installed, delay, in_time):
    import dataclasses
    import datetime as dt

    from factory import sound

    from nr_xl.core.model import GovernanceBody
    from nr_xl.core.report import check_roadmap
    from nr_xl.documents.context import governance_rows

    base = sound()
    formalised = base.parameters.formalised_on
    day = formalised + dt.timedelta(days=installed) if installed is not None else None
    rm = dataclasses.replace(base, parameters=dataclasses.replace(base.parameters, governance_delay_days=delay),
                             governance=(*base.governance, GovernanceBody(3, "Comité technique", installed_on=day)))
    report = check_roadmap(rm, [], "x.xlsm")
    late = "Comité technique" in {f.key for f in report.findings if f.code == "governance.late_setup"}
    row = next(r for r in governance_rows(rm, report) if r["instance"] == "Comité technique")
    assert row["dans_le_delai"] == in_time and late is (in_time.startswith("non"))


def test_a_body_s_delay_cannot_be_verified_without_a_formalisation_date():
    import dataclasses

    from factory import sound

    from nr_xl.core.report import check_roadmap
    from nr_xl.documents.context import governance_rows

    base = sound()
    rm = dataclasses.replace(base, parameters=dataclasses.replace(base.parameters, formalised_on=None))
    assert [r["dans_le_delai"] for r in governance_rows(rm, check_roadmap(rm, [], "x"))] == ["délai non vérifiable"]
