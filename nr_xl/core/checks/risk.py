"""Risques: risks and key success factors identified, critical risks mitigated."""

from __future__ import annotations

from collections.abc import Iterator

from nr_xl.core import schema
from nr_xl.core.checks import legal
from nr_xl.core.findings import LEGAL, Finding, finding
from nr_xl.core.model import Risk, Roadmap

CRITICAL = 9  # probability x impact, each 1..4: the ANCT grid


def check(roadmap: Roadmap) -> Iterator[Finding]:
    if Risk.SHEET in roadmap.missing_sheets:
        return
    risks = [r for r in roadmap.risks if r.type == schema.RISK]
    untyped = any("type" in r.unread for r in roadmap.risks)  # a type no one could read may be either
    if not risks and not untyped:
        yield finding(
            "risk.none_identified", sheet=Risk.SHEET,
        )
    if not untyped and not any(r.type == schema.SUCCESS_FACTOR for r in roadmap.risks):
        yield finding(
            "risk.no_success_factor", sheet=Risk.SHEET,
        )
    actions = roadmap.action_by_id()
    for risk in roadmap.risks:
        crit = risk.criticality
        if risk.type == schema.RISK and crit is not None and crit >= CRITICAL:
            missing = [h for h, v in ((schema.RISKS.measure.header, risk.measure),
                                      (schema.RISKS.owner.header, risk.owner)) if not v]
            if missing:
                at_stake = [(a.id, duty.name) for a in (actions.get(ref) for ref in risk.actions) if a is not None
                            for duty in legal.served_by(a, roadmap)[:1]]
                yield finding(
                    "risk.unmitigated", sheet=risk.SHEET, row=risk.row, field=missing[0], key=risk.id,
                    risk=risk.id, probability=risk.probability, impact=risk.impact, criticality=crit,
                    lacks=_lacks(missing), grade=LEGAL if at_stake else None,
                    stake=f", alors qu'il menace {at_stake[0][0]}, qui répond à l'obligation « {at_stake[0][1]} »"
                    if at_stake else "",
                )
        for ref in risk.actions:
            if ref not in actions and schema.ACTIONS.sheet not in roadmap.missing_sheets:
                yield finding(
                    "risk.unknown_action", sheet=risk.SHEET, row=risk.row, field=schema.RISKS.actions.header,
                    key=f"{risk.id}/{ref}", risk=risk.id, action=ref,
                )


def _lacks(fields: list[str]) -> str:
    """« pas de « Mesure » » or « ni « Mesure » ni « Responsable » »."""
    if len(fields) == 1:
        return f"pas de « {fields[0]} »"
    return " ".join(f"ni « {f} »" for f in fields)
