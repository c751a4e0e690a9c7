"""Compétences: every required skill held, at level Acquise or Partielle, by a
service that works on the action (its pilot, or a service with workload on it).
A skill held only by a service that does no work on the action does not count:
it has to be mobilised or transferred first."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

from nr_xl.checks._util import is_abandoned, norm
from nr_xl import schema
from nr_xl.findings import Finding, finding
from nr_xl.model import Action, Roadmap, Skill

RANK = {schema.SKILL_ACQUIRED: 2, schema.SKILL_PARTIAL: 1, schema.SKILL_TO_ACQUIRE: 0}


def holders_by_skill(roadmap: Roadmap) -> dict[str, dict[str, tuple[int, list[Skill]]]]:
    """Skill key -> service key -> (best rank, the rows declaring it at that rank)."""
    result: dict[str, dict[str, tuple[int, list[Skill]]]] = defaultdict(dict)
    for skill in roadmap.skills:
        if skill.skill is None or skill.level is None:
            continue
        by_service = result[norm(skill.skill)]
        rank, service = RANK[skill.level], norm(skill.service)
        current = by_service.get(service)
        if current is None or rank > current[0]:
            by_service[service] = (rank, [skill])
        elif rank == current[0]:
            current[1].append(skill)
    return result


def working_services(roadmap: Roadmap) -> dict[str, set[str]]:
    """Action ID -> services that work on it: its pilot and every service with workload on it."""
    result: dict[str, set[str]] = defaultdict(set)
    for action in roadmap.actions:
        if action.pilot:
            result[action.id].add(norm(action.pilot))
    for load in roadmap.workload:
        if load.action and load.service and load.days > 0:
            result[load.action].add(norm(load.service))
    return result


def _best(levels: list[tuple[int, list[Skill]]]) -> tuple[int, list[Skill]]:
    """The best rank among services, and every row holding it at that rank."""
    rank = max((r for r, _ in levels), default=-1)
    return rank, [h for r, rows in levels if r == rank for h in rows]


def _services(holders: list[Skill]) -> str:
    names = list(dict.fromkeys(h.service or "?" for h in holders))
    shown = ", ".join(names[:3])
    return shown + (f" et {len(names) - 3} autre(s)" if len(names) > 3 else "")


def check(roadmap: Roadmap) -> Iterator[Finding]:
    holders = holders_by_skill(roadmap)
    working = working_services(roadmap)
    for action in roadmap.actions:
        if is_abandoned(action):
            continue
        for required in action.skills:
            yield from _required(action, required, holders.get(norm(required), {}),
                                 working.get(action.id, set()))


def _required(action: Action, required: str, holders: dict[str, tuple[int, list[Skill]]],
              working: set[str]) -> Iterator[Finding]:
    # In the order of « Compétences », never of a set: a message must not depend on the hash seed.
    rank, best = _best([v for s, v in holders.items() if s in working])
    if rank >= 2:
        return  # the common case, decided without looking at the other services
    far_rank, far_best = _best([v for s, v in holders.items() if s not in working])
    key = f"{action.id}/{required}"
    where: dict[str, Any] = dict(sheet=action.SHEET, row=action.row, field=schema.ACTIONS.skills.header,
                                 key=key)
    if rank == 1:
        yield finding(
            "skills.partial", **where,
            message=f"L'action {action.id} requiert « {required} », que {_services(best)} "
                    "ne maîtrise que partiellement.",
            suggestion="Prévoir un accompagnement (formation, appui ponctuel) avant le démarrage"
                       + (f", ou mobiliser {_services(far_best)}." if far_rank == 2 else "."),
        )
    elif rank <= 0 and far_rank >= 1:
        yield finding(
            "skills.elsewhere", **where,
            message=f"L'action {action.id} requiert « {required} », détenue par {_services(far_best)} "
                    f"({'acquise' if far_rank == 2 else 'partielle'}), qui ne travaille pas sur l'action "
                    f"(pilote : {action.pilot or 'non renseigné'}).",
            suggestion=f"Mobiliser {_services(far_best)} (ajouter sa charge dans « {schema.CHARGE.sheet} ») "
                       "ou transférer la compétence au service pilote.",
        )
    elif rank <= 0:
        all_rank, all_best = _best(list(holders.values()))
        where_text = (f"seulement « à acquérir » ({_services(all_best)})"
                      if all_rank == 0 else "détenue par aucun service")
        yield finding(
            "skills.missing", **where,
            message=f"L'action {action.id} requiert la compétence « {required} », {where_text}.",
            suggestion="Prévoir une formation, un recrutement ou une prestation (et son budget), "
                       f"ou déclarer la compétence dans « {Skill.SHEET} » si un service la détient.",
        )
