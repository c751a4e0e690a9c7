"""Gouvernance: a steering committee, and every body set up within the month
after the roadmap is formalised (ANCT: « dans le mois »; delay read from Paramètres)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from nr_xl.core import fmt, schema
from nr_xl.core.checks._util import norm
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import GovernanceBody, Roadmap

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
        )
    limit = deadline(roadmap)
    formalised = roadmap.parameters.formalised_on
    delay = roadmap.parameters.governance_delay_days
    for body in roadmap.governance:
        if is_steering_committee(body.name):
            yield from _steering(body)
        if "installed_on" in body.unread:
            continue  # an installation date no one could read: not verified
        if body.installed_on is not None and formalised is not None and body.installed_on < formalised:
            yield finding(
                "governance.installed_before_formalisation", sheet=body.SHEET, row=body.row,
                field=schema.GOVERNANCE.installed_on.header, key=body.name, body=body.name,
                installed=fmt.long_date(body.installed_on), formalised=fmt.long_date(formalised),
            )
        elif body.installed_on is None:
            yield finding(
                "governance.no_date", sheet=body.SHEET, row=body.row, field=schema.GOVERNANCE.installed_on.header,
                key=body.name, body=body.name, by=f", au plus tard le {fmt.long_date(limit)}" if limit else "",
            )
        elif limit is not None and formalised is not None and body.installed_on > limit:
            late = (body.installed_on - formalised).days
            yield finding(
                "governance.late_setup", sheet=body.SHEET, row=body.row, field=schema.GOVERNANCE.installed_on.header,
                key=body.name, body=body.name, installed=fmt.long_date(body.installed_on), late=late,
                formalised=fmt.long_date(formalised), delay=delay, deadline=fmt.long_date(limit),
            )


def _steering(body: GovernanceBody) -> Iterator[Finding]:
    if body.chair is None and "chair" not in body.unread:
        yield finding(
            "governance.no_chair", sheet=body.SHEET, row=body.row, field=schema.GOVERNANCE.chair.header, key=body.name,
            body=body.name,
        )
    per_year = meetings_per_year(body.frequency)
    if per_year is not None and per_year < 1:
        yield finding(
            "governance.rare_meetings", sheet=body.SHEET, row=body.row, field=schema.GOVERNANCE.frequency.header, key=body.name,
            body=body.name, frequency=body.frequency,
        )


_PER_YEAR_WORDS = (("hebdomadaire", 52.0), ("bimestriel", 6.0), ("mensuel", 12.0), ("trimestriel", 4.0),
                   ("semestriel", 2.0), ("biennal", 0.5), ("triennal", 1 / 3), ("annuel", 1.0))
_UNIT = r"(an|ans|annee|annees|mois|semaines?|trimestres?|semestres?)"
_PER_UNIT = {"an": 1, "mois": 12, "sem": 52, "tri": 4}
# « 3 fois par an », « 1 fois tous les 2 ans », « 2 réunions par semestre »
_TIMES = re.compile(r"(\d+) (?:fois|reunions?|seances?) (?:par|chaque|tous les|toutes les) (?:(\d+) )?" + _UNIT)
# « tous les 2 ans », « toutes les 6 semaines », « chaque trimestre »
_EVERY = re.compile(r"(?:tous les|toutes les|chaque) (?:(\d+) )?" + _UNIT)


def _units_per_year(unit: str) -> float:
    if unit.startswith("semestre"):
        return 2
    return next(v for k, v in _PER_UNIT.items() if unit.startswith(k))


def meetings_per_year(text: str | None) -> float | None:
    """« 3 fois par an » -> 3, « Annuelle » -> 1, « tous les 2 ans » -> 0.5 (None: unreadable)."""
    if not text:
        return None
    words = " ".join(norm(text).replace("'", " ").split())
    times = _TIMES.search(words)
    if times:
        return int(times.group(1)) * _units_per_year(times.group(3)) / int(times.group(2) or 1)
    every = _EVERY.search(words)
    if every and int(every.group(1) or 1) > 0:
        return _units_per_year(every.group(2)) / int(every.group(1) or 1)
    for stem, value in _PER_YEAR_WORDS:
        if stem in words:
            return value
    return None
