"""Décisions: every decision of the committee has an owner and a due date."""

from __future__ import annotations

from collections.abc import Iterator

from nr_xl.core import schema
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import Roadmap


def check(roadmap: Roadmap) -> Iterator[Finding]:
    for decision in roadmap.decisions:
        missing = [h for h, f, v in ((schema.DECISIONS.owner.header, "owner", decision.owner),
                                     (schema.DECISIONS.due.header, "due", decision.due))
                   if v is None and f not in decision.unread]
        if not missing:
            continue
        yield finding(
            "decision.incomplete", sheet=decision.SHEET, row=decision.row, field=missing[0],
            key=decision.number, decision=decision.number, lacks=_lacks(missing),
        )


def _lacks(fields: list[str]) -> str:
    if len(fields) == 1:
        return f"pas de « {fields[0]} »"
    return " ".join(f"ni « {f} »" for f in fields)
