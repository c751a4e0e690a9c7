"""Renders the Word documents: the only module that imports docxtpl, python-docx
and matplotlib (all loaded only when a document is generated)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nr_xl.core import schema
from nr_xl.core import fmt
from nr_xl.core.errors import FileRefused, OutputError
from nr_xl.documents.typography import ORDINAL_SUFFIX, french, superscript_pieces
from nr_xl.workbook.publish import publish


class TemplateError(FileRefused):
    """A user-edited template that cannot be rendered."""


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt: str  # the figures in words, for screen readers (RGAA)
    title: str


# A chart is read at a glance: beyond this many bars, the rest becomes one more bar.
MAX_BARS = 12
Bars = list[tuple[str, float, float]]


def capped(rows: Bars, others: str, mean: bool) -> tuple[Bars, int]:
    """The first ``MAX_BARS`` rows (callers give them most important first), then
    one « autres » bar for the rest: their mean when bars are per item (a sum of
    a thousand services would flatten every other bar), else their sum. Returns
    the bars and how many rows the last bar gathers (0 when nothing is gathered)."""
    from nr_xl.documents.printable import printable

    # No control character drawn, and a label cut to what a chart shows at a glance (a
    # 32,000-character service name would leave no room for the bars).
    rows = [(_label(printable(label)), first, second) for label, first, second in rows]
    if len(rows) <= MAX_BARS + 1:  # one row is drawn as itself, not as « 1 autre »
        return rows, 0
    shown, rest = rows[:MAX_BARS], rows[MAX_BARS:]
    first = sum(r[1] for r in rest)
    second = sum(r[2] for r in rest)
    if mean:
        first, second = first / len(rest), second / len(rest)
    return [*shown, (others.format(n=fmt.number(len(rest), 0)), first, second)], len(rest)


MAX_LABEL = 40


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1].rstrip() + "…"


def budget_chart(rows: Bars) -> Chart:
    """Planned spending against envelopes per year; patterns as well as colours."""
    rows, _ = capped(rows, "{n} autres années", mean=False)
    fig, ax = _figure((6.3, 2.8))
    xs = range(len(rows))
    planned = [r[1] / 1000 for r in rows]
    envelope = [r[2] / 1000 for r in rows]
    ax.bar([x - 0.2 for x in xs], planned, width=0.4, label="Prévu", color="#1F4E3D")
    ax.bar([x + 0.2 for x in xs], envelope, width=0.4, label=schema.ENVELOPES.sheet, color="#A9D18E",
           hatch="//", edgecolor="#385723")
    for x, (p, e) in enumerate(zip(planned, envelope)):
        ax.annotate(fmt.number(p), (x - 0.2, p), ha="center", va="bottom", fontsize=7)
        ax.annotate(fmt.number(e), (x + 0.2, e), ha="center", va="bottom", fontsize=7)
    ax.set_xticks(list(xs), [r[0] for r in rows])
    ax.set_ylabel("k€")
    ax.set_title("Budget prévu et enveloppes par année (k€)", fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    _tidy(ax)
    alt = "Graphique en barres du budget prévu et des enveloppes par année : " + " ; ".join(
        f"{r[0]} : prévu {fmt.keuros(r[1])}, enveloppes {fmt.keuros(r[2])}" for r in rows) + "."
    return Chart(_png(fig), alt, "Budget prévu et enveloppes par année")


def workload_chart(rows: Bars) -> Chart:
    """Peak-quarter load against quarterly capacity per service, the most loaded
    first; beyond ``MAX_BARS``, the mean of the other services."""
    rows, gathered = capped(rows, "Moyenne des {n} autres services", mean=True)
    fig, ax = _figure((6.3, 0.45 * max(len(rows), 2) + 1))
    ys = range(len(rows))
    ax.barh([y + 0.2 for y in ys], [r[1] for r in rows], height=0.4, label="Charge au trimestre de pointe",
            color="#1F4E3D")
    ax.barh([y - 0.2 for y in ys], [r[2] for r in rows], height=0.4, label="Capacité trimestrielle",
            color="#A9D18E", hatch="//", edgecolor="#385723")
    ax.set_yticks(list(ys), [r[0] for r in rows])
    ax.invert_yaxis()
    ax.set_xlabel("jours-homme")
    ax.set_title("Charge au trimestre le plus chargé et capacité, par service", fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    _tidy(ax)
    alt = "Graphique en barres de la charge au trimestre le plus chargé et de la capacité de chaque service : " + \
        " ; ".join(f"{r[0]} : charge {fmt.days(r[1])} pour une capacité de {fmt.days(r[2])}" for r in rows) + "." \
        + (f" La dernière barre est la moyenne des {fmt.number(gathered, 0)} autres services." if gathered else "")
    return Chart(_png(fig), alt, "Charge et capacité par service")


def before_after_chart(rows: Bars) -> Chart:
    """The budget of the reference beside today's, per year."""
    fig, ax = _figure((6.3, 2.8))
    xs = range(len(rows))
    before = [r[1] / 1000 for r in rows]
    after = [r[2] / 1000 for r in rows]
    ax.bar([x - 0.2 for x in xs], before, width=0.4, label="Version de référence", color="#A9D18E", hatch="//",
           edgecolor="#385723")
    ax.bar([x + 0.2 for x in xs], after, width=0.4, label="Aujourd'hui", color="#1F4E3D")
    for x, (b, a) in enumerate(zip(before, after)):
        ax.annotate(fmt.number(b), (x - 0.2, b), ha="center", va="bottom", fontsize=7)
        ax.annotate(fmt.number(a), (x + 0.2, a), ha="center", va="bottom", fontsize=7)
    ax.set_xticks(list(xs), [r[0] for r in rows])
    ax.set_ylabel("k€")
    ax.set_title("Budget prévu par année : référence et aujourd'hui (k€)", fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    _tidy(ax)
    alt = "Graphique en barres du budget prévu par année, version de référence et aujourd'hui : " + " ; ".join(
        f"{r[0]} : référence {fmt.keuros(r[1])}, aujourd'hui {fmt.keuros(r[2])}" for r in rows) + "."
    return Chart(_png(fig), alt, "Budget prévu par année, référence et aujourd'hui")


def _figure(size: tuple[float, float]):
    # The object API without pyplot: no GUI backend to load, no global state.
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=150)
    return fig, fig.subplots()


def _tidy(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)


def _png(fig) -> bytes:
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # A service named with a character the font lacks (an emoji) is drawn as a box, and
        # labels too long for the margins are drawn without tight layout: matplotlib's English
        # warnings about them are no message for the user.
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        warnings.filterwarnings("ignore", message="Tight layout not applied", category=UserWarning)
        fig.tight_layout()
        # Fixed metadata: the same figures give the same picture.
        fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def render(template: Path, context: dict[str, Any], out: Path, charts: dict[str, Chart] | None = None,
           properties: dict[str, Any] | None = None, replace: bool = False) -> Path:
    """Render ``template`` with ``context`` into ``out``, or « out (2) » if a file is there by then
    (``replace``: over it); written whole (workbook/publish.py). Returns where it went."""
    doc = fill(template, context, charts)
    docx = doc.docx if hasattr(doc, "docx") else doc
    _accessibility(docx, charts or {}, properties or {})
    superscript_ordinals(docx)
    return publish(out, lambda tmp: docx.save(str(tmp)), replace=replace)


def fill(template: Path, context: dict[str, Any], charts: dict[str, Chart] | None = None) -> Any:
    """The DocxTemplate of ``template`` filled with ``context``, under the sandbox's budget;
    TemplateError (French) for a template that cannot be filled."""
    from docx.opc.exceptions import PackageNotFoundError
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateSyntaxError, Undefined
    from jinja2.exceptions import SecurityError, UndefinedError

    from nr_xl.documents.printable import printable_tree

    check_template_package(template)
    try:
        doc = DocxTemplate(str(template))
        # Every text that reaches the document in French typography (typography.french), and
        # none with a character a document cannot hold.
        full = printable_tree(typeset(dict(context)))
        for name, chart in (charts or {}).items():
            full[name] = InlineImage(doc, io.BytesIO(chart.png), width=Mm(160))
        logo = context.get("logo_image")
        full["logo"] = InlineImage(doc, str(logo), height=Mm(14)) if logo else ""
        # autoescape: user text with < or & stays text; values are never re-evaluated as templates.
        doc.render(full, autoescape=True, jinja_env=_environment(Undefined))
    except TemplateSyntaxError as exc:
        raise TemplateError(syntax_message(template, exc)) from exc
    except (SecurityError, OverflowError, MemoryError, RecursionError, PackageNotFoundError) as exc:
        raise TemplateError(refused(template, _why(exc))) from exc
    except (KeyError, ValueError, TypeError, ArithmeticError, IndexError, AttributeError, UndefinedError) as exc:
        # A tag that fails on the values it meets: a division by zero, a text taken for a number.
        raise TemplateError(f"Le modèle « {template.name} » n'a pas pu être rempli : {_failure(exc)}. "
                            "Vérifiez ses balises avec « nr-xl template-check ».") from exc
    return doc


def _failure(exc: BaseException) -> str:
    if isinstance(exc, ZeroDivisionError):
        return "une balise divise par zéro"
    if isinstance(exc, ArithmeticError):
        return "un calcul d'une balise déborde"
    if isinstance(exc, (TypeError, ValueError)):
        return "une balise applique une opération à une valeur qui ne s'y prête pas (un texte pris pour un nombre ?)"
    if isinstance(exc, (KeyError, IndexError)):
        return "une balise demande un élément qui n'existe pas"
    return "une balise demande une variable ou un attribut qui n'existe pas"


# A template is a Word document someone else may have edited: it gets the limits of a
# workbook, scaled to what a two-page document needs.
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_TEMPLATE_UNCOMPRESSED = 200 * 1024 * 1024


def refused(template: Path, why: str) -> str:
    return (f"Modèle refusé : « {template.name} » {why}. Repartez du modèle fourni "
            "(supprimez-le du dossier « modeles/ » ou retirez --template), puis vérifiez vos modifications "
            "avec « nr-xl template-check ».")


def _why(exc: BaseException) -> str:
    from jinja2.exceptions import SecurityError

    if isinstance(exc, SecurityError):
        return f"contient une expression interdite ({_security_words(exc)})"
    if isinstance(exc, (OverflowError, MemoryError, RecursionError)):
        return "contient un calcul démesuré"
    return "n'est pas un document Word (.docx) lisible"


def _security_words(exc: BaseException) -> str:
    """What the sandbox refused, in French (Jinja's own words are English)."""
    from nr_xl.documents.sandbox import TooCostly

    if isinstance(exc, TooCostly):
        return f"calcul démesuré : {exc}"
    text = str(exc)
    if "range too big" in text:
        return "intervalle trop grand"
    return "accès à l'intérieur de Python"


def check_template_package(template: Path) -> None:
    """Size limits before anything unzips or parses the template (a 2 MB file can inflate to 2 GB)."""
    import zipfile

    if not template.is_file():
        raise TemplateError(f"Le modèle « {template} » est introuvable.")
    size = template.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(refused(template, f"pèse {size // (1024 * 1024)} Mo (limite : "
                                              f"{MAX_TEMPLATE_BYTES // (1024 * 1024)} Mo)"))
    try:
        with zipfile.ZipFile(template) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        raise TemplateError(refused(template, "n'est pas un document Word (.docx) lisible")) from None
    total = sum(i.file_size for i in infos)
    if total > MAX_TEMPLATE_UNCOMPRESSED or any(
            i.file_size > 10 * 1024 * 1024 and i.file_size > 200 * max(i.compress_size, 1) for i in infos):
        raise TemplateError(refused(template, f"se décompresse en {total // (1024 * 1024)} Mo "
                                              "(taux anormal, fichier piégé ou corrompu)"))
    if "word/document.xml" not in {i.filename for i in infos}:
        raise TemplateError(refused(template, "n'est pas un document Word (pas de word/document.xml)"))


def _environment(undefined):
    """A user-edited template cannot reach Python internals, nor hold the machine with its
    loops, widths and texts (``sandbox.py``)."""
    from nr_xl.documents.sandbox import BudgetedSandbox

    return BudgetedSandbox(undefined=undefined, autoescape=True)


def _accessibility(docx, charts: dict[str, Chart], properties: dict[str, Any]) -> None:
    """Alt text on every picture; title, subject, author (the collectivité, who
    signs the document) and language (RGAA for office documents)."""
    from docx.oxml.ns import qn

    alts = [c for c in charts.values()]
    pictures = docx.element.body.findall(".//" + qn("wp:docPr"))
    for index, doc_pr in enumerate(pictures):
        chart = alts[index] if index < len(alts) else None
        if chart is not None:
            doc_pr.set("descr", french(chart.alt))  # read aloud: the same typography as the text
            doc_pr.set("title", french(chart.title))
        elif not doc_pr.get("descr"):
            doc_pr.set("descr", "Image")
    from nr_xl.documents.printable import property_text

    core = docx.core_properties
    for name in ("title", "subject", "author"):
        if properties.get(name):
            setattr(core, name, property_text(properties[name]))
    if properties.get("author"):
        core.last_modified_by = property_text(properties["author"])
    core.language = "fr-FR"
    # Dated from the data (the committee, the launch), not the clock nor the template's making.
    dated = properties.get("date")
    if dated:
        stamp = dt.datetime(dated.year, dated.month, dated.day, 9, 0)
        core.created = core.modified = stamp
        core.revision = 1


def typeset(value: Any) -> Any:
    """``value`` with French typography on every text it holds (dicts and lists walked):
    what the documents print, never a date or a number."""
    if isinstance(value, str):
        return french(value)
    if isinstance(value, dict):
        return {k: typeset(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typeset(v) for v in value]
    return value


_AFTER_VERT_ALIGN = frozenset(
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name
    for name in ("rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"))


def superscript_ordinals(docx) -> None:
    """« 2e », « 1er », « 1re » with the suffix set in superscript, as French administrative
    documents print them: each run holding one is cut into runs of the same formatting."""
    import copy

    from docx.oxml.ns import qn

    parts = [docx.element.body] + [s.header._element for s in docx.sections] + \
        [s.footer._element for s in docx.sections]
    for root in parts:
        for text in list(root.iter(qn("w:t"))):
            run = text.getparent()
            if run.tag != qn("w:r") or not text.text or not ORDINAL_SUFFIX.search(text.text):
                continue
            if len([c for c in run if c.tag != qn("w:rPr")]) != 1:
                continue  # a run with a tab or a break beside its text: left as it is
            for piece, superscript in superscript_pieces(text.text):
                new = copy.deepcopy(run)
                new.find(qn("w:t")).text = piece
                new.find(qn("w:t")).set(qn("xml:space"), "preserve")
                if superscript:
                    rpr = new.find(qn("w:rPr"))
                    if rpr is None:
                        rpr = new.makeelement(qn("w:rPr"), {})
                        new.insert(0, rpr)
                    align = rpr.makeelement(qn("w:vertAlign"), {qn("w:val"): "superscript"})
                    # Word reads rPr's children in the schema's order: vertAlign before these.
                    after = next((c for c in rpr if c.tag in _AFTER_VERT_ALIGN), None)
                    if after is not None:
                        after.addprevious(align)
                    else:
                        rpr.append(align)
                run.addprevious(new)
            run.getparent().remove(run)


def syntax_message(template: Path, exc: Exception) -> str:
    line = getattr(exc, "lineno", None)
    hint = ("Word a peut-être coupé une balise ou remplacé ses guillemets : retapez-la d'un bloc, sans "
            "mise en forme au milieu, avec des accolades {{ }} et {% %} complètes.")
    return (f"Le modèle « {template.name} » contient une balise invalide"
            + (f" (vers la ligne {line})" if line else "") + f" : {exc}. {hint}")


def to_pdf(docx: Path) -> Path:
    """Convert with LibreOffice; a clear message when it is not installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise OutputError(
            f"Le document Word est prêt ({docx}), mais le PDF demande LibreOffice, introuvable sur cette "
            "machine. Installez-le (Debian/Ubuntu : sudo apt-get install libreoffice-writer-nogui ; "
            "Windows et macOS : libreoffice.org), ou enregistrez le document en PDF depuis Word."
        )
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(docx.parent), str(docx)],
            capture_output=True, text=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    if result.returncode != 0 or not pdf.exists():
        raise OutputError(f"Le PDF de « {docx.name} » n'a pas pu être écrit : {pdf_failure(docx.parent)}. "
                          "Le document Word est prêt.")
    return pdf


# Below this, a PDF of a few pages may not fit: the likeliest reason LibreOffice wrote none.
LOW_SPACE = 1024 * 1024


def pdf_failure(folder: Path) -> str:
    """Why LibreOffice wrote no PDF, in French: its own words are English, and as often about
    Java or its profile as about the file, so they are never shown."""
    import os

    try:
        if shutil.disk_usage(folder).free < LOW_SPACE:
            return (f"il reste moins de 1 Mo sur le disque de « {folder} » (disque plein, ou votre quota "
                    "d'espace est atteint)")
    except OSError:
        pass
    if not os.access(folder, os.W_OK):
        return f"le dossier « {folder} » n'accepte pas l'écriture (lecture seule, ou droits insuffisants)"
    return "LibreOffice n'a pas pu le produire (relancez ; s'il échoue encore, enregistrez le PDF depuis Word ou PowerPoint)"


def safe_filename(text: str, default: str = "document") -> str:
    """A file name from cell text: no path separators, no traversal, no reserved characters."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")
    return cleaned[:80] or default
