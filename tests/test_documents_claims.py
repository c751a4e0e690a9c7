"""No document claims more than the workbook records: the announcement only of a roadmap
the committee validated (else refused, or a draft said as such), the same figures as the
check's, the actions that really start, no working note in a published text, every
participant row."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nr_xl import api
from nr_xl.core import fmt, schema
from nr_xl.core.checks import capacity
from nr_xl.core.build import build_roadmap
from nr_xl.core.errors import DocumentRefused
from nr_xl.core.report import check_sheets
from nr_xl.documents.produce import KICKOFF, MINUTES, cautions, context_from_sheets, refusal
from nr_xl.example import load_example
from nr_xl.jobs.documents import generate

from conftest import ROOT
from docs_text import docx_text
from factory import sheets_of

GOLDEN = ROOT / "tests" / "data" / "golden"


def with_parameters(data, **values):
    data = copy.deepcopy(data)
    rows = data["Paramètres"]
    for key, value in values.items():
        row = next((r for r in rows if r[0] == key), None)
        if row is None:
            rows.append([key, value])
        else:
            row[1] = value
    return data


def contexts(data):
    sheets = sheets_of(data)
    return context_from_sheets(MINUTES, sheets, "x.xlsm"), context_from_sheets(KICKOFF, sheets, "x.xlsm")


def row_of(data, sheet, key):
    return next(r for r in data[sheet] if r[0] == key)


# --- The announcement claims only the decision recorded -----------------------------------

@pytest.mark.parametrize("decision, why", [
    (None, "la décision du comité n'est pas encore enregistrée"),
    ("Ajournée", "le comité a ajourné la validation de la feuille de route"),
    ("Validation reportée", "le comité a ajourné la validation de la feuille de route"),
])
def test_the_announcement_of_a_roadmap_not_validated_is_refused(tmp_path, decision, why):
    data = load_example() if decision is None else with_parameters(load_example(), **{"Décision du comité": decision})
    path = api.build_template(tmp_path / "orvane.xlsm", data)
    with pytest.raises(DocumentRefused) as err:
        generate(KICKOFF, path, tmp_path / "annonce.docx")
    assert why in err.value.message and "--force" in err.value.message
    assert not (tmp_path / "annonce.docx").exists()
    assert err.value.exit_code == 1


def test_the_refusal_reads_as_its_golden():
    _, kickoff = contexts(with_parameters(load_example(), **{"Décision du comité": "Ajournée"}))
    expected = (GOLDEN / "refus_annonce.txt").read_text(encoding="utf-8").strip()
    assert refusal(KICKOFF, kickoff) == expected


def test_a_forced_announcement_is_a_draft_said_on_every_page(tmp_path):
    path = api.build_template(tmp_path / "orvane.xlsm", with_parameters(load_example(),
                                                                       **{"Décision du comité": "Ajournée"}))
    heard: list[str] = []
    (written,) = generate(KICKOFF, path, tmp_path / "projet.docx", force=True, warn=heard.append)
    text = docx_text(written)
    assert text.startswith("# PROJET — Communauté d’agglomération de la Vallée de l’Orvane lance")
    assert "PROJET — non validée : le comité de pilotage n’a pas validé la feuille de route." in text
    assert "a ajourné la validation de la feuille de route" in text and "Elle engage" not in text
    assert any("PROJET — non validée" in h for h in heard)


def test_the_announcement_with_reservations_reads_as_its_golden(tmp_path):
    data = with_parameters(load_example(), **{"Décision du comité": "Validée sous réserve",
                                              "Réserves": "Chiffrer le renfort de la DSI avant le conseil"})
    # The bureau and the council met before the launch, and the secretariat recorded it.
    row_of(data, "Validation", "Bureau communautaire")[3] = "Tenue"
    row_of(data, "Validation", "Conseil communautaire")[3] = "Validée"
    path = api.build_template(tmp_path / "orvane.xlsm", data)
    heard: list[str] = []
    (written,) = generate(KICKOFF, path, tmp_path / "annonce.docx", warn=heard.append)
    text = docx_text(written)
    golden = GOLDEN / "annonce_sous_reserve.txt"
    import os

    if os.environ.get("NR_XL_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
        pytest.fail(f"golden rewritten ({golden}), review the git diff", pytrace=False)
    assert text == golden.read_text(encoding="utf-8")
    assert "sous réserve de ce qui suit : chiffrer le renfort de la DSI avant le conseil" in text
    assert "PROJET" not in text and heard == []  # validated, figures complete: nothing to warn of


def test_documents_warn_when_the_roadmap_blocks_and_nothing_is_decided():
    minutes, kickoff = contexts(load_example())
    (said,) = cautions(MINUTES, minutes)
    assert said == ("Attention : la feuille de route a 3 point(s) bloquant(s) et aucune décision du comité n'est "
                    "enregistrée ; le document dit que la décision est en attente.")
    assert minutes["releve"][0]["texte"] == "La décision du comité sur la feuille de route est en attente."
    assert "Contrôles" not in minutes["releve"][0]["texte"] and "Paramètres" not in minutes["releve"][0]["texte"]
    # The same, « à ne pas diffuser », and the bodies met before the launch with no status recorded.
    said = cautions(KICKOFF, kickoff)
    assert len(said) == 3 and said[0] == cautions(MINUTES, minutes)[0]
    assert "statut à confirmer" in said[1] and "à ne pas diffuser" in said[2]


def test_documents_warn_of_cells_to_correct():
    data = load_example()
    row_of(data, "Budget", "B3.1")[2] = "beaucoup"
    minutes, _ = contexts(with_parameters(data, **{"Décision du comité": "Validée"}))
    assert cautions(MINUTES, minutes) == [
        "Attention : 1 cellule(s) du classeur sont à corriger (feuille « Contrôles ») ; le document laisse de "
        "côté ce qu'elles devaient dire."]


# --- One source of figures -------------------------------------------------------------------

def messy_budget(data, abandoned: list[str], total_row: bool):
    data = copy.deepcopy(data)
    for action in data["Feuille de route"]:
        if action[0] in abandoned:
            action[7] = schema.ACTION_ABANDONED
    if total_row:
        inv = sum(r[2] or 0 for r in data["Budget"])
        op = sum(r[3] or 0 for r in data["Budget"])
        data["Budget"].append(["TOTAL", None, inv, op, None])
    return data


ACTION_IDS = [r[0] for r in load_example()["Feuille de route"]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(abandoned=st.lists(st.sampled_from(ACTION_IDS), max_size=6, unique=True), total_row=st.booleans())
def test_the_documents_totals_are_the_reports_figures(abandoned, total_row):
    """Abandoned actions and a hand-typed TOTAL row change the sums: the documents follow
    the check's figures (the JSON report's) and nothing else."""
    data = messy_budget(load_example(), abandoned, total_row)
    sheets = sheets_of(data)
    report = check_sheets(sheets, "x.xlsm")
    planned = [Decimal(str(f["planned"])) for f in report.to_dict()["figures"]["budget"]]
    minutes, kickoff = contexts(data)
    for context in (minutes, kickoff):
        assert context["budget_total"] == fmt.euros(sum(planned, Decimal(0)))
        assert sum(r["prevu_nombre"] for r in context["budget_annees"]) == pytest.approx(float(sum(planned)))
        assert sum(a["budget_nombre"] for a in context["axes"]) == pytest.approx(float(sum(planned)))
        live = [a for a in data["Feuille de route"] if a[0] not in abandoned]
        assert context["nb_actions"] == fmt.plural(len(live), "action")
        assert {a["id"] for a in context["premieres_actions"]}.isdisjoint(abandoned)
    roadmap, _ = build_roadmap(sheets)
    assert minutes["charge_totale"] == fmt.days(sum((w.days for w in capacity.counted(roadmap)), Decimal(0)))
    assert [(r["annee"], r["prevu"]) for r in minutes["budget_enveloppes"]] == [
        (str(f.year), fmt.keuros(Decimal(str(f.planned)))) for f in report.figures.budget][:len(minutes["budget_enveloppes"])]


# --- What the announcement publishes ----------------------------------------------------------

def test_first_actions_start_soon_and_are_neither_finished_nor_abandoned():
    data = load_example()
    row_of(data, "Feuille de route", "B1.1")[7] = schema.ACTION_DONE
    row_of(data, "Feuille de route", "B1.3")[7] = schema.ACTION_ABANDONED
    _, kickoff = contexts(with_parameters(data, **{"Décision du comité": "Validée"}))
    shown = {a["id"] for a in kickoff["premieres_actions"]}
    assert shown and not shown & {"B1.1", "B1.3"}
    launch = dt.date(2027, 2, 4)  # the example's Lancement officiel: 2027-T1
    starts = {a["trimestre"] for a in kickoff["premieres_actions"]}
    assert all(s >= f"{launch.year}-T1" for s in starts) and len(starts) <= 2


def test_a_working_note_is_left_out_of_the_announcement_only():
    data = with_parameters(load_example(), **{"Décision du comité": "Validée",
                                              "Ambition": "Un numérique sobre (à reformuler avec la VP ?)"})
    first = row_of(data, "Feuille de route", "B1.1")
    first[2] = "Installer la gouvernance (qui préside le COTECH ?)"
    minutes, kickoff = contexts(data)
    assert kickoff["ambition"] == "" and "reformuler" in minutes["ambition"]
    assert "B1.1" not in {a["id"] for a in kickoff["premieres_actions"]}
    _, clean = contexts(with_parameters(load_example(), **{"Décision du comité": "Validée"}))
    assert "B1.1" in {a["id"] for a in clean["premieres_actions"]}


def test_every_participant_row_counts():
    data = load_example()
    row_of(data, "Participants", "Claire Vasseur")[3] = "représentée par Marc Blanc"
    row_of(data, "Participants", "Thomas Girard")[3] = "x"
    row_of(data, "Participants", "Élodie Marchand")[3] = None
    minutes, _ = contexts(data)
    rows = {r["nom"]: r["fonction"] for r in minutes["presents"]}
    assert rows["Marc Blanc"].startswith("pour Claire Vasseur, vice-présidente") or \
        rows["Marc Blanc"].startswith("pour Claire Vasseur, Vice-présidente")
    assert "Thomas Girard" in rows
    assert minutes["presence_inconnue"].startswith("Élodie Marchand")
    assert "Claire Vasseur" in minutes["diffusion"] and "Élodie Marchand" in minutes["diffusion"]
