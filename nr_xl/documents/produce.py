"""The two documents from sheet rows: which template (the user's own when there is
one), the context, the charts, the rendering and its PDF; and the check of a
template a user edited (nr-xl template-check)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nr_xl.documents import context as ctx
from nr_xl.core import schema
from nr_xl.core.errors import UsageError
from nr_xl.core.links import Links

PACKAGED = Path(__file__).with_name("templates")
# Where a user puts their own templates: a folder « modeles » next to the workbook.
USER_FOLDER = "modeles"


@dataclass(frozen=True)
class Kind:
    name: str  # compte_rendu | annonce_lancement
    label: str
    title: str


MINUTES = Kind("compte_rendu", "compte rendu du comité", "Compte rendu du comité de pilotage Numérique responsable")
KICKOFF = Kind("annonce_lancement", "annonce de lancement", "Annonce de lancement de la feuille de route Numérique responsable")
# After the vote: the follow-up committee (its minutes, or with ``agenda`` its agenda alone)
# and the yearly review of the strategy.
FOLLOWUP = Kind("compte_rendu_suivi", "compte rendu du comité de suivi",
                "Compte rendu du comité de suivi Numérique responsable")
REVIEW = Kind("bilan_annuel", "bilan annuel", "Bilan annuel de la stratégie Numérique responsable")
KINDS = {k.name: k for k in (MINUTES, KICKOFF, FOLLOWUP, REVIEW)}


def template_for(kind: Kind, workbook: Path, explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"Le modèle « {explicit} » est introuvable.")
        return explicit
    mine = workbook.parent / USER_FOLDER / f"{kind.name}.docx"
    return mine if mine.is_file() else PACKAGED / f"{kind.name}.docx"


def context_from_sheets(kind: Kind, sheets: dict[str, list[list[object]]], file: str,
                        today: dt.date | None = None, tables: dict[str, str] | None = None,
                        annexes: bool | None = None, links: Links | None = None, year: int | None = None,
                        agenda: bool = False) -> dict[str, Any]:
    """The document's context from plain sheet rows (a file's or a live Excel book's);
    ``tables`` (name -> range): where the Journal table ends, so that a note typed
    under it is not taken for a journal row (as in check); ``links``: the cells that read
    another workbook, whose refreshed value is no adjustment (core/links.py). ``year``: the
    yearly review's; ``agenda``: the follow-up committee's agenda alone."""
    from nr_xl.core import presence
    from nr_xl.core.build import build_roadmap
    from nr_xl.core.journal.book import from_sheets
    from nr_xl.core.journal.review import journal_fingerprint, net_adjustments, presented_sheets, validated_sheets
    from nr_xl.core.report import full_report, presented_report

    presence.require_inputs(sheets, file, presence.DOCUMENT)
    roadmap, input_findings = build_roadmap(sheets)
    book = from_sheets(sheets, tables, links)
    # What the documents say of the roadmap is what the check decided (one computation).
    report = full_report(roadmap, input_findings, book, file)
    if kind in (FOLLOWUP, REVIEW):
        from nr_xl.documents import followup_context as fctx

        if kind is REVIEW:
            if year is None:
                raise UsageError("Le bilan annuel demande son année (--annee 2027).")
            # The reference: the version in force when the year began.
            found = validated_sheets(book, year)
            before, version = (build_roadmap(found[1])[0], found[0]) if found is not None else (None, "")
            return fctx.review_context(roadmap, report, book.journal, before, year, today,
                                       journal_fingerprint(book) or "", version)
        # The reference: the version presented to this committee, before its adjustments.
        base = presented_sheets(book)
        before = build_roadmap(base)[0] if base is not None else None
        return fctx.followup_context(roadmap, report, net_adjustments(book), before, today,
                                     journal_fingerprint(book) or "", agenda_only=agenda)
    # No clock here: without --date, the minutes carry the committee's date and
    # the announcement the launch's (context.py).
    if kind is not MINUTES:
        return ctx.kickoff_context(roadmap, report, today)
    adjustments = net_adjustments(book)
    # Nothing adjusted since the presentation: the presented version is the current one.
    presented = presented_report(book, file) if adjustments else report
    return ctx.minutes_context(roadmap, report, adjustments, today, presented, journal_fingerprint(book) or "",
                               with_annexes=annexes)


def refusal(kind: Kind, context: dict[str, Any]) -> str | None:
    """Why ``kind`` must not be written from ``context``, in French, or None: an announcement
    announces only a roadmap the committee validated (with or without reservations)."""
    if kind is not KICKOFF or not context.get("projet_annonce"):
        return None
    from nr_xl.documents import french

    why = ("le comité a ajourné la validation de la feuille de route" if context.get("decision") == french.ADJOURNED
           else "la décision du comité n'est pas encore enregistrée")
    return (f"L'annonce de lancement n'est pas écrite : {why}. Une annonce ne dit que ce que le comité a "
            "décidé : enregistrez sa décision (bouton « Valider » du ruban, ou nr-xl validate), puis relancez.")


def cautions(kind: Kind, context: dict[str, Any]) -> list[str]:
    """What the user must know before sending the document, in French (printed by the
    command line, said by the ribbon and xlwings Lite)."""
    out = []
    blocking, to_fix = context.get("nb_bloquants_feuille", 0), context.get("nb_a_corriger", 0)
    if blocking and not context.get("decision"):
        out.append(f"Attention : la feuille de route a {blocking} point(s) bloquant(s) et aucune décision du "
                   "comité n'est enregistrée ; le document dit que la décision est en attente.")
    if to_fix:
        out.append(f"Attention : {to_fix} cellule(s) du classeur sont à corriger (feuille « {schema.FINDINGS.sheet} ») ; "
                   "le document laisse de côté ce qu'elles devaient dire.")
    if context.get("a_confirmer"):
        count = context["a_confirmer"]
        out.append(f"Attention : {count} instance(s) de validation datée(s) avant le document n'ont pas de statut "
                   f"enregistré ({', '.join(f'« {v} »' for v in schema.VALIDATION_STATUSES[1:])}) : le document écrit "
                   f"« statut à confirmer ». Mettez à jour leur « {schema.VALIDATION.status.header} » dans "
                   f"« {schema.VALIDATION.sheet} ».")
    if kind is KICKOFF and context.get("projet_annonce"):
        out.append("Projet d'annonce marqué « PROJET — non validée » sur chaque page : à ne pas diffuser "
                   "avant la validation du comité.")
    return out


def charts_for(kind: Kind, context: dict[str, Any]):
    from nr_xl.documents.render import before_after_chart, budget_chart, workload_chart

    if kind in (FOLLOWUP, REVIEW):
        from nr_xl.documents.followup_context import CHART_BEFORE_AFTER

        rows = [(r["annee"], r["avant_nombre"], r["apres_nombre"]) for r in context.get("avant_apres_annees", [])]
        return {CHART_BEFORE_AFTER: before_after_chart(rows)} if rows else {}
    if kind is not MINUTES:
        return {}
    data = ctx.chart_data(context)
    charts = {}
    if data["budget"]:
        charts[ctx.CHART_BUDGET] = budget_chart(data["budget"])
    if data["charge"]:
        charts[ctx.CHART_WORKLOAD] = workload_chart(data["charge"])
    return charts


def default_output(kind: Kind, folder: Path, workbook_name: str, dated: dt.date | None = None,
                   agenda: bool = False) -> Path:
    """« compte_rendu_<classeur>_<date>.docx » in ``folder`` (the document's date
    when known); the name is sanitised."""
    from nr_xl.documents.render import safe_filename

    stamp = f"_{dated.isoformat()}" if dated else ""
    name = "ordre_du_jour_suivi" if kind is FOLLOWUP and agenda else kind.name
    return folder / (safe_filename(f"{name}_{Path(workbook_name).stem}{stamp}") + ".docx")


def attach_logo(context: dict[str, Any], base: Path) -> str:
    """Put the checked logo of « Logo » in ``context`` (``logo_image``); "" or why it is left out."""
    from nr_xl.documents import logo

    image, problem = logo.load(context.get("logo"), base)
    context["logo_image"] = image
    return problem


def write_document(kind: Kind, context: dict[str, Any], out: Path, template: Path,
                   pdf: bool = False, replace: bool = False) -> list[Path]:
    """The document at ``out`` (or « out (2) » should a file come there meanwhile; ``replace``:
    over it), and its PDF; returns the files written."""
    from nr_xl.documents.render import render, to_pdf

    if out.suffix.lower() != ".docx":
        raise UsageError(f"« {out.name} » : le document produit est un .docx (ajoutez l'extension).")
    title = context.get("titre", kind.title) if kind is FOLLOWUP else kind.title
    properties = {"title": title, "subject": f"Feuille de route Numérique responsable {context.get('periode', '')}".strip(),
                  "author": context.get("collectivite", ""), "date": context.get("date_iso")}
    written = [render(template, context, out, charts_for(kind, context), properties, replace)]
    if pdf:
        written.append(to_pdf(written[0]))
    return written


def check_template(template: Path, kind: Kind) -> list[str]:
    """What is wrong with a (user-edited) template, in French, with what to do; [] if fine."""
    import re

    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError, meta

    from nr_xl.documents.sandbox import BudgetedSandbox

    from nr_xl.documents.render import syntax_message

    if not template.is_file():
        return [f"Le modèle « {template} » est introuvable."]
    from nr_xl.documents.render import TemplateError, check_template_package, fill

    try:
        check_template_package(template)
    except TemplateError as exc:
        return [exc.message]
    problems: list[str] = []
    try:
        doc = DocxTemplate(str(template))
        doc.init_docx()
        xml = doc.patch_xml(doc.xml_to_string(doc.docx._element.body))
    except Exception as exc:  # not a .docx, or a damaged one
        return [f"« {template.name} » n'est pas un document Word lisible ({exc}). Enregistrez-le au format .docx."]
    text = re.sub(r"<[^>]+>", "", xml)
    for broken in re.findall(r"\{\s+\{|\}\s+\}|\{\s+%|%\s+\}|[“”«»]\s*\w+\s*[“”«»](?=[^{}]*\}\})", text):
        problems.append(f"Balise coupée ou déformée par Word : « {broken} ». Retapez la balise d'un bloc "
                        "({{ nom }} ou {% … %}), sans espace entre les accolades.")
    try:
        # The sandbox, even to parse: listing the variables compiles the template, and Jinja
        # folds constant expressions while compiling (« 'x'|center(10**9) » would be built).
        parsed = BudgetedSandbox().parse(xml)
    except TemplateSyntaxError as exc:
        problems.append(syntax_message(template, exc))
        return problems
    from nr_xl.documents.followup_context import CHART_BEFORE_AFTER

    sample = _sample_context(kind)
    known = set(sample) | {ctx.CHART_BUDGET, ctx.CHART_WORKLOAD, CHART_BEFORE_AFTER}
    for name in sorted(meta.find_undeclared_variables(parsed) - known):
        problems.append(f"Variable inconnue « {name} » : elle n'existe pas dans le {kind.label}. "
                        f"Variables disponibles : {', '.join(sorted(known))}.")
    if not problems:  # filled once, as a document would be: what it would cost shows now
        try:
            fill(template, sample)
        except TemplateError as exc:
            problems.append(exc.message)
    return problems


def _sample_context(kind: Kind) -> dict[str, Any]:
    from nr_xl.core.model import Roadmap
    from nr_xl.core.findings import Report

    roadmap = Roadmap()
    if kind in (FOLLOWUP, REVIEW):
        from nr_xl.documents import followup_context as fctx

        if kind is REVIEW:
            return fctx.review_context(roadmap, Report("", []), [], roadmap, 2027)
        return fctx.followup_context(roadmap, Report("", []), [], roadmap, dt.date(2027, 6, 17))
    if kind is MINUTES:
        return ctx.minutes_context(roadmap, Report("", []), [])
    return ctx.kickoff_context(roadmap, Report("", []))


def kind_named(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise UsageError(f"Type de document inconnu « {name} » : {', '.join(KINDS)}.") from None
