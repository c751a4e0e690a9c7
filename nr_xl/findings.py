"""Findings, their catalogue of codes, and the report that owns the exit code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from nr_xl.schema import DIMENSIONS, EXTRA_DIMENSIONS


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def label(self) -> str:
        return {"error": "Bloquant", "warning": "Alerte", "info": "Info"}[self.value]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    dimension: str
    title: str  # French, one line: what the rule is about


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (I for INFO, beside E and W)

# Every finding code, declared once (docs/constats.md is generated from it). Extend, never rename.
CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("budget.envelope_exceeded", E, "Budget", "Enveloppe dépassée"),
        Code("budget.no_envelope", E, "Budget", "Dépense sans enveloppe"),
        Code("budget.outside_action_period", W, "Budget", "Budget hors de la période de l'action"),
        Code("budget.unknown_action", E, "Budget", "Ligne de budget d'une action inconnue"),
        Code("budget.negative_amount", E, "Budget", "Montant négatif"),
        Code("budget.unconfirmed_envelope", W, "Budget", "Dépense sur une enveloppe non votée"),
        Code("budget.abandoned_action", I, "Budget", "Budget d'une action abandonnée (hors totaux)"),
        Code("capacity.overload", E, "Ressources", "Surcharge d'un service"),
        Code("capacity.near_limit", W, "Ressources", "Service proche de sa capacité"),
        Code("capacity.unknown_service", E, "Ressources", "Service sans capacité déclarée"),
        Code("capacity.unknown_action", E, "Ressources", "Charge d'une action inconnue"),
        Code("capacity.outside_action_period", W, "Ressources",
             "Charge hors de la période de l'action"),
        Code("capacity.abandoned_action", I, "Ressources", "Charge d'une action abandonnée (hors totaux)"),
        Code("resources.concentration", W, "Ressources", "Responsabilités trop concentrées"),
        Code("skills.missing", E, "Compétences", "Compétence absente"),
        Code("skills.partial", W, "Compétences", "Compétence partielle"),
        Code("skills.elsewhere", W, "Compétences", "Compétence détenue hors des services de l'action"),
        Code("alignment.priority_uncovered", W, "Ambition politique", "Priorité non couverte"),
        Code("alignment.action_without_priority", W, "Ambition politique",
             "Action sans priorité"),
        Code("alignment.unknown_priority", E, "Ambition politique", "Priorité inconnue"),
        Code("schedule.invalid_period", E, "Planning", "Période invalide"),
        Code("schedule.dependency_order", W, "Planning", "Dépendance non terminée"),
        Code("schedule.unknown_dependency", E, "Planning", "Dépendance inconnue"),
        Code("schedule.dependency_cycle", E, "Planning", "Dépendances circulaires"),
        Code("kpi.action_without_kpi", E, "Indicateurs", "Action sans indicateur"),
        Code("kpi.unknown_reference", E, "Indicateurs", "Indicateur inconnu"),
        Code("kpi.incomplete", E, "Indicateurs", "Indicateur incomplet"),
        Code("kpi.weak_definition", W, "Indicateurs", "Indicateur mal défini"),
        Code("kpi.below_legal_floor", E, "Indicateurs", "Cible sous le plancher légal"),
        Code("kpi.obligation_unfollowed", W, "Indicateurs", "Obligation légale sans indicateur"),
        Code("kpi.deadline_outside_period", W, "Indicateurs", "Échéance hors de la période"),
        Code("kpi.baseline_after_deadline", W, "Indicateurs", "Référence postérieure à l'échéance"),
        Code("kpi.target_equals_baseline", W, "Indicateurs", "Cible égale à la référence"),
        Code("kpi.wrong_direction", E, "Indicateurs", "Cible dans le mauvais sens"),
        Code("risk.none_identified", E, "Risques", "Aucun risque identifié"),
        Code("risk.no_success_factor", W, "Risques", "Aucun facteur clé de succès"),
        Code("risk.unmitigated", E, "Risques", "Risque critique sans parade"),
        Code("risk.unknown_action", W, "Risques", "Risque lié à une action inconnue"),
        Code("governance.late_setup", E, "Gouvernance", "Gouvernance installée trop tard"),
        Code("governance.no_steering_committee", E, "Gouvernance", "Pas de comité de pilotage"),
        Code("governance.no_date", W, "Gouvernance", "Instance sans date d'installation"),
        Code("governance.installed_before_formalisation", W, "Gouvernance",
             "Installation datée avant la formalisation"),
        Code("governance.no_chair", E, "Gouvernance", "Comité de pilotage sans présidence"),
        Code("governance.rare_meetings", W, "Gouvernance", "Comité de pilotage réuni moins d'une fois par an"),
        Code("decision.incomplete", W, "Gouvernance", "Décision sans responsable ou sans échéance"),
        Code("validation.followup_missing", W, "Validation", "Instance de validation manquante"),
        Code("validation.no_launch", W, "Validation", "Lancement officiel non daté"),
        Code("validation.out_of_order", W, "Validation", "Instance prévue avant le comité de pilotage"),
        Code("validation.launch_too_early", E, "Validation",
             "Lancement avant une instance dont il dépend"),
        Code("ids.duplicate", E, "Structure", "Identifiant en double"),
        Code("journal.tampered", E, "Journal", "Journal modifié à la main"),
        Code("journal.reference_altered", E, "Journal", "Version de référence altérée"),
        Code("journal.reference_missing", E, "Journal", "Version de référence disparue"),
        Code("input.missing_sheet", E, "Structure", "Feuille manquante"),
        Code("input.missing_table", W, "Structure", "Tableau Excel manquant"),
        Code("input.missing_column", E, "Structure", "Colonne manquante"),
        Code("input.missing_optional_column", W, "Structure", "Colonne facultative manquante"),
        Code("input.duplicate_column", E, "Structure", "Colonne en double"),
        Code("input.missing_value", E, "Structure", "Valeur obligatoire manquante"),
        Code("input.missing_parameter", E, "Structure", "Paramètre manquant"),
        Code("input.bad_date", E, "Structure", "Date illisible"),
        Code("input.bad_quarter", E, "Structure", "Trimestre illisible"),
        Code("input.bad_number", E, "Structure", "Nombre illisible"),
        Code("input.bad_year", E, "Structure", "Année illisible"),
        Code("input.bad_value", E, "Structure", "Valeur hors liste"),
        Code("input.unknown_value", W, "Structure", "Valeur hors liste (non bloquante)"),
        Code("input.out_of_range", E, "Structure", "Note hors de l'échelle 1 à 4"),
        Code("input.formula_error", E, "Structure", "Erreur de formule"),
        Code("input.too_many_rows", E, "Structure", "Tableau trop long"),
        Code("input.implausible_amount", W, "Structure", "Montant invraisemblable"),
        Code("input.implausible_date", E, "Structure", "Date ou trimestre hors de la période plausible"),
        Code("input.implausible_workload", E, "Structure", "Jours-homme négatifs"),
        Code("input.implausible_parameter", E, "Structure", "Paramètre invraisemblable"),
    )
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    dimension: str
    sheet: str | None
    row: int | None
    field: str | None
    key: str | None
    message: str
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        # By hand rather than dataclasses.asdict, which deep-copies every field
        # recursively: thousands of findings go through here on each check.
        return {"code": self.code, "severity": self.severity.value, "dimension": self.dimension,
                "sheet": self.sheet, "row": self.row, "field": self.field, "key": self.key,
                "message": self.message, "suggestion": self.suggestion}

    @property
    def sort_key(self) -> tuple[int, str, int, str, str]:
        return (
            self.severity.rank,
            self.sheet or "",
            self.row if self.row is not None else 0,
            self.code,
            self.key or "",
        )


def finding(
    code: str,
    *,
    message: str,
    suggestion: str,
    sheet: str | None = None,
    row: int | None = None,
    field: str | None = None,
    key: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding whose severity and dimension come from the catalogue."""
    spec = CODES[code]
    return Finding(
        code=code,
        severity=severity or spec.severity,
        dimension=spec.dimension,
        sheet=sheet,
        row=row,
        field=field,
        key=key,
        message=message,
        suggestion=suggestion,
    )


STATUS_BLOCKING = "bloquant"
STATUS_TO_ARBITRATE = "à arbitrer"
STATUS_FEASIBLE = "faisable"


def status_of(findings: Iterable[Finding]) -> str:
    severities = {f.severity for f in findings}
    if Severity.ERROR in severities:
        return STATUS_BLOCKING
    if Severity.WARNING in severities:
        return STATUS_TO_ARBITRATE
    return STATUS_FEASIBLE


@dataclass
class Report:
    file: str
    findings: list[Finding]
    # Figures a committee wants beside the findings (see checks/figures.py).
    figures: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=lambda f: f.sort_key)

    @property
    def status(self) -> str:
        return status_of(self.findings)

    @property
    def dimensions(self) -> dict[str, str]:
        # One pass over the findings: a région-sized report has thousands.
        by_dimension: dict[str, list[Finding]] = {}
        for f in self.findings:
            by_dimension.setdefault(f.dimension, []).append(f)
        names = list(DIMENSIONS) + [d for d in EXTRA_DIMENSIONS if d in by_dimension]
        return {d: status_of(by_dimension.get(d, ())) for d in names}

    @property
    def exit_code(self) -> int:
        return 1 if self.status == STATUS_BLOCKING else 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "dimensions": self.dimensions,
            "findings": [f.to_dict() for f in self.findings],
            "figures": self.figures,
        }
