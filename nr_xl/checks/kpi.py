"""Indicateurs: every action followed by a KPI, every KPI clearly defined (ANCT, step 5)."""

from __future__ import annotations

from typing import Iterator

from nr_xl.findings import Finding, finding
from nr_xl.model import Indicator, Roadmap

# A good indicator has a unit, a baseline, a target and its deadline, a
# frequency, an owner and a data source (DOMAIN.md).
ESSENTIAL = (("Responsable", "owner"), ("Cible", "target"))
DEFINITION = (("Unité", "unit"), ("Valeur de référence", "baseline"), ("Fréquence", "frequency"),
              ("Source", "source"), ("Échéance", "deadline"))


def check(roadmap: Roadmap) -> Iterator[Finding]:
    known = {i.id for i in roadmap.indicators}
    for action in roadmap.actions:
        if not action.indicators:
            yield finding(
                "kpi.action_without_kpi", sheet=action.SHEET, row=action.row, field="Indicateurs",
                key=action.id,
                message=f"L'action {action.id} n'est suivie par aucun indicateur.",
                suggestion="Indiquez dans « Indicateurs » l'ID d'un indicateur de la feuille « Indicateurs » "
                           "(ou créez-en un) pour pouvoir rendre compte de son avancement.",
            )
        elif "Indicateurs" not in roadmap.missing_sheets:
            for ref in action.indicators:
                if ref not in known:
                    yield finding(
                        "kpi.unknown_reference", sheet=action.SHEET, row=action.row,
                        field="Indicateurs", key=f"{action.id}/{ref}",
                        message=f"L'action {action.id} cite l'indicateur « {ref} », absent de la feuille « Indicateurs ».",
                        suggestion="Corrigez l'identifiant ou ajoutez l'indicateur à la feuille « Indicateurs ».",
                    )
    for indicator in roadmap.indicators:
        yield from _definition(indicator)


def _definition(ind: Indicator) -> Iterator[Finding]:
    missing = [header for header, attr in ESSENTIAL if getattr(ind, attr) is None]
    if missing:
        yield finding(
            "kpi.incomplete", sheet=ind.SHEET, row=ind.row, field=missing[0], key=ind.id,
            message=f"L'indicateur {ind.id} « {ind.name or ''} » n'a {_lacks(missing)}.",
            suggestion="Sans responsable ni cible, l'indicateur ne sera ni mesuré ni interprété : "
                       "renseignez " + _listing(missing) + ".",
        )
    weak = [header for header, attr in DEFINITION if getattr(ind, attr) is None]
    if weak:
        yield finding(
            "kpi.weak_definition", sheet=ind.SHEET, row=ind.row, field=weak[0], key=ind.id,
            message=f"L'indicateur {ind.id} « {ind.name or ''} » est incomplet : "
                    + ("manquent " if len(weak) > 1 else "manque ") + _listing(weak) + ".",
            suggestion="Un bon indicateur a une unité, une valeur de référence, une cible et son échéance, "
                       "une fréquence, un responsable et une source de données.",
        )


def _listing(fields: list[str]) -> str:
    quoted = [f"« {f} »" for f in fields]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " et " + quoted[-1]


def _lacks(fields: list[str]) -> str:
    if len(fields) == 1:
        return f"pas de « {fields[0]} »"
    return " ".join(f"ni « {f} »" for f in fields)
