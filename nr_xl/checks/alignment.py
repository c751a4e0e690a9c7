"""Ambition politique: every strategic priority served, every action serving one."""

from __future__ import annotations

from typing import Iterator

from nr_xl import schema
from nr_xl.findings import Finding, finding
from nr_xl.model import Priority, Roadmap


def check(roadmap: Roadmap) -> Iterator[Finding]:
    known = {p.id for p in roadmap.priorities}
    served: set[str] = set()
    for action in roadmap.actions:
        if not action.priorities:
            yield finding(
                "alignment.action_without_priority", sheet=action.SHEET, row=action.row,
                field=schema.ACTIONS.priorities.header, key=action.id,
                message=f"L'action {action.id} n'est rattachée à aucune priorité stratégique.",
                suggestion=f"Indiquez dans « {schema.ACTIONS.priorities.header} » l'identifiant de la priorité "
                           "qu'elle sert "
                           "(ex. P1), ou interrogez son maintien dans la feuille de route.",
            )
        for pid in action.priorities:
            if pid in known:
                served.add(pid)
            elif Priority.SHEET not in roadmap.missing_sheets:
                yield finding(
                    "alignment.unknown_priority", sheet=action.SHEET, row=action.row,
                    field=schema.ACTIONS.priorities.header, key=f"{action.id}/{pid}",
                    message=f"L'action {action.id} cite la priorité « {pid} », absente de la feuille "
                            f"« {Priority.SHEET} ».",
                    suggestion=f"Corrigez l'identifiant ou ajoutez cette priorité à la feuille « {Priority.SHEET} ».",
                )
    for priority in roadmap.priorities:
        if priority.id not in served:
            yield finding(
                "alignment.priority_uncovered", sheet=priority.SHEET, row=priority.row,
                field=schema.PRIORITES.id.header, key=priority.id,
                message=f"La priorité {priority.id} « {priority.title or ''} » n'est servie par aucune action.",
                suggestion="Rattachez-lui au moins une action, ou faites acter par le comité "
                           "qu'elle est reportée.",
            )
