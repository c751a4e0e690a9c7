"""Renders the Word documents: the only module that imports docxtpl, python-docx
and matplotlib (all loaded only when a document is generated)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nr_xl import fmt
from nr_xl.errors import NrXlError


class TemplateError(NrXlError):
    """A user-edited template that cannot be rendered."""


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt: str  # the figures in words, for screen readers (RGAA)
    title: str


def budget_chart(rows: list[tuple[str, float, float]]) -> Chart:
    """Planned spending against envelopes per year; patterns as well as colours."""
    fig, ax = _figure((6.3, 2.8))
    xs = range(len(rows))
    planned = [r[1] / 1000 for r in rows]
    envelope = [r[2] / 1000 for r in rows]
    ax.bar([x - 0.2 for x in xs], planned, width=0.4, label="Prévu", color="#1F4E3D")
    ax.bar([x + 0.2 for x in xs], envelope, width=0.4, label="Enveloppes", color="#A9D18E",
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


def workload_chart(rows: list[tuple[str, float, float]]) -> Chart:
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
        " ; ".join(f"{r[0]} : charge {fmt.days(r[1])} pour une capacité de {fmt.days(r[2])}" for r in rows) + "."
    return Chart(_png(fig), alt, "Charge et capacité par service")


def _figure(size: tuple[float, float]):  # type: ignore[no-untyped-def]
    # The object API without pyplot: no GUI backend to load, no global state.
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=150)
    return fig, fig.subplots()


def _tidy(ax) -> None:  # type: ignore[no-untyped-def]
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)


def _png(fig) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    fig.tight_layout()
    # Fixed metadata: the same figures give the same picture.
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def render(template: Path, context: dict[str, Any], out: Path, charts: dict[str, Chart] | None = None,
           properties: dict[str, str] | None = None) -> Path:
    """Render ``template`` with ``context`` into ``out`` (written atomically)."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateSyntaxError, Undefined

    try:
        doc = DocxTemplate(str(template))
        full = dict(context)
        for name, chart in (charts or {}).items():
            full[name] = InlineImage(doc, io.BytesIO(chart.png), width=Mm(160))
        # autoescape: user text with < or & stays text; values are never re-evaluated as templates.
        doc.render(full, autoescape=True, jinja_env=_environment(Undefined))
    except TemplateSyntaxError as exc:
        raise TemplateError(syntax_message(template, exc)) from exc
    except (KeyError, ValueError) as exc:
        raise TemplateError(f"Le modèle « {template.name} » n'a pas pu être rempli ({exc}). "
                            "Vérifiez-le avec « nr-xl template-check ».") from exc
    docx = doc.docx if hasattr(doc, "docx") else doc
    _accessibility(docx, charts or {}, properties or {})
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out.parent, suffix=".docx", delete=False) as tmp:
        docx.save(tmp.name)
    Path(tmp.name).replace(out)
    return out


def _environment(undefined):  # type: ignore[no-untyped-def]
    from jinja2.sandbox import SandboxedEnvironment

    # A sandbox: a user-edited template cannot reach Python internals.
    return SandboxedEnvironment(undefined=undefined, autoescape=True)


def _accessibility(docx, charts: dict[str, Chart], properties: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Alt text on every picture; title, subject, author (the collectivité, who
    signs the document) and language (RGAA for office documents)."""
    from docx.oxml.ns import qn

    alts = [c for c in charts.values()]
    pictures = docx.element.body.findall(".//" + qn("wp:docPr"))
    for index, doc_pr in enumerate(pictures):
        chart = alts[index] if index < len(alts) else None
        if chart is not None:
            doc_pr.set("descr", chart.alt)
            doc_pr.set("title", chart.title)
        elif not doc_pr.get("descr"):
            doc_pr.set("descr", "Image")
    core = docx.core_properties
    for name in ("title", "subject", "author"):
        if properties.get(name):
            setattr(core, name, properties[name])
    if properties.get("author"):
        core.last_modified_by = properties["author"]
    core.language = "fr-FR"


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
        raise NrXlError(
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
        raise NrXlError(f"LibreOffice n'a pas pu convertir « {docx.name} » en PDF "
                        f"({(result.stderr or result.stdout).strip()[:200]}). Le document Word est prêt.")
    return pdf


def safe_filename(text: str, default: str = "document") -> str:
    """A file name from cell text: no path separators, no traversal, no reserved characters."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")
    return cleaned[:80] or default
