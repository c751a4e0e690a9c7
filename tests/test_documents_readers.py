"""Documents a secretariat sends as they are: a two-page relevé and its numbered annexes,
French typography on every text, nothing addressed to the tool's user, the logo given,
the diffusion complete, every event worded from the document's date."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import pytest

from nr_xl import api
from nr_xl.core import schema
from nr_xl.documents.produce import KICKOFF, MINUTES
from nr_xl.example import load_example
from nr_xl.jobs.documents import generate

from docs_text import docx_text
from test_documents import after_committee  # noqa: F401 (the fixture)

SHEETS = [t.sheet for t in schema.ALL_TABLES] + [schema.SUMMARY_SHEET.name, schema.README_SHEET.name]


def written(data, tmp_path: Path, kind=MINUTES, **options) -> tuple[Path, list[str]]:
    path = api.build_template(tmp_path / "orvane.xlsm", data)
    heard: list[str] = []
    (out,) = generate(kind, path, tmp_path / f"{kind.name}.docx", warn=heard.append, force=True, **options)
    return out, heard


def with_parameters(data, **values):
    data = copy.deepcopy(data)
    for key, value in values.items():
        row = next((r for r in data["Paramètres"] if r[0] == key), None)
        if row is None:
            data["Paramètres"].append([key, value])
        else:
            row[1] = value
    return data


@pytest.fixture(scope="module")
def documents(after_committee, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("lus")
    minutes = generate(MINUTES, after_committee, folder / "cr.docx")[0]
    kickoff = generate(KICKOFF, after_committee, folder / "an.docx")[0]
    return {"minutes": minutes, "kickoff": kickoff}


# --- Nothing addressed to the tool's user ----------------------------------------------------

@pytest.mark.parametrize("which", ["minutes", "kickoff"])
def test_no_command_sheet_or_cell_in_a_document(documents, which):
    text = docx_text(documents[which])
    assert "nr-xl" not in text and " --" not in text and "classeur" not in text.casefold()
    assert not re.search(r"\b(feuille|onglet|cellule|colonne) «", text)
    assert not re.search(r"[A-Z][\wéèà ]*![A-Z]{1,3}\d", text)  # « Budget!C7 »
    quoted = set(re.findall(r"« ([^«»]+) »", text))
    assert not quoted & set(SHEETS), quoted & set(SHEETS)


# --- French typography on every text -----------------------------------------------------------

SPACE_BEFORE_SIGN = re.compile(r"(?<=\w) [:;!?](?=\s|$)")


@pytest.mark.parametrize("which", ["minutes", "kickoff"])
def test_french_typography_on_every_text(documents, which):
    text = docx_text(documents[which], exact=True)
    assert not SPACE_BEFORE_SIGN.search(text), SPACE_BEFORE_SIGN.findall(text)[:5]
    assert "« " not in text and " »" not in text  # inside guillemets: a no-break space, never a break
    assert not re.search(r"\d [€%]", text)  # « 25 % », « 12 € »: a no-break space before
    assert not re.search(r"\b\d+(?:ème|ième|ère)\b", text)
    with zipfile.ZipFile(documents[which]) as z:
        body = z.read("word/document.xml").decode()
    if which == "minutes":  # « 2e trimestre 2029 » in the decisions: the suffix in superscript
        assert re.search(r'<w:vertAlign w:val="superscript"/></w:rPr><w:t[^>]*>e</w:t>', body)


# --- The relevé and its annexes ----------------------------------------------------------------

def test_the_releve_comes_first_and_the_annexes_are_numbered(documents):
    lines = docx_text(documents["minutes"]).splitlines()
    annexes = [line for line in lines if line.startswith("## Annexe ")]
    assert annexes == ["## Annexe 1 — La feuille de route en chiffres", "## Annexe 2 — Les ajustements en détail",
                       "## Annexe 3 — La revue de faisabilité", "## Annexe 4 — Les indicateurs de suivi",
                       "## Annexe 5 — Les risques critiques et les facteurs clés de succès",
                       "## Annexe 6 — Les prochaines étapes"]
    releve = lines[:lines.index(annexes[0])]
    numbers = [int(m.group(1)) for line in releve for m in [re.match(r"Décision n° (\d+)\. ", line)] if m]
    assert numbers == list(range(1, 8))
    # Séance order: the four adjustments, the decision on the roadmap, then those typed in « Décisions ».
    assert releve[[i for i, line in enumerate(releve) if line.startswith("Décision n° 5.")][0]].startswith(
        "Décision n° 5. Le comité valide la feuille de route")
    assert "Décision n° 6. Présenter la feuille de route au bureau communautaire du 15 décembre 2026. Pilotage : " \
           "Léa Fontaine. Échéance : 15 décembre 2026." in releve


def test_without_annexes_the_releve_stands_alone(after_committee, tmp_path):  # noqa: F811
    (out,) = generate(MINUTES, after_committee, tmp_path / "seul.docx", annexes=False)
    text = docx_text(out)
    assert "Annexe" not in text and "annexe" not in text
    assert "Décision n° 1. Étaler la rénovation de la salle serveur" in text and "Empreinte du journal" in text


def test_annexes_left_out_by_the_parameter(tmp_path):
    out, _ = written(with_parameters(load_example(), **{"Annexes du compte rendu": "Non"}), tmp_path)
    assert "Annexe" not in docx_text(out)


@pytest.mark.slow
def test_the_releve_fits_on_two_pages_as_libreoffice_prints_it(documents, tmp_path):
    """Rendered to PDF: the first annex starts on page 3 at the latest."""
    import shutil
    import subprocess

    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice and poppler-utils render the document (.ci/run installs them)")
    from nr_xl.documents.render import to_pdf

    pdf = to_pdf(shutil.copy(documents["minutes"], tmp_path / "cr.docx"))
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    first_annex = next(n for n, page in enumerate(pages, start=1) if "Annexe 1 —" in page)
    assert first_annex <= 3 and "Relevé de décisions" in "".join(pages[:2])
    kickoff = to_pdf(shutil.copy(documents["kickoff"], tmp_path / "an.docx"))
    assert 1 <= len(subprocess.run(["pdftotext", str(kickoff), "-"], capture_output=True, text=True,
                                   check=True).stdout.rstrip("\f").split("\f")) <= 2


# --- Header and logo ---------------------------------------------------------------------------

def _png(tmp_path: Path, size=(300, 100)) -> Path:
    from PIL import Image

    image = Image.new("RGB", size, "navy")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path = tmp_path / "logo.png"
    path.write_bytes(buffer.getvalue())
    return path


def _header(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if re.match(r"word/header\d*\.xml", n))


def test_the_logo_given_is_in_every_header(tmp_path):
    _png(tmp_path)
    out, heard = written(with_parameters(load_example(), Logo="logo.png"), tmp_path)  # beside the workbook
    assert "<w:drawing" in _header(out) and not [h for h in heard if "Logo" in h]


@pytest.mark.parametrize("content, why", [(b"not an image", "n'est pas une image PNG ou JPEG"),
                                          (None, "est introuvable")])
def test_a_bad_logo_is_left_out_and_said(tmp_path, content, why):
    if content is not None:
        (tmp_path / "logo.png").write_bytes(content)
    out, heard = written(with_parameters(load_example(), Logo="logo.png"), tmp_path)
    assert "<w:drawing" not in _header(out)
    assert any(h.startswith("Logo laissé de côté : « logo.png » " + why) for h in heard)


# --- Diffusion and time ------------------------------------------------------------------------

def test_the_diffusion_is_every_member_and_the_list_given_each_once(tmp_path):
    data = with_parameters(load_example(), Diffusion="Direction générale des services ; Hugo Lambert, Préfecture")
    out, _ = written(data, tmp_path)
    line = next(line for line in docx_text(out).splitlines() if line.startswith("Diffusion : "))
    names = line.removeprefix("Diffusion : ").split(", ")
    assert "Hugo Lambert" in names and "Nadia Perrot" in names  # absent, excused: they receive it too
    assert names.count("Hugo Lambert") == 1 and names[-2:] == ["Direction générale des services", "Préfecture"]


def test_every_event_is_worded_from_the_documents_date(tmp_path):
    data = with_parameters(load_example(), **{"Décision du comité": "Validée"})
    out, heard = written(data, tmp_path, kind=KICKOFF)  # dated at the launch, 4 February 2027
    text = docx_text(out)
    assert "Le bureau communautaire devait examiner la feuille de route le 15 décembre 2026 ; statut à confirmer." \
        in text
    assert any("2 instance(s) de validation" in h for h in heard)
    for row in data["Validation"]:
        if row[0] == "Conseil communautaire":
            row[3] = "Validée"
    later = tmp_path / "apres"
    later.mkdir()
    minutes, _ = written(data, later)
    # Dated on the committee's day: the council's deliberation of January is still to come.
    assert "Le conseil communautaire délibérera le 28 janvier 2027." in docx_text(minutes)


def test_the_budget_says_what_rests_on_envelopes_not_yet_voted(tmp_path):
    out, _ = written(with_parameters(load_example(), **{"Décision du comité": "Validée"}), tmp_path, kind=KICKOFF)
    text = docx_text(out)
    assert re.search(r"775 500 € sur la période, dont 480 000 € d’investissement et 295 500 € de fonctionnement, "
                     r"dont 188 000 € \(24 %\) reposent sur des enveloppes qui restent à voter\.", text), text
    assert "k€" not in text  # full amounts in a public text


def test_what_another_body_did_since_is_no_adjustment_and_not_known_on_the_committees_day(tmp_path):
    """The demo's path: validated, then the bureau met and the council adopted (recorded in
    « Validation »). The minutes, dated on the committee's day, list no « adjustment » for it
    and say these bodies are still to come."""
    from nr_xl.example.committee import AFTER_COMMITTEE, COMMITTEE_ADJUSTMENTS
    from nr_xl.workbook.edit import apply_edits

    path = api.build_example(tmp_path / "orvane.xlsm")
    api.snapshot(path)
    for reason, edits in COMMITTEE_ADJUSTMENTS:
        apply_edits(path, edits)
        api.log(path, reason=reason)
    api.validate(path)
    apply_edits(path, AFTER_COMMITTEE)
    (out,) = generate(MINUTES, path, tmp_path / "cr.docx", warn=lambda _: None)
    text = docx_text(out)
    assert "sans motif" not in text and "Décision n° 5. Le comité valide la feuille de route" in text
    assert "| Conseil communautaire | Délibération d’adoption de la stratégie et du plan d’inclusion numérique | " \
           "28 janvier 2027 | Prévue |" in text
