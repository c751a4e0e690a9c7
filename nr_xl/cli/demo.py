"""nr-xl demo: the whole journey on the embedded example."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from nr_xl import api

from nr_xl.core import layout, schema
from nr_xl.core.errors import NrXlError, OutputError, os_reason
from nr_xl.documents.deck import to_pdf as deck_pdf
from nr_xl.documents.produce import KICKOFF, MINUTES
from nr_xl.jobs.documents import generate
from nr_xl.workbook.backup import backups_of, discard
from nr_xl.workbook.publish import unused_name
from nr_xl.example.committee import AFTER_COMMITTEE, COMMITTEE_ADJUSTMENTS
from nr_xl.example import followup as year_of_followup
from nr_xl.workbook.edit import apply_edits

DEMO_WORKBOOK = "feuille_de_route_orvane.xlsm"

def run_demo(out: Path, echo: Callable[[str], None] = print, force: bool = False) -> dict[str, Path]:
    """The whole journey in ``out``; a workbook or document already there (perhaps
    edited by hand) is kept, the new one taking « nom (2) », unless ``force``."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, a read-only parent: said, never « Erreur inattendue »
        raise OutputError(f"Le dossier « {out} » n'a pas pu être créé : {os_reason(exc)}. "
                          "Indiquez un autre dossier avec --out.") from exc
    workbook = out / DEMO_WORKBOOK
    if not force:
        workbook = unused_name(workbook)
    earlier_backups = set(backups_of(workbook))
    workbook = api.build_example(workbook, replace=force)
    echo(f"1. Classeur de l'exemple construit : {workbook}")
    report = api.check(workbook)
    api.write_findings(workbook, report)
    echo(f"2. {layout.summary(report)} Feuille « {schema.FINDINGS.sheet} » remplie.")
    api.snapshot(workbook)
    echo("3. Version de référence figée (celle présentée au comité).")
    pdf = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
    # The deck the committee is shown: the roadmap as presented, before its adjustments.
    deck = api.support(workbook, out / "support_comite.pptx", force=force)
    if pdf:
        try:
            deck.append(deck_pdf(deck[0]))
        except NrXlError as exc:  # a LibreOffice without Impress: the deck is there all the same
            echo(f"   {exc.message}")
    echo("   Support du comité écrit" + (" (PowerPoint et PDF)" if len(deck) > 1 else " (PowerPoint)")
         + f" : {deck[0].name}")
    for reason, edits in COMMITTEE_ADJUSTMENTS:
        apply_edits(workbook, edits)
        rows = api.log(workbook, reason=reason, author="Léa Fontaine")
        echo(f"   Ajustement journalisé ({len(rows)} ligne(s)) : {reason}")
    validation = api.validate(workbook, author="Léa Fontaine")
    echo(f"4. Feuille de route validée : version {validation.old_version} → {validation.new_version}.")
    report = api.check(workbook)
    api.write_findings(workbook, report)
    echo(f"5. Après les ajustements : {layout.summary(report)} « {schema.FINDINGS.sheet} » mis à jour.")
    # The bureau and the council met between the committee and the launch: recorded as a secretariat
    # would, so the announcement (dated at the launch) says what they did.
    apply_edits(workbook, AFTER_COMMITTEE)
    # The demo's own intermediate states: nothing of the user's.
    discard(workbook, sorted(set(backups_of(workbook)) - earlier_backups))
    outputs: dict[str, Path] = {"Classeur": workbook, "Support du comité": deck[0]}
    if len(deck) > 1:
        outputs["Support du comité (PDF)"] = deck[1]
    for kind, label, name in ((MINUTES, "Compte rendu", "compte_rendu_copil.docx"),
                              (KICKOFF, "Annonce de lancement", "annonce_lancement.docx")):
        written = generate(kind, workbook, out / name, pdf=pdf, force=force)
        outputs[label] = written[0]
        if len(written) > 1:
            outputs[label + " (PDF)"] = written[1]
    echo("6. Documents écrits : compte rendu et annonce de lancement"
         + (" (Word et PDF)." if pdf else " (Word ; installez LibreOffice pour les PDF)."))
    outputs.update(play_followup(workbook, out, echo, pdf=pdf, force=force))
    for backup in set(backups_of(workbook)) - earlier_backups:
        backup.unlink()
    return outputs


def play_followup(workbook: Path, out: Path, echo: Callable[[str], None] = print, pdf: bool = False,
                  force: bool = False) -> dict[str, Path]:
    """A year after the vote (example/followup.py): before each follow-up committee the
    secretariat records progress, spending and measures and the agenda is written; the
    committee's adjustments are journalled in the same journal, its decision recorded and its
    minutes written; at the year's end, the yearly review."""
    outputs: dict[str, Path] = {}
    known: set[tuple[object, ...]] = set()

    def written(label: str, paths: list[Path]) -> None:
        outputs[label] = paths[0]
        if len(paths) > 1:
            outputs[label + " (PDF)"] = paths[1]

    for n, committee in enumerate(year_of_followup.COMMITTEES, start=1):
        when = f"{n}e comité de suivi" if n > 1 else "1er comité de suivi"
        apply_edits(workbook, year_of_followup.recorded_before(committee, known))
        # The journal dated as the committees met, so the yearly review finds them in their year.
        at = dt.datetime.combine(committee.day, dt.time(17, 0))
        api.snapshot(workbook, now=at - dt.timedelta(days=7))  # the version presented to this committee
        written(f"Ordre du jour ({when})", api.followup(
            workbook, out / f"ordre_du_jour_suivi_{committee.day.isoformat()}.docx", agenda=True, pdf=pdf,
            force=force))
        report = api.check(workbook)
        echo(f"{6 + n}. {when.capitalize()} ({committee.day.strftime('%d/%m/%Y')}) : {layout.summary(report)}")
        for reason, edits in committee.adjustments:
            apply_edits(workbook, list(edits))
            api.log(workbook, instance=committee.instance, reason=reason, author="Léa Fontaine", now=at)
        apply_edits(workbook, year_of_followup.decisions_taken(committee))
        validation = api.validate(workbook, instance=committee.instance, author="Léa Fontaine",
                                  reason=f"Décision du {committee.instance}", now=at)
        echo(f"   Ajustements journalisés, feuille de route validée : version {validation.old_version} → "
             f"{validation.new_version}.")
        written(f"Compte rendu ({when})", api.followup(
            workbook, out / f"compte_rendu_suivi_{committee.day.isoformat()}.docx", pdf=pdf, force=force))
    apply_edits(workbook, year_of_followup.recorded_at_year_end(known))
    year = year_of_followup.YEAR_END.year - 1
    written(f"Bilan annuel {year}", api.review(workbook, year, out / f"bilan_annuel_{year}.docx", pdf=pdf,
                                               force=force))
    # The workbook left as a secretariat would leave it: « Contrôles » says where the year ends.
    report = api.check(workbook)
    api.write_findings(workbook, report)
    echo(f"{7 + len(year_of_followup.COMMITTEES)}. Bilan annuel {year} écrit (chapitre du rapport "
         f"développement durable). Fin d'année : {layout.summary(report)}")
    return outputs
