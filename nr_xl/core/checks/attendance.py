"""Validation: the committee that validates is carried politically — an elected member
present, its chair there or represented — and meets after the roadmap is formalised."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nr_xl.core import fmt, schema
from nr_xl.core.checks._util import norm
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import Participant, Roadmap

# An elected member by role (the « Rôle » dropdown) or by function, folded. « Directrice
# générale adjointe » is no elected member: « adjoint(e) » counts only « au maire » or « délégué(e) ».
_ELECTED_ROLE = re.compile(r"^(president|elu)")
_ELECTED_FUNCTION = re.compile(
    r"\b(maire|vice[- ]?president\w*|president\w*|elue?s?|conseill\w+ (municipal|communautaire|metropolitain|"
    r"departemental|regional|delegu)\w*|adjointe? (au maire|delegue\w*)|senat\w*|depute\w*)\b")
_CHAIR_ROLE = re.compile(r"^president")
_NOT_PRESENT = {schema.EXCUSED: "excusé(e)", schema.ABSENT: "absent(e)"}


def is_elected(person: Participant) -> bool:
    return bool(_ELECTED_ROLE.match(norm(person.role)) or _ELECTED_FUNCTION.search(norm(person.function)))


def chair(roadmap: Roadmap) -> Participant | None:
    """Who chairs the committee: « Président(e) » in « Rôle », else the participant named
    first in « Présidence du comité »."""
    people = roadmap.participants
    by_role = next((p for p in people if _CHAIR_ROLE.match(norm(p.role))), None)
    if by_role is not None:
        return by_role
    named = norm(roadmap.parameters.committee_chair)
    return next((p for p in people if norm(p.name) and named.startswith(norm(p.name))), None)


def check(roadmap: Roadmap) -> Iterator[Finding]:
    yield from _dates(roadmap)
    people = roadmap.participants
    if schema.PARTICIPANTS.sheet in roadmap.missing_sheets or not people:
        return  # nobody recorded yet: nothing to say of who came
    if any("presence" in p.unread for p in people):
        return  # a presence no one could read may be the elected member's
    elected = [p for p in people if is_elected(p)]
    if not any(p.presence == schema.PRESENT for p in elected):
        away = [p.name for p in elected if p.presence in _NOT_PRESENT]
        yield finding("validation.no_elected_member", sheet=schema.PARTICIPANTS.sheet,
                      detail=f" (excusés ou absents : {', '.join(away)})" if away else
                      f" (aucun participant n'a le rôle « {schema.ROLE_ELECTED} » ou « {schema.ROLE_CHAIR} »)")
    person = chair(roadmap)
    if person is not None and person.presence in _NOT_PRESENT and not person.represented_by:
        yield finding("validation.chair_absent", sheet=person.SHEET, row=person.row,
                      field=schema.PARTICIPANTS.presence.header, key=person.name, name=person.name,
                      presence=_NOT_PRESENT[person.presence])


def _dates(roadmap: Roadmap) -> Iterator[Finding]:
    p = roadmap.parameters
    if p.committee_on is not None and p.formalised_on is not None and p.committee_on < p.formalised_on:
        row = p.rows.get(schema.COMMITTEE_ON.key)
        yield finding("validation.committee_before_formalisation", sheet=p.SHEET, row=row,
                      field=schema.PARAMETER_TABLE.value.header if row else None,
                      committee=fmt.long_date(p.committee_on), formalised=fmt.long_date(p.formalised_on))
