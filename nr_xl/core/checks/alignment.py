"""Ambition politique: an ambition written, every strategic priority served, every action serving one."""

from __future__ import annotations

from collections.abc import Iterator

from nr_xl.core import schema, vocabulary
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import Priority, Roadmap


def check(roadmap: Roadmap) -> Iterator[Finding]:
    yield from _ambition(roadmap)
    known = {p.id for p in roadmap.priorities}
    served: set[str] = set()
    for action in roadmap.actions:
        if not action.priorities and "priorities" not in action.unread:
            yield finding(
                "alignment.action_without_priority", sheet=action.SHEET, row=action.row,
                field=schema.ACTIONS.priorities.header, key=action.id, action=action.id,
            )
        for pid in action.priorities:
            if pid in known:
                served.add(pid)
            elif Priority.SHEET not in roadmap.missing_sheets:
                yield finding(
                    "alignment.unknown_priority", sheet=action.SHEET, row=action.row,
                    field=schema.ACTIONS.priorities.header, key=f"{action.id}/{pid}", action=action.id, priority=pid,
                )
    for priority in roadmap.priorities:
        if priority.id not in served:
            yield finding(
                "alignment.priority_uncovered", sheet=priority.SHEET, row=priority.row,
                field=schema.PRIORITIES.id.header, key=priority.id, priority=priority.id, title=priority.title or "",
            )


def _ambition(roadmap: Roadmap) -> Iterator[Finding]:
    if schema.PARAMETER_TABLE.sheet in roadmap.missing_sheets:
        return  # the missing sheet is said; its ambition is not verified
    ambition = (roadmap.parameters.ambition or "").strip()
    if ambition and not vocabulary.is_placeholder(ambition):
        return
    row = roadmap.parameters.rows.get(schema.AMBITION.key)
    yield finding(
        "alignment.no_ambition", sheet=schema.PARAMETER_TABLE.sheet, row=row,
        field=schema.PARAMETER_TABLE.value.header if row else None,
        detail=f" (« {ambition} »)" if ambition else "",
    )
