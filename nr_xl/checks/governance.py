"""Gouvernance: a steering committee, and every body set up within the month
after the roadmap is formalised (ANCT: « dans le mois »; delay read from Paramètres)."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from nr_xl import fmt
from nr_xl.checks._util import norm
from nr_xl.findings import Finding, finding
from nr_xl.model import GovernanceBody, Roadmap

STEERING_MARKERS = ("copil", "comite de pilotage")


def is_steering_committee(name: str) -> bool:
    return any(m in norm(name) for m in STEERING_MARKERS)


def deadline(roadmap: Roadmap) -> dt.date | None:
    p = roadmap.parameters
    if p.formalised_on is None:
        return None
    return p.formalised_on + dt.timedelta(days=p.governance_delay_days)


def check(roadmap: Roadmap) -> Iterator[Finding]:
    if GovernanceBody.SHEET in roadmap.missing_sheets:
        return
    if not any(is_steering_committee(b.name) for b in roadmap.governance):
        yield finding(
            "governance.no_steering_committee", sheet=GovernanceBody.SHEET,
            message="Aucune instance de la feuille « Gouvernance » n'est un comité de pilotage "
                    "(nom contenant « COPIL » ou « comité de pilotage »).",
            suggestion="Ajoutez le comité de pilotage (présidé par un élu, 2 à 3 fois par an) "
                       "avec sa date d'installation.",
        )
    limit = deadline(roadmap)
    formalised = roadmap.parameters.formalised_on
    delay = roadmap.parameters.governance_delay_days
    for body in roadmap.governance:
        if body.installed_on is None:
            yield finding(
                "governance.no_date", sheet=body.SHEET, row=body.row, field="Date d'installation",
                key=body.name,
                message=f"L'instance « {body.name} » n'a pas de date d'installation.",
                suggestion=(f"Fixez sa date d'installation, au plus tard le {fmt.long_date(limit)}."
                            if limit else "Fixez sa date d'installation."),
            )
        elif limit is not None and formalised is not None and body.installed_on > limit:
            late = (body.installed_on - formalised).days
            yield finding(
                "governance.late_setup", sheet=body.SHEET, row=body.row, field="Date d'installation",
                key=body.name,
                message=f"« {body.name} » sera installé le {fmt.long_date(body.installed_on)}, {late} jours "
                        f"après la formalisation de la feuille de route ({fmt.long_date(formalised)}) : "
                        f"au-delà du délai de {delay} jours.",
                suggestion=f"Avancer son installation au {fmt.long_date(limit)} au plus tard, "
                           "pour garder la dynamique de la démarche.",
            )
