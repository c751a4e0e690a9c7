"""Compétences: every required skill held, at level Acquise or Partielle, by a
service that works on the action (its pilot, or a service with workload on it).
A skill held only by a service that does no work on the action does not count:
it has to be mobilised or transferred first."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from nr_xl.core.checks._util import is_abandoned, norm
from nr_xl.core import schema
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import Action, Roadmap, Skill

RANK = {schema.SKILL_ACQUIRED: 2, schema.SKILL_PARTIAL: 1, schema.SKILL_TO_ACQUIRE: 0}


def holders_by_skill(roadmap: Roadmap) -> dict[str, dict[str, tuple[int, list[Skill]]]]:
    """Skill key -> service key -> (best rank, the rows declaring it at that rank)."""
    result: dict[str, dict[str, tuple[int, list[Skill]]]] = defaultdict(dict)
    for skill in roadmap.skills:
        if skill.skill is None or skill.level is None or skill.unread:
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


class _Holders:
    """The services holding one skill, indexed so that each required skill costs
    a few lookups per service working on the action, not a scan of every holder:
    a région-sized roadmap has thousands of services and of required skills."""

    def __init__(self, by_service: dict[str, tuple[int, list[Skill]]]) -> None:
        self.by_service = by_service
        # In the order of « Compétences », never of a set: a message must not depend on the hash seed.
        self.order = {service: i for i, service in enumerate(by_service)}
        self.services_at: dict[int, list[str]] = defaultdict(list)
        for service, (rank, _) in by_service.items():
            self.services_at[rank].append(service)
        self.ranks = sorted(self.services_at, reverse=True)
        # Per rank: the names as written, in order, each once, and the service key of each;
        # and how many names each service brings, so excluding a few services costs a few lookups.
        self.names_at: dict[int, dict[str, str]] = {}
        self.name_count: dict[str, int] = defaultdict(int)
        for rank, services in self.services_at.items():
            names: dict[str, str] = {}
            for service in services:
                for row in by_service[service][1]:
                    names.setdefault(row.service or "?", service)
            self.names_at[rank] = names
            for service in names.values():
                self.name_count[service] += 1

    def best_among(self, services: set[str]) -> tuple[int, str]:
        """The best rank among ``services`` and who holds it there, as a message names them."""
        found = sorted((self.order[s], s) for s in services if s in self.order)
        rank = max((self.by_service[s][0] for _, s in found), default=-1)
        rows = [row for _, s in found if self.by_service[s][0] == rank for row in self.by_service[s][1]]
        return rank, _services(list(dict.fromkeys(row.service or "?" for row in rows)))

    def best_outside(self, services: set[str]) -> tuple[int, str]:
        """The best rank among every other service, and who holds it at that rank."""
        for rank in self.ranks:
            excluded = {s for s in services if self.by_service.get(s, (None,))[0] == rank}
            if len(excluded) == len(self.services_at[rank]):
                continue
            names = self.names_at[rank]
            if not excluded:
                return rank, _services(names)
            dropped = sum(self.name_count[s] for s in excluded)
            return rank, _services(_first_outside(names, excluded, 3), len(names) - dropped)
        return -1, _services([])

    def best(self) -> tuple[int, str]:
        return self.best_outside(set())


def _first_outside(names: dict[str, str], excluded: set[str], count: int) -> list[str]:
    """The first ``count`` names whose service is not excluded."""
    return list(itertools.islice((name for name, service in names.items() if service not in excluded), count))


def _services(names: list[str] | dict[str, str], total: int | None = None) -> str:
    """« A, B, C et 4 autre(s) »: at most three names of services."""
    shown = ", ".join(itertools.islice(names, 3))
    total = len(names) if total is None else total
    return shown + (f" et {total - 3} autre(s)" if total > 3 else "")


def check(roadmap: Roadmap) -> Iterator[Finding]:
    holders = {skill: _Holders(by_service) for skill, by_service in holders_by_skill(roadmap).items()}
    nobody = _Holders({})
    working = working_services(roadmap)
    # A skill whose level or service could not be read somewhere: who holds it is not known;
    # a skill name that could not be read may be any of them.
    unread = {norm(s.skill) for s in roadmap.skills if s.unread & {"level", "service"} and s.skill}
    any_skill = any("skill" in s.unread for s in roadmap.skills)
    for action in roadmap.actions:
        if is_abandoned(action):
            continue
        for required in action.skills:
            found = _required(action, required, holders.get(norm(required), nobody), working.get(action.id, set()))
            if norm(required) not in unread and not any_skill:
                yield from found


def _required(action: Action, required: str, holders: _Holders, working: set[str]) -> Iterator[Finding]:
    rank, best = holders.best_among(working)
    if rank >= 2:
        return  # the common case, decided without looking at the other services
    far_rank, far_best = holders.best_outside(working)
    key = f"{action.id}/{required}"
    where: dict[str, Any] = dict(sheet=action.SHEET, row=action.row, field=schema.ACTIONS.skills.header,
                                 key=key)
    if rank == 1:
        yield finding(
            "skills.partial", **where, action=action.id, skill=required, holders=best,
            alternative=f", ou mobiliser {far_best}" if far_rank == 2 else "",
        )
    elif rank <= 0 and far_rank >= 1:
        yield finding(
            "skills.elsewhere", **where, action=action.id, skill=required, holders=far_best,
            level="acquise" if far_rank == 2 else "partielle", pilot=action.pilot or "non renseigné",
        )
    elif rank <= 0:
        all_rank, all_best = holders.best()
        where_text = (f"seulement « à acquérir » ({all_best})"
                      if all_rank == 0 else "détenue par aucun service")
        yield finding(
            "skills.missing", **where, action=action.id, skill=required, held=where_text,
        )
