"""The ribbon's entry points, called by xlwings RunPython on the calling workbook.

Glue only: read the book (``sources.xlwings_source``), run the same core as the
CLI, write into the book (``workbook.xlwings_writer``), then tell the user in a
French message box. Everything is computed before the first write, so an error
leaves the workbook as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nr_xl.core import schema
from nr_xl.core.errors import NrXlError
from nr_xl.excel.read import external_links, live_sheet, local_file, read_sheets, table_ranges
from nr_xl.core import layout
from nr_xl.excel.write import write_content, write_owned_sheets
from nr_xl.excel.xlwings_lean import xw

TITLE = "Numérique responsable"
# Inside xlwings Lite (Pyodide), the only folder a user can download from: « Fichiers >
# Importer/Exporter » of the add-in's menu lists what Python writes there.
IN_LITE = sys.platform == "emscripten"
LITE_FILES = Path("/data")


# --- messages ----------------------------------------------------------------

# xlwings Lite shows no message box (xlwings' Wasm documentation lists App.alert() among what
# it does not support yet): there, a message goes into the workbook instead, in the status
# block of « Contrôles », under the status (K4: when and what, L4: the message), and to the
# add-in's Output pane. K4:L4 is the block's empty row: no write of nr_xl clears it.
LITE_MESSAGE_ROW = 4


def alert(book: xw.Book, message: str, critical: bool = False) -> None:
    if IN_LITE:
        _sheet_message(book, message, critical)
        return
    try:
        book.app.alert(message, title=TITLE, mode="critical" if critical else "info")
    except Exception:  # no dialog possible (engine without one): the message goes to the console
        print(message, file=sys.stderr)


def confirm(book: xw.Book, question: str) -> bool:
    """Yes or no from the user; no where no dialog can ask (xlwings Lite, an engine without one)."""
    if IN_LITE:
        return False
    try:
        return str(book.app.alert(question, title=TITLE, buttons="yes_no", mode="info")).lower() == "yes"
    except Exception:
        return False


def _sheet_message(book: xw.Book, message: str, critical: bool) -> None:
    from nr_xl.excel.write import TEXT_PREFIX

    print(message)  # xlwings Lite's Output pane
    label = f"{'Erreur' if critical else 'Message'} du {dt.datetime.now():%d/%m/%Y %H:%M}"
    try:
        sheet = live_sheet(book, schema.FINDINGS.sheet)
        sheet.range((LITE_MESSAGE_ROW, layout.BLOCK_COL)).value = [[label, TEXT_PREFIX + message]]
        sheet.activate()
    except Exception:  # no « Contrôles » sheet: the Output pane has the message
        print(f"(Feuille « {schema.FINDINGS.sheet} » introuvable : message affiché ici seulement.)",
              file=sys.stderr)


def entry_point(func: Callable[[xw.Book], None]) -> Callable[..., None]:
    """Runs ``func`` on a workbook open in Excel; errors become a French message box.

    The same entry point serves both ways in: RunPython (desktop, VBA) calls it with no
    argument and it takes the calling workbook; an xlwings Lite ``@script`` (lite/main.py)
    passes the ``book`` it was given.
    """

    @functools.wraps(func)
    def wrapper(book: xw.Book | None = None) -> None:
        book = book if book is not None else xw.Book.caller()
        try:
            func(book)
        except NrXlError as exc:
            alert(book, exc.message, critical=True)
        except Exception as exc:  # never a traceback in the user's face
            alert(book, f"Erreur inattendue ({type(exc).__name__} : {exc}). Le classeur n'a pas été "
                        "modifié. Cliquez sur « Diagnostic » et joignez son message au signalement.",
                  critical=True)

    return wrapper


def _author(book: xw.Book) -> str | None:
    if IN_LITE:  # Office.js tells an add-in nobody's name; the browser's user is « web_user »
        return "inconnu (xlwings Lite)"
    try:
        return str(book.app.api.UserName) or None  # Excel's user name (Windows and macOS)
    except Exception:
        return None


def _journal_book(book: xw.Book) -> Any:
    """The journal's view of the open book; refused (as by the command line) when an input
    sheet is found neither by its name, its table nor its code name: compared without it,
    its rows would pass for unchanged or deleted."""
    from nr_xl.core import presence
    from nr_xl.core.journal.book import from_sheets

    sheets = read_sheets(book, ALL_SHEETS)
    presence.require_inputs(sheets, book.name, presence.JOURNAL)
    return from_sheets(sheets, _journal_table(book), _links(book))


def _journal_table(book: xw.Book) -> dict[str, str]:
    """The Journal table's range, so that a note typed under it is not a journal row."""
    return table_ranges(book, {schema.JOURNAL.sheet: schema.JOURNAL.table})


def _links(book: xw.Book) -> dict[str, dict[tuple[int, int], str]] | None:
    """The cells that read another workbook: the journal follows their link, not the value
    Excel last read there (core/links.py); None where the engine reads no formulas."""
    return external_links(book, [spec.sheet for spec in schema.INPUT_TABLES])


# --- the buttons -------------------------------------------------------------

ALL_SHEETS = list(schema.CHECKED_SHEETS)


@entry_point
def check(book: xw.Book) -> None:
    from nr_xl import api

    report = api.check_sheets(read_sheets(book, ALL_SHEETS), book.name, _journal_table(book), _links(book))
    write_content(book, schema.FINDINGS.sheet, layout.findings_sheet(report, dt.datetime.now()),
                  schema.FINDINGS.table)
    live_sheet(book, schema.FINDINGS.sheet).activate()
    alert(book, f"{layout.summary(report)} Le détail est dans la feuille « {schema.FINDINGS.sheet} ».")


def _write_plan(book: xw.Book, plan: Any) -> None:
    write_owned_sheets(book, plan.contents(), tables={schema.JOURNAL.sheet: schema.JOURNAL.table},
                       patches=plan.patches)


@entry_point
def snapshot(book: xw.Book) -> None:
    from nr_xl.core.journal.plans import plan_snapshot

    plan = plan_snapshot(_journal_book(book), name=book.name)
    _write_plan(book, plan)
    alert(book, f"Version de référence {plan.state.reference_version} figée le {plan.state.reference_date}. "
                "Enregistrez le classeur pour la conserver.")


@entry_point
def log(book: xw.Book) -> None:
    from nr_xl.core.journal.plans import plan_log

    # The reason typed in M2 of « Journal » is read by plan_log itself, as for the CLI.
    plan = plan_log(_journal_book(book), book.name, author=_author(book))
    if not plan.new_rows:
        alert(book, "Aucun ajustement depuis le dernier journal : rien n'a été ajouté.")
        return
    _write_plan(book, plan)
    live_sheet(book, schema.JOURNAL.sheet).activate()
    alert(book, f"{len(plan.new_rows)} ligne(s) ajoutée(s) au « Journal ».")


@entry_point
def validate(book: xw.Book) -> None:
    _validate(book, "")


def validate_with(answer: str) -> None:
    """« Valider » after its input box: empty = validated (refused while something
    blocks), text = validated with these reservations, « ajourner » = adjourned."""
    # The ribbon passes the typed text as \u escapes: rebuild characters outside the BMP.
    answer = answer.encode("utf-16", "surrogatepass").decode("utf-16").strip()
    entry_point(functools.partial(_validate, answer=answer))()


@entry_point
def validate_from_parameters(book: xw.Book) -> None:
    """« Valider » where no input box can be shown (xlwings Lite): the committee's answer
    is read from Paramètres, as typed there: « Décision du comité » (« Ajournée », « Validée
    sous réserve de … »…, read by decision.read_decision) and « Réserves »; nothing typed
    validates. A decision that states none, or contradicts « Réserves », is refused."""
    from nr_xl.core import vocabulary
    from nr_xl.core.build import read_parameters
    from nr_xl.core.decision import read_decision
    from nr_xl.core.errors import UsageError

    params = read_parameters(read_sheets(book, [schema.PARAMETER_TABLE.sheet]))
    typed = read_decision(params.committee_decision)  # DecisionUnclear: said, nothing written
    reservations = (params.reservations or "").strip()
    if typed is None or typed.outcome == vocabulary.ADJOURNED:
        _validate(book, "ajourner" if typed else reservations)
    elif typed.outcome == vocabulary.VALIDATED_WITH_RESERVATIONS:
        if not (reservations or typed.reservations):
            raise UsageError(f"« {params.committee_decision} » : écrivez les réserves du comité dans "
                             f"« {schema.RESERVATIONS.key} » (« {schema.PARAMETER_TABLE.sheet} »), puis relancez.")
        _validate(book, reservations or typed.reservations)
    elif reservations:
        raise UsageError(f"« {schema.COMMITTEE_DECISION.key} » dit « {params.committee_decision} », mais "
                         f"« {schema.RESERVATIONS.key} » est rempli : videz « {schema.RESERVATIONS.key} », ou "
                         "tapez « Validée sous réserve ».")
    else:
        _validate(book, "")


def _validate(book: xw.Book, answer: str) -> None:
    """``answer`` as the box reads it (decision.read_answer): empty, reservations, « ajourner »."""
    from nr_xl.core import vocabulary
    from nr_xl.core.journal.plans import plan_validate

    plan = plan_validate(_journal_book(book), book.name,
                         author=_author(book), answer=answer)
    if plan.notices and not plan.new_rows and not plan.patches:
        alert(book, "\n".join(plan.notices))
        return
    _write_plan(book, plan)
    if plan.decision == vocabulary.ADJOURNED:
        alert(book, f"Validation ajournée : version {plan.old_version} inchangée. Enregistrez le classeur.")
    else:
        versions = (f"version {plan.old_version} → {plan.new_version}" if plan.new_version != plan.old_version
                    else f"version {plan.old_version} inchangée")
        alert(book, f"Feuille de route {plan.decision.lower()} : {versions}. Enregistrez le classeur.")


def _documents_folder(book: xw.Book, sheets: dict[str, list[list[object]]]) -> Path:
    from nr_xl.core.build import read_parameters

    if IN_LITE:
        return LITE_FILES
    chosen = read_parameters(sheets).documents_folder
    if chosen:
        return Path(chosen)
    local = local_file(book)
    return local.parent if local else Path.home() / "Documents"


def _document(book: xw.Book, kind_name: str, year: int | None = None, agenda: bool = False) -> None:
    from nr_xl.documents.produce import context_from_sheets, default_output, kind_named, template_for, write_document

    from nr_xl.core.errors import DocumentRefused
    from nr_xl.documents.produce import attach_logo, cautions, refusal

    kind = kind_named(kind_name)
    sheets = read_sheets(book, ALL_SHEETS)
    folder = _documents_folder(book, sheets)
    context = context_from_sheets(kind, sheets, book.name, tables=_journal_table(book), links=_links(book),
                                  year=year, agenda=agenda)
    del sheets  # freed before the charts are drawn (the peak of a région's minutes)
    problem = refusal(kind, context)
    if problem and not confirm(book, f"{problem}\n\nÉcrire plutôt un projet marqué « PROJET — non validée », "
                                     "à ne pas diffuser ?"):
        raise DocumentRefused(problem)
    from nr_xl.workbook.publish import unused_name

    # Dated like the CLI's, and never over a document edited in Word since: « … (2).docx ».
    out = unused_name(default_output(kind, folder, book.name, context.get("date_iso"), agenda))
    workbook_path = local_file(book) or folder / book.name
    logo_problem = attach_logo(context, workbook_path.parent)
    written = write_document(kind, context, out, template_for(kind, workbook_path, None))
    notes = "".join(f"\n\n{c}" for c in [logo_problem, *cautions(kind, context)] if c)
    if IN_LITE:
        alert(book, f"Document prêt : {written[0].name}. Pour l'enregistrer sur votre poste : menu ☰ "
                    "de xlwings Lite > Fichiers > Importer/Exporter, puis « Télécharger » à côté du fichier." + notes)
        return
    _open(written[0])
    alert(book, f"Document enregistré : {written[0]}" + notes)


def _support(book: xw.Book) -> None:
    from nr_xl.documents.deck import default_output, template_for, write_deck
    from nr_xl.documents.deck_context import deck_from_sheets
    from nr_xl.workbook.publish import unused_name

    sheets = read_sheets(book, ALL_SHEETS)
    folder = _documents_folder(book, sheets)
    deck = deck_from_sheets(sheets, book.name, _journal_table(book), links=_links(book))
    del sheets
    # Dated like the CLI's, and never over a deck edited in PowerPoint since: « … (2).pptx ».
    out = unused_name(default_output(folder, book.name, deck.date_iso))
    workbook_path = local_file(book) or folder / book.name
    written = write_deck(deck, out, template_for(workbook_path, None))
    if IN_LITE:
        alert(book, f"Support prêt : {written[0].name}. Pour l'enregistrer sur votre poste : menu ☰ de xlwings Lite "
                    "> Fichiers > Importer/Exporter, puis « Télécharger » à côté du fichier.")
        return
    _open(written[0])
    alert(book, f"Support du comité enregistré : {written[0]}")


def _open(path: Path) -> None:
    if os.environ.get("NR_XL_NO_OPEN"):
        return
    if sys.platform.startswith("win"):
        os.startfile(str(path))  # type: ignore[attr-defined]
    elif sys.platform == "darwin":
        subprocess.run(["open", str(path)], check=False)


@entry_point
def minutes(book: xw.Book) -> None:
    _document(book, "compte_rendu")


@entry_point
def kickoff(book: xw.Book) -> None:
    _document(book, "annonce_lancement")


@entry_point
def followup(book: xw.Book) -> None:
    """The follow-up committee's minutes (« Compte rendu de suivi »)."""
    _document(book, "compte_rendu_suivi")


@entry_point
def followup_agenda(book: xw.Book) -> None:
    """The follow-up committee's agenda, sent before it meets."""
    _document(book, "compte_rendu_suivi", agenda=True)


def review_of(year: str) -> None:
    """« Bilan annuel » after its input box: the year typed (« 2027 »)."""
    entry_point(functools.partial(_review, year=year))()


def _review(book: xw.Book, year: str) -> None:
    from nr_xl.core.errors import UsageError

    typed = year.encode("utf-16", "surrogatepass").decode("utf-16").strip()
    if not re.fullmatch(r"(19|20|21)\d\d", typed):
        raise UsageError(f"« {typed} » n'est pas une année : tapez l'année du bilan, par exemple 2027.")
    _document(book, "bilan_annuel", year=int(typed))


@entry_point
def review(book: xw.Book) -> None:
    """The yearly review of the year before the day of the follow-up (xlwings Lite has no input box)."""
    from nr_xl.core.build import build_roadmap
    from nr_xl.core.followup.asof import followup_date

    roadmap, _ = build_roadmap(read_sheets(book, ALL_SHEETS))
    day = followup_date(roadmap)
    if day is None:
        from nr_xl.core.errors import UsageError

        raise UsageError(f"Aucune date de suivi : renseignez « {schema.FOLLOWUP_ON.key} » dans "
                         f"« {schema.PARAMETER_TABLE.sheet} » ; le bilan est celui de l'année qui la précède.")
    _document(book, "bilan_annuel", year=day.year - 1)


@entry_point
def support(book: xw.Book) -> None:
    """The committee's slide deck (PowerPoint), of the workbook as it stands."""
    _support(book)


@entry_point
def doctor(book: xw.Book) -> None:
    from nr_xl.release.doctor import diagnose

    alert(book, diagnose(None).text())
