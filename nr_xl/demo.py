"""nr-xl demo: the whole journey on the embedded example."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from nr_xl import api, schema
from nr_xl.documents.service import KICKOFF, MINUTES, generate
from nr_xl.workbook.backup import backups_of, unused_name
from nr_xl.workbook.edit import CellEdit, RowAdd, apply_edits

DEMO_WORKBOOK = "feuille_de_route_orvane.xlsm"

# What the committee of the example decides, in the order it is discussed.
_B, _A, _C, _S = schema.BUDGET, schema.ACTIONS, schema.CAPACITIES, schema.SKILLS
_G, _R, _I = schema.GOVERNANCE, schema.RISKS, schema.INDICATORS
COMMITTEE_ADJUSTMENTS: list[tuple[str, list[CellEdit | RowAdd]]] = [
    ("Étaler la rénovation de la salle serveur : 30 000 € reportés en 2029, fin au 2e trimestre 2029", [
        CellEdit(_B.sheet, {_B.action.header: "B3.1", _B.year.header: 2028}, _B.investment.header, 120000),
        RowAdd(_B.sheet, {_B.action.header: "B3.1", _B.year.header: 2029, _B.investment.header: 30000,
                          _B.operating.header: 0, _B.financing.header: schema.DEFAULT_FINANCING}),
        CellEdit(_A.sheet, {_A.id.header: "B3.1"}, _A.end.header, "2029-T2"),
    ]),
    ("Renfort temporaire de la DSI en 2027 (30 j-h de prestation)", [
        CellEdit(_C.sheet, {_C.service.header: schema.IT_SERVICE, _C.year.header: 2027}, _C.days.header, 250),
    ]),
    ("Audit RGAA confié à un prestataire, accompagné par la DSI", [
        CellEdit(_S.sheet, {_S.service.header: schema.IT_SERVICE, _S.skill.header: "Audit RGAA"},
                 _S.level.header, schema.SKILL_PARTIAL),
    ]),
    ("Installer le comité technique dans le mois, suivre B3.3 et maîtriser le risque R4", [
        CellEdit(_G.sheet, {_G.name.header: "Comité technique"}, _G.installed_on.header,
                 dt.date(2026, 12, 4)),
        CellEdit(_A.sheet, {_A.id.header: "B3.3"}, _A.indicators.header, "I04"),
        CellEdit(_R.sheet, {_R.id.header: "R4"}, _R.measure.header,
                 "Allotir les marchés et les ouvrir aux structures de l'économie sociale et solidaire"),
        CellEdit(_I.sheet, {_I.id.header: "I09"}, _I.source.header, "Autodiagnostic NumEcoDiag"),
    ]),
]


def run_demo(out: Path, echo: Callable[[str], None] = print, force: bool = False) -> dict[str, Path]:
    """The whole journey in ``out``; a workbook or document already there (perhaps
    edited by hand) is kept, the new one taking « nom (2) », unless ``force``."""
    out.mkdir(parents=True, exist_ok=True)
    workbook = out / DEMO_WORKBOOK
    if not force:
        workbook = unused_name(workbook)
    earlier_backups = set(backups_of(workbook))
    api.build_example(workbook)
    echo(f"1. Classeur de l'exemple construit : {workbook}")
    report = api.check(workbook)
    api.write_findings(workbook, report)
    errors = sum(1 for f in report.findings if f.severity.value == "error")
    warnings = sum(1 for f in report.findings if f.severity.value == "warning")
    echo(f"2. Faisabilité : {report.status} ({errors} bloquant(s), {warnings} alerte(s)) — "
         f"feuille « {schema.FINDINGS.sheet} » remplie.")
    api.snapshot(workbook)
    echo("3. Version de référence figée (celle présentée au comité).")
    for reason, edits in COMMITTEE_ADJUSTMENTS:
        apply_edits(workbook, edits)
        rows = api.log(workbook, reason=reason, author="Léa Fontaine")
        echo(f"   Ajustement journalisé ({len(rows)} ligne(s)) : {reason}")
    validation = api.validate(workbook, author="Léa Fontaine")
    echo(f"4. Feuille de route validée : version {validation.old_version} → {validation.new_version}.")
    report = api.check(workbook)
    api.write_findings(workbook, report)
    echo(f"5. Faisabilité après ajustements : {report.status} — « {schema.FINDINGS.sheet} » mis à jour.")
    for backup in set(backups_of(workbook)) - earlier_backups:
        backup.unlink()  # the demo's own intermediate states: nothing of the user's
    outputs: dict[str, Path] = {"Classeur": workbook}
    pdf = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
    for kind, label, name in ((MINUTES, "Compte rendu", "compte_rendu_copil.docx"),
                              (KICKOFF, "Annonce de lancement", "annonce_lancement.docx")):
        written = generate(kind, workbook, out / name, pdf=pdf, force=force)
        outputs[label] = written[0]
        if len(written) > 1:
            outputs[label + " (PDF)"] = written[1]
    echo("6. Documents écrits : compte rendu et annonce de lancement"
         + (" (Word et PDF)." if pdf else " (Word ; installez LibreOffice pour les PDF)."))
    return outputs
