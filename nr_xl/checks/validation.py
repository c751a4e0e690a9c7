"""Validation: roadmap items tied to another programme (PCAET, SPASER…) need that
programme's own validation body scheduled; the launch needs a date."""

from __future__ import annotations

from typing import Iterator

from nr_xl.checks._util import norm
from nr_xl.findings import Finding, finding
from nr_xl.model import Roadmap, ValidationStep


def check(roadmap: Roadmap) -> Iterator[Finding]:
    if ValidationStep.SHEET in roadmap.missing_sheets:
        return
    texts = [norm(f"{v.body} {v.subject or ''}") for v in roadmap.validations]
    for action in roadmap.actions:
        if not action.programme:
            continue
        programme = norm(action.programme)
        if not any(programme in text for text in texts):
            yield finding(
                "validation.followup_missing", sheet=action.SHEET, row=action.row,
                field="Programme lié", key=action.id,
                message=f"L'action {action.id} touche le programme « {action.programme} », mais aucune "
                        "ligne de « Validation » ne prévoit son passage devant l'instance de ce programme.",
                suggestion=f"Ajoutez dans « Validation » l'instance qui valide « {action.programme} » "
                           "(bureau, commission, délibération) avec sa date.",
            )
    launch = roadmap.launch
    if launch is None or launch.date is None:
        yield finding(
            "validation.no_launch", sheet=ValidationStep.SHEET,
            row=launch.row if launch else None, field="Date" if launch else None,
            key="Lancement officiel",
            message="Le lancement officiel n'est pas daté : le compte rendu et l'annonce de lancement "
                    "ne pourront pas l'annoncer.",
            suggestion="Ajoutez dans « Validation » une ligne « Lancement officiel » avec sa date.",
        )
