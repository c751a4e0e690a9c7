"""Ressources: responsibilities spread enough that one absence does not stop the roadmap
(a risk the ANCT method names: « single point of failure on the chargé(e) de mission »)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from nr_xl.core import schema
from nr_xl.core.checks._util import is_abandoned, norm
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import Roadmap

# One service piloting more than half of the actions (counted from this many actions).
PILOT_SHARE, MIN_ACTIONS = 0.5, 4
# One person holding more than a third of the named responsibilities (at least this many).
PERSON_SHARE, MIN_ROLES = 1 / 3, 6

_QUALIFIER = re.compile(r"\s*[(,].*$")


def person(text: str) -> str:
    """« Léa Fontaine, chargée de mission » and « Léa Fontaine (DSI) » are one person."""
    return _QUALIFIER.sub("", text).strip() or text.strip()


def check(roadmap: Roadmap) -> Iterator[Finding]:
    actions = [a for a in roadmap.actions if not is_abandoned(a)]
    pilots = Counter(norm(a.pilot) for a in actions if a.pilot)
    spelled = {norm(a.pilot): a.pilot for a in reversed(actions) if a.pilot}
    if len(actions) >= MIN_ACTIONS:
        for service, count in pilots.most_common():
            if count > PILOT_SHARE * len(actions):
                first = next(a for a in actions if norm(a.pilot) == service)
                yield finding(
                    "resources.concentration", sheet=first.SHEET, row=first.row, field=schema.ACTIONS.pilot.header,
                    key=spelled[service], service=spelled[service], count=count, total=len(actions),
                )
    yield from _people(roadmap)


def _people(roadmap: Roadmap) -> Iterator[Finding]:
    roles: list[tuple[str, str]] = []
    roles += [(b.chair, f"préside « {b.name} »") for b in roadmap.governance if b.chair]
    roles += [(i.owner, f"suit l'indicateur {i.id}") for i in roadmap.indicators if i.owner]
    roles += [(r.owner, f"répond de {r.id}") for r in roadmap.risks if r.owner]
    roles += [(d.owner, f"porte la décision {d.number}") for d in roadmap.decisions if d.owner]
    held: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for who, what in roles:
        key = norm(person(who))
        held.setdefault(key, []).append(what)
        names.setdefault(key, person(who))
    for key, duties in held.items():
        if len(duties) >= MIN_ROLES and len(duties) > PERSON_SHARE * len(roles):
            yield finding(
                "resources.concentration", variant="person", sheet=None, key=names[key], person=names[key],
                count=len(duties), total=len(roles),
                duties=", ".join(duties[:5]) + ("…" if len(duties) > 5 else ""),
            )
