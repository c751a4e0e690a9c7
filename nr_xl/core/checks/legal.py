"""The law around the roadmap (obligations.py holds the texts): which obligations
bind this collectivité, which actions serve one, and the legal adoption the
roadmap must plan — the REEN strategy's deliberation and yearly review, the
RGAA accessibility statement and multi-year plan."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from nr_xl.core import fmt, schema
from nr_xl.core.checks._util import norm
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import Action, Parameters, Roadmap
from nr_xl.core.obligations import BY_NAME, OBLIGATIONS, REEN_STRATEGY, Obligation

COMMUNE, EPCI, DEPARTEMENT, REGION, OTHER = "commune", "epci", "departement", "region", "autre"
# How a collectivité's name or its « Type de collectivité » says what it is (folded text).
# Checked in this order: « Communauté de communes » is an EPCI, not a commune.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (EPCI, re.compile(r"\b(epci|communaute|metropole|agglomeration|agglo|intercommunal\w*|"
                      r"etablissement public territorial)\b")),
    (DEPARTEMENT, re.compile(r"\b(departement\w*|collectivite europeenne d.alsace)\b")),
    (REGION, re.compile(r"\b(region\w*|collectivite (territoriale )?de (corse|guyane|martinique))\b")),
    (COMMUNE, re.compile(r"\b(commune|ville|mairie|municipal\w*)\b")),
)
_OTHER_WORDS = ("autre", "syndicat", "etablissement public", "ccas", "sdis")
KIND_LABEL = {COMMUNE: "la commune", EPCI: "l'EPCI", DEPARTEMENT: "le département", REGION: "la région"}
COUNCIL = {COMMUNE: "municipal", EPCI: "communautaire"}


def authority_kind(parameters: Parameters) -> str | None:
    """What the collectivité is: its « Type de collectivité », else read in its name
    (None: neither says)."""
    for text in (parameters.authority_type, parameters.local_authority):
        folded = norm(text)
        if not folded:
            continue
        for kind, pattern in _KINDS:
            if pattern.search(folded):
                return kind
        if text is parameters.authority_type or any(w in folded for w in _OTHER_WORDS):
            return OTHER
    return None


def binds(obligation: Obligation, parameters: Parameters) -> bool:
    """Whether ``obligation`` binds the collectivité: its population (when known) is above
    the obligation's threshold, and its kind (when known) is one the obligation names."""
    population = parameters.population
    if obligation.min_population and population is not None and population <= obligation.min_population:
        return False
    kind = authority_kind(parameters)
    return not (obligation.kinds and kind is not None and kind not in obligation.kinds)


def _says(text: str | None, groups: tuple[tuple[str, ...], ...]) -> bool:
    folded = norm(text)
    return bool(groups) and all(any(word in folded for word in group) for group in groups)


def served_by(action: Action, roadmap: Roadmap) -> list[Obligation]:
    """The binding obligations ``action`` serves: by its title, or through an indicator it
    cites that names the obligation."""
    named = {ind.obligation for ind in roadmap.indicators if ind.id in action.indicators and ind.obligation}
    return [o for o in OBLIGATIONS if binds(o, roadmap.parameters)
            and (o.name in named or _says(action.title, o.recognised_by))]


# --- The legal adoption the roadmap plans --------------------------------------------------

_DELIBERATION = re.compile(r"\bdeliber\w*|\bconseil (municipal|communautaire|metropolitain|de (la )?metropole|"
                           r"de territoire|departemental|regional)\b")
_YEARLY_REVIEW = re.compile(r"\bbilan\b.*\b(annuel\w*|chaque annee|reen|developpement durable|rdd)\b|"
                            r"\brapport (sur la situation )?(en matiere de )?developpement durable\b")
_STATEMENT = re.compile(r"\bdeclaration\w* d.accessibilite\b")
_PLAN = re.compile(r"\b(schema|plan)\w* (pluri-?annuel\w*|de mise en accessibilite)\b")
REEN = BY_NAME[REEN_STRATEGY]


def check(roadmap: Roadmap) -> Iterator[Finding]:
    yield from _reen(roadmap)
    yield from _rgaa(roadmap)


def _reen(roadmap: Roadmap) -> Iterator[Finding]:
    p = roadmap.parameters
    if p.population is None or not binds(REEN, p):
        return
    kind = authority_kind(p)
    who = KIND_LABEL.get(kind or "", "la collectivité")
    population = f"{fmt.number(p.population, 0)} habitants"
    if schema.VALIDATION.sheet not in roadmap.missing_sheets and not any(
            "body" not in v.unread and _DELIBERATION.search(norm(f"{v.body} {v.subject or ''}"))
            and v.status != schema.VALIDATION_ADJOURNED for v in roadmap.validations):
        adjourned = [v.body for v in roadmap.validations if v.status == schema.VALIDATION_ADJOURNED
                     and _DELIBERATION.search(norm(f"{v.body} {v.subject or ''}"))]
        yield finding(
            "legal.reen_no_deliberation", sheet=schema.VALIDATION.sheet,
            authority=who[:1].upper() + who[1:], population=population,
            detail=f" (« {adjourned[0]} » est ajourné)" if adjourned else "",
            council=COUNCIL.get(kind or "", "municipal ou communautaire"),
        )
    if not _plans_yearly_review(roadmap):
        yield finding("legal.reen_no_yearly_review", sheet=schema.ACTIONS.sheet, authority=who,
                      population=population)


def _plans_yearly_review(roadmap: Roadmap) -> bool:
    if any(ind.obligation == REEN.name for ind in roadmap.indicators):
        return True
    return any(_YEARLY_REVIEW.search(norm(text)) for text in _plan_texts(roadmap))


def _plan_texts(roadmap: Roadmap) -> Iterable[str]:
    """Where a roadmap plans something: its actions, indicators, bodies, validations, decisions."""
    yield from (a.title or "" for a in roadmap.actions)
    yield from (i.name or "" for i in roadmap.indicators)
    yield from (f"{g.name} {g.role or ''}" for g in roadmap.governance)
    yield from (f"{v.body} {v.subject or ''}" for v in roadmap.validations)
    yield from (d.text or "" for d in roadmap.decisions)


def _rgaa(roadmap: Roadmap) -> Iterator[Finding]:
    if schema.ACTIONS.sheet in roadmap.missing_sheets or not roadmap.actions:
        return
    texts = [norm(t) for t in _plan_texts(roadmap)]
    missing = [what for what, pattern in (("la déclaration d'accessibilité", _STATEMENT),
                                          ("le schéma pluriannuel de mise en accessibilité", _PLAN))
               if not any(pattern.search(t) for t in texts)]
    if missing:
        yield finding("legal.rgaa_incomplete", sheet=schema.ACTIONS.sheet, what=" ni ".join(missing))

