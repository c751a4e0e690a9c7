"""Compétences: every required skill held by some service (Acquise or Partielle)."""

from __future__ import annotations

from typing import Iterator

from nr_xl.checks._util import norm
from nr_xl.findings import Finding, finding
from nr_xl.model import Roadmap, Skill

RANK = {"Acquise": 2, "Partielle": 1, "À acquérir": 0}


def best_levels(roadmap: Roadmap) -> dict[str, tuple[int, list[Skill]]]:
    """Skill key -> (best rank, the rows holding it at that rank)."""
    best: dict[str, tuple[int, list[Skill]]] = {}
    for skill in roadmap.skills:
        if skill.skill is None or skill.level is None:
            continue
        rank, key = RANK[skill.level], norm(skill.skill)
        current = best.get(key)
        if current is None or rank > current[0]:
            best[key] = (rank, [skill])
        elif rank == current[0]:
            current[1].append(skill)
    return best


def _services(holders: list[Skill]) -> str:
    names = list(dict.fromkeys(h.service or "?" for h in holders))
    shown = ", ".join(names[:3])
    return shown + (f" et {len(names) - 3} autre(s)" if len(names) > 3 else "")


def check(roadmap: Roadmap) -> Iterator[Finding]:
    best = best_levels(roadmap)
    for action in roadmap.actions:
        for required in action.skills:
            rank, holders = best.get(norm(required), (-1, []))
            key = f"{action.id}/{required}"
            if rank <= 0:
                where = (f"seulement « à acquérir » ({_services(holders)})"
                         if rank == 0 else "détenue par aucun service")
                yield finding(
                    "skills.missing", sheet=action.SHEET, row=action.row,
                    field="Compétences requises", key=key,
                    message=f"L'action {action.id} requiert la compétence « {required} », {where}.",
                    suggestion="Prévoir une formation, un recrutement ou une prestation (et son budget), "
                               "ou déclarer la compétence dans « Compétences » si un service la détient.",
                )
            elif rank == 1:
                yield finding(
                    "skills.partial", sheet=action.SHEET, row=action.row,
                    field="Compétences requises", key=key,
                    message=f"L'action {action.id} requiert « {required} », que {_services(holders)} "
                            "ne maîtrise que partiellement.",
                    suggestion="Prévoir un accompagnement (formation, appui ponctuel) avant le démarrage.",
                )
