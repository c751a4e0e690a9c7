"""Risques: risks and key success factors identified, critical risks mitigated."""

from __future__ import annotations

from typing import Iterator

from nr_xl import schema
from nr_xl.findings import Finding, finding
from nr_xl.model import Risk, Roadmap

CRITICAL = 9  # probability x impact, each 1..4 (DOMAIN.md)


def check(roadmap: Roadmap) -> Iterator[Finding]:
    if Risk.SHEET in roadmap.missing_sheets:
        return
    risks = [r for r in roadmap.risks if r.type == schema.RISK]
    if not risks:
        yield finding(
            "risk.none_identified", sheet=Risk.SHEET,
            message=f"Aucun risque n'est identifié dans la feuille « {Risk.SHEET} ».",
            suggestion="Listez les principaux risques (arbitrages budgétaires, surcharge de la DSI, "
                       "départ du porteur, indicateurs peu fiables…) avec probabilité et impact de 1 à 4.",
        )
    if not any(r.type == schema.SUCCESS_FACTOR for r in roadmap.risks):
        yield finding(
            "risk.no_success_factor", sheet=Risk.SHEET,
            message=f"Aucun facteur clé de succès n'est identifié dans la feuille « {Risk.SHEET} ».",
            suggestion="Ajoutez les conditions de réussite (portage politique, budget pluriannuel, "
                       f"référents dans chaque direction…) avec le type « {schema.SUCCESS_FACTOR} ».",
        )
    actions = roadmap.action_by_id()
    for risk in roadmap.risks:
        crit = risk.criticality
        if risk.type == schema.RISK and crit is not None and crit >= CRITICAL:
            missing = [h for h, v in ((schema.RISQUES.measure.header, risk.measure),
                                      (schema.RISQUES.owner.header, risk.owner)) if not v]
            if missing:
                yield finding(
                    "risk.unmitigated", sheet=risk.SHEET, row=risk.row, field=missing[0], key=risk.id,
                    message=f"Le risque {risk.id} est critique ({risk.probability} × {risk.impact} = {crit}) "
                            f"mais n'a {_lacks(missing)}.",
                    suggestion="Définissez une mesure de maîtrise et un responsable pour tout risque "
                               "de criticité 9 ou plus, ou réévaluez sa probabilité et son impact.",
                )
        for ref in risk.actions:
            if ref not in actions and schema.ACTIONS.sheet not in roadmap.missing_sheets:
                yield finding(
                    "risk.unknown_action", sheet=risk.SHEET, row=risk.row, field=schema.RISQUES.actions.header,
                    key=f"{risk.id}/{ref}",
                    message=f"Le risque {risk.id} cite l'action « {ref} », absente de la feuille de route.",
                    suggestion=f"Corrigez l'identifiant dans « {schema.RISQUES.actions.header} ».",
                )


def _lacks(fields: list[str]) -> str:
    """« pas de « Mesure » » or « ni « Mesure » ni « Responsable » »."""
    if len(fields) == 1:
        return f"pas de « {fields[0]} »"
    return " ".join(f"ni « {f} »" for f in fields)
