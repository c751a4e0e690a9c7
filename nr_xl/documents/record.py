"""What the documents claim about decisions and validation, and the tables a
COPIL expects beside the figures (pure). Every sentence reads the workbook:
the recorded decision, the statuses and dates of the other bodies."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from nr_xl.core import fmt, schema
from nr_xl.core.checks import governance as governance_check
from nr_xl.core.checks._util import norm
from nr_xl.documents import french
from nr_xl.core.committee import BudgetFigure
from nr_xl.core.model import Participant, Roadmap, ValidationStep

CRITICAL = 9  # criticité from which the method asks for a measure and an owner


def decision(roadmap: Roadmap) -> str | None:
    return french.committee_decision(roadmap.parameters.committee_decision)


def validated(roadmap: Roadmap) -> bool:
    return decision(roadmap) in (french.VALIDATED, french.WITH_RESERVATIONS)


def _reservations(roadmap: Roadmap) -> str:
    """« Réserves », else those the decision states (« Validée sous réserve du vote du BP »)."""
    text = (roadmap.parameters.reservations or "").strip().rstrip(".")
    if not text:
        from nr_xl.core.decision import DecisionUnclear, read_decision

        try:
            stated = read_decision(roadmap.parameters.committee_decision)
        except DecisionUnclear:
            stated = None
        text = stated.reservations.rstrip(".") if stated else ""
    return french.apostrophes(text[:1].lower() + text[1:]) if text else ""


def _worded(roadmap: Roadmap, validated: str, reserved: str, reserved_unspecified: str, adjourned: str,
            undecided: str) -> str:
    """The sentence for the recorded decision; ``reserved`` holds {reserve}."""
    recorded = decision(roadmap)
    if recorded == french.WITH_RESERVATIONS:
        reserve = _reservations(roadmap)
        return reserved.format(reserve=reserve) if reserve else reserved_unspecified
    return {french.VALIDATED: validated, french.ADJOURNED: adjourned}.get(recorded or "", undecided)


def committee_decision_text(roadmap: Roadmap) -> str:
    """Decision n° 1 of the minutes, as the committee recorded it."""
    version = roadmap.parameters.version or "1.0"
    valid = f"Le comité valide la feuille de route, version {version}"
    return _worded(
        roadmap, f"{valid}.", valid + ", sous réserve de ce qui suit : {reserve}.",
        f"{valid}, sous réserve (réserves à préciser).",
        "Le comité ajourne la validation de la feuille de route ; elle lui sera présentée à nouveau.",
        PENDING)


# What the minutes say while no decision is recorded: nothing more.
PENDING = "La décision du comité sur la feuille de route est en attente."


def version_line(roadmap: Roadmap) -> tuple[str, str]:
    label = "Version de la feuille de route validée" if validated(roadmap) else \
        "Version de la feuille de route présentée"
    return label, roadmap.parameters.version or "1.0"


def _is_copil_or_launch(step: ValidationStep) -> bool:
    return governance_check.is_steering_committee(step.body) or \
        schema.normalize(step.body) == schema.normalize(schema.LAUNCH)


def _status(step: ValidationStep) -> str:
    return schema.normalize(step.status or "")


def _recorded(step: ValidationStep) -> bool:
    """Whether the workbook records what happened at ``step`` (held, validated, adjourned)."""
    return _status(step) in ("validee", "ajournee", "tenue")


def body_sentence(step: ValidationStep, when: dt.date | None) -> str:
    """One other validation body, worded from the document's date ``when``: what it did
    only when the workbook records it; a date passed with nothing recorded « devait … ;
    statut à confirmer »; a date to come, the future."""
    subject = norm(step.subject or "")
    council = "deliberation" in subject or norm(step.body).startswith("conseil")
    who = f"Le {step.body[:1].lower() + step.body[1:]}" if norm(step.body).startswith(
        ("conseil", "bureau", "comite")) else f"« {step.body} »"
    date = fmt.long_date(step.date) if step.date else None
    status = _status(step)
    if when is not None and step.date is not None and step.date > when:
        status = "prevue"  # after the document's date: what it will do, whatever is recorded since
    did, will, ought = (("a délibéré", "délibérera", "devait délibérer") if council else
                        ("a examiné la feuille de route", "examinera la feuille de route",
                         "devait examiner la feuille de route"))
    if status == "validee":
        adopted = "a adopté la feuille de route" if council else "a validé la feuille de route"
        return f"{who} {adopted}" + (f" le {date}." if date else ".")
    if status == "ajournee":
        return f"{who} a ajourné sa décision" + (f" le {date}." if date else ".")
    if status == "tenue":
        return f"{who} {did}" + (f" le {date}." if date else ".")
    if date is None:
        return f"{who} reste à programmer."
    past = when is not None and step.date is not None and step.date < when
    if past:
        return f"{who} {ought} le {date} ; statut à confirmer."
    return f"{who} {will} le {date}."


def unconfirmed_bodies(roadmap: Roadmap, when: dt.date | None) -> int:
    """How many other bodies met before ``when`` with nothing recorded of what they did."""
    return sum(1 for s in roadmap.validations if not _is_copil_or_launch(s) and s.date and when
               and s.date < when and not _recorded(s))


def other_bodies(roadmap: Roadmap, when: dt.date | None) -> list[str]:
    steps = sorted((s for s in roadmap.validations if not _is_copil_or_launch(s)),
                   key=lambda s: (s.date or dt.date.max, s.row))
    return [body_sentence(s, when) for s in steps]


def validation_claim(roadmap: Roadmap) -> str:
    """The announcement's one sentence on validation: only what is recorded."""
    p = roadmap.parameters
    on = f" le {fmt.long_date(p.committee_on)}" if p.committee_on else ""
    valid = f"La feuille de route a été validée par le comité de pilotage{on}"
    return _worded(roadmap, f"{valid}.", valid + ", sous réserve de ce qui suit : {reserve}.",
                   f"{valid}, sous réserve.",
                   f"Le comité de pilotage{on.replace(' le ', ' du ', 1)} a ajourné la validation de la feuille de route.",
                   f"La feuille de route a été présentée au comité de pilotage{on}.")


def programmes(roadmap: Roadmap) -> str:
    """« La feuille de route s’articule avec le PCAET (B1.2, B6.3) et le SPASER (B2.4). »"""
    by_programme: dict[str, list[str]] = defaultdict(list)
    for action in roadmap.actions:
        if action.programme:
            by_programme[action.programme].append(action.id)
    if not by_programme:
        return ""
    parts = []
    for name, ids in by_programme.items():
        named = name if name.isupper() else name[:1].lower() + name[1:]
        art = "l\u2019" if norm(name)[:1] in "aeiouy" else "le "
        parts.append(f"{art}{named} ({', '.join(ids)})")
    return french.apostrophes(f"La feuille de route s’articule avec {french.join(parts)}.")


# --- Tables a COPIL expects --------------------------------------------------

def budget_by_envelope(figures: Iterable[BudgetFigure]) -> list[dict[str, str]]:
    """Per year, financing and nature, the check's own figures (what it compared): an
    overrun of one envelope is never hidden by a margin in another."""
    rows = []
    for f in figures:
        plan = Decimal(str(f.planned))
        # Spending with no envelope at all says « aucune », not « 0 k€ ».
        amount = Decimal(str(f.envelope)) if f.envelope is not None else Decimal(0)
        gap = amount - plan
        rows.append({"annee": str(f.year), "financement": f.financing, "nature": f.nature.lower(),
                     "prevu": fmt.keuros(plan), "enveloppe": fmt.keuros(amount) if f.envelope is not None else "aucune",
                     "ecart": ("+" if gap > 0 else "") + fmt.keuros(gap),
                     "situation": "dépassée" if gap < 0 else "respectée"})
    return rows


def indicators(roadmap: Roadmap) -> list[dict[str, str]]:
    return [{"id": i.id, "indicateur": french.apostrophes(i.name or i.id),
             "cible": _target(i.target, i.unit), "echeance": str(i.deadline) if i.deadline else "à préciser",
             "responsable": i.owner or "à désigner"} for i in roadmap.indicators]


def _target(value: Decimal | None, unit: str | None) -> str:
    if value is None:
        return "à préciser"
    return value_with_unit(value, unit)


def value_with_unit(value: Decimal, unit: str | None) -> str:
    """« 25 % », « 7 ans » (never « 7 années »), « 200 kg CO2e »."""
    return fmt.quantity(value, unit)


def critical_risks(roadmap: Roadmap) -> list[dict[str, str]]:
    risks = [r for r in roadmap.risks if norm(r.type) == norm(schema.RISK) and (r.criticality or 0) >= CRITICAL]
    risks.sort(key=lambda r: (-(r.criticality or 0), r.row))
    return [{"id": r.id, "risque": french.apostrophes(r.description or r.id),
             "criticite": f"{r.probability} × {r.impact} = {r.criticality}",
             "mesure": french.apostrophes(r.measure or "à définir"), "responsable": r.owner or "à désigner"}
            for r in risks]


def success_factors(roadmap: Roadmap) -> list[str]:
    return [french.apostrophes(r.description or r.id) for r in roadmap.risks
            if norm(r.type) == norm(schema.SUCCESS_FACTOR)]


def validation_table(roadmap: Roadmap, after: dt.date | None, when: dt.date | None = None) -> list[dict[str, str]]:
    """The bodies after ``after`` (the committee); a status recorded for a date past the
    document's ``when`` is not known on that day: « Prévue »."""
    rows = []
    for step in sorted(roadmap.validations, key=lambda v: (v.date or dt.date.max, v.row)):
        if after and step.date and step.date <= after:
            continue
        future = when is not None and step.date is not None and step.date > when
        rows.append({"instance": step.body, "objet": french.apostrophes(step.subject or ""),
                     "date": fmt.long_date(step.date) if step.date else "à fixer",
                     "statut": schema.VALIDATION_PLANNED if future else step.status or "à préciser"})
    return rows


def participants_table(people: list[Participant], local_authority: str | None) -> list[dict[str, str]]:
    """Grouped by organisation (the collectivité first); the name of each
    organisation printed once, on the first row of its group."""
    home = norm(local_authority)
    ordered = sorted(people, key=lambda p: (norm(p.organisation) != home, norm(p.organisation), p.row))
    rows, last = [], None
    for person in ordered:
        org = person.organisation or ""
        function = french.apostrophes(person.function or "")
        if person.represented_by:  # the one who came, for whom
            name, function = person.represented_by, f"pour {person.name}" + (f", {function}" if function else "")
        else:
            name = person.name
        rows.append({"nom": name, "fonction": function,
                     "organisation": french.apostrophes(org) if norm(org) != last else ""})
        last = norm(org)
    return rows


def single_organisation(people: list[Participant]) -> str:
    orgs = {norm(p.organisation) for p in people}
    return french.apostrophes(people[0].organisation or "") if len(orgs) == 1 and people else ""


def drafter(roadmap: Roadmap) -> str:
    for role in (schema.ROLE_SECRETARIAT, schema.ROLE_PILOT):
        for p in roadmap.participants:
            if norm(p.role) == norm(role):
                return f"{p.name}, {p.function[:1].lower() + p.function[1:]}" if p.function else p.name
    return roadmap.parameters.contact or "à préciser"


def diffusion(roadmap: Roadmap) -> str:
    """Every member of the committee, present, represented, excused or absent, then the
    « Diffusion » of « Paramètres » (« ; » or « , » between names), each once."""
    names = [p.name for p in roadmap.participants]
    names += [n.strip() for n in re.split(r"[;,\n]", roadmap.parameters.diffusion or "") if n.strip()]
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(norm(name), name)
    return ", ".join(seen.values()) or "à préciser"
