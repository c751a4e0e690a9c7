"""Table rows -> a typed ``Roadmap`` plus the ``input.*`` findings (pure).

Each cell is parsed by its column's kind (schema.py). A cell that cannot be
read becomes a finding on that cell and the value None; the rest is still read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from nr_xl import fmt, parse, schema, vocabulary
from nr_xl.findings import Finding, finding
from nr_xl.model import (
    Action, BudgetLine, Capacity, Decision, Envelope, GovernanceBody, Indicator, Parameters,
    Participant, Priority, Risk, Roadmap, Skill, ValidationStep, Workload,
)
from nr_xl.schema import Kind, TableSpec
from nr_xl.tables import Table, TableRow, cell_ref, extract


_MISS = object()

# Required columns whose blank cells a check reports itself (with a better
# message), or that mean something when blank: no input.missing_value for them.
BLANK_ALLOWED: frozenset[tuple[str, str]] = frozenset({
    (schema.ACTIONS.sheet, "Priorités"),  # alignment.action_without_priority
    (schema.ACTIONS.sheet, "Début"),  # schedule.invalid_period
    (schema.ACTIONS.sheet, "Fin"),
    (schema.ACTIONS.sheet, "Statut"),  # blank: not started, counted as active
    (schema.ACTIONS.sheet, "Compétences requises"),  # an action may need no particular skill
    (schema.ACTIONS.sheet, "Indicateurs"),  # kpi.action_without_kpi
    (schema.BUDGET.sheet, "Investissement (€)"),  # blank amount: nothing planned
    (schema.BUDGET.sheet, "Fonctionnement (€)"),
    (schema.BUDGET.sheet, "Financement"),  # blank: Enveloppe NR (CONTRACT §2)
    (schema.ENVELOPES.sheet, "Investissement (€)"),
    (schema.ENVELOPES.sheet, "Fonctionnement (€)"),
    (schema.ENVELOPES.sheet, "Financement"),
    (schema.INDICATORS.sheet, "Cible"),  # kpi.incomplete
    (schema.INDICATORS.sheet, "Responsable"),
    (schema.RISKS.sheet, "Probabilité"),  # read only for risks, not success factors
    (schema.RISKS.sheet, "Impact"),
    (schema.GOVERNANCE.sheet, "Présidence"),  # governance.no_chair, for the COPIL
    (schema.GOVERNANCE.sheet, "Date d'installation"),  # governance.no_date
})


@dataclass
class RowReader:
    """Parses the cells of one table, collecting a finding per unreadable cell."""

    table: Table
    findings: list[Finding] = field(default_factory=list)
    # (Excel row, header) of each cell that could not be read.
    bad_cells: set[tuple[int, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._columns = {c.header: c for c in self.table.spec.columns}
        # One parser per column, resolved once instead of once per cell.
        self._parsers = {c.header: functools.partial(_PARSERS[c.kind], col=c) for c in self.table.spec.columns}
        self._cache: dict[tuple[str, object], Any] = {}

    @property
    def spec(self) -> TableSpec:
        return self.table.spec

    def value(self, row: TableRow, header: str) -> Any:
        raw = row.values.get(header)
        # Blank test inlined (parse.is_blank): it runs on every cell of the workbook.
        if raw is None or (raw.isspace() or not raw if type(raw) is str else
                           type(raw) is float and raw != raw):
            if (self._columns[header].required and header in self.table.columns
                    and (self.spec.sheet, header) not in BLANK_ALLOWED):
                self._missing(row, header)
            return () if self._columns[header].kind is Kind.ID_LIST else None
        # Roadmaps repeat the same values (services, years, statuses, financings):
        # each distinct cell value of a column is parsed once.
        key = (header, raw)
        hit = self._cache.get(key, _MISS)
        if hit is not _MISS:
            return hit
        try:
            result = self._parsers[header](raw)
            self._cache[key] = result
            return result
        except parse.CellError as err:
            column = self._columns[header]
            default = vocabulary.RULE_DEFAULTS.get(column.enum) if err.code == "unknown_value" else None
            if default is not None:
                err = parse.CellError(err.code, f"{err.message} ; {default[1]}", err.suggestion)
            self.report_cell(row, header, err)
            self.bad_cells.add((row.row, header))
            if default is not None:
                return default[0]
            return () if column.kind is Kind.ID_LIST else None

    def required(self, row: TableRow, header: str) -> Any:
        """Like value(), and a finding when the cell is empty (even in a column
        whose blanks are otherwise allowed)."""
        result = self.value(row, header)
        if (result is None and parse.is_blank(row.get(header)) and header in self.table.columns
                and (not self._columns[header].required or (self.spec.sheet, header) in BLANK_ALLOWED)):
            self._missing(row, header)
        return result

    def meaningful(self, row: TableRow, header: str) -> str | None:
        """Free text where « à définir », « ? » or « TBD » counts as empty."""
        result = self.value(row, header)
        return None if result is None or vocabulary.is_placeholder(result) else result

    def _missing(self, row: TableRow, header: str) -> None:
        self.findings.append(finding(
            "input.missing_value", sheet=self.spec.sheet, row=row.row, field=header,
            key=cell_ref(self.spec.sheet, header, row.row, self.table),
            message=f"« {self.spec.sheet} », ligne {row.row} : la colonne « {header} » est vide "
                    "alors que la ligne est remplie.",
            suggestion=f"Renseignez « {header} » ou supprimez la ligne.",
        ))

    def unreadable(self, row: TableRow, header: str) -> bool:
        """Whether value() already reported this cell as unreadable."""
        return (row.row, header) in self.bad_cells

    def report_cell(self, row: TableRow, header: str, err: parse.CellError) -> None:
        sheet = self.spec.sheet
        ref = cell_ref(sheet, header, row.row, self.table)
        self.findings.append(finding(
            f"input.{err.code}", sheet=sheet, row=row.row, field=header, key=ref,
            message=f"{ref} (« {header} ») : {err.message}.",
            suggestion=err.suggestion,
        ))


def _parse_text(raw: object, col: schema.Column) -> str | None:
    return parse.text(raw)


def _parse_enum(raw: object, col: schema.Column) -> str | None:
    return parse.enum(raw, col.enum)


_PARSERS: dict[Kind, Callable[..., Any]] = {
    Kind.TEXT: _parse_text,
    Kind.ID: _parse_text,
    Kind.ID_LIST: lambda raw, col: parse.id_list(raw),
    Kind.DATE: lambda raw, col: parse.date(raw),
    Kind.QUARTER: lambda raw, col: parse.quarter(raw),
    Kind.AMOUNT: lambda raw, col: parse.amount(raw),
    Kind.YEAR: lambda raw, col: parse.year(raw),
    Kind.SCORE: lambda raw, col: parse.score(raw),
    Kind.ENUM: _parse_enum,
    Kind.COMPUTED: lambda raw, col: None,
}


def build_roadmap(sheets: dict[str, list[list[object]]]) -> tuple[Roadmap, list[Finding]]:
    """The roadmap and every input finding, from plain rows of each sheet."""
    tables = {spec.sheet: extract(spec, sheets.get(spec.sheet)) for spec in schema.INPUT_TABLES}
    findings: list[Finding] = [f for t in tables.values() for f in t.findings]
    readers = {name: RowReader(t) for name, t in tables.items()}

    def rows(spec: TableSpec) -> tuple[RowReader, list[TableRow]]:
        return readers[spec.sheet], tables[spec.sheet].rows

    roadmap = Roadmap(
        parameters=_parameters(*rows(schema.PARAMETER_TABLE)),
        priorities=tuple(_priorities(*rows(schema.PRIORITIES))),
        actions=tuple(_actions(*rows(schema.ACTIONS))),
        budget=tuple(_budget(*rows(schema.BUDGET))),
        envelopes=tuple(_envelopes(*rows(schema.ENVELOPES))),
        workload=tuple(_workload(*rows(schema.CHARGE))),
        capacities=tuple(_capacities(*rows(schema.CAPACITIES))),
        skills=tuple(_skills(*rows(schema.SKILLS))),
        indicators=tuple(_indicators(*rows(schema.INDICATORS))),
        risks=tuple(_risks(*rows(schema.RISKS))),
        governance=tuple(_governance(*rows(schema.GOVERNANCE))),
        validations=tuple(_validations(*rows(schema.VALIDATION))),
        participants=tuple(_participants(*rows(schema.PARTICIPANTS))),
        decisions=tuple(_decisions(*rows(schema.DECISIONS))),
        missing_sheets=frozenset(n for n, t in tables.items() if not t.present),
    )
    for reader in readers.values():
        findings.extend(reader.findings)
    findings.extend(_missing_parameters(roadmap.parameters, tables[schema.PARAMETER_TABLE.sheet]))
    return roadmap, findings


def _parameters(r: RowReader, rows: list[TableRow]) -> Parameters:
    values: dict[str, Any] = {}
    found_rows: dict[str, int] = {}
    for row in rows:
        key = parse.text(row.get("Paramètre"))
        spec = schema.PARAMETERS_BY_KEY.get(schema.normalize(key)) if key else None
        if spec is None:
            continue  # free rows users add for themselves
        found_rows[spec.key] = row.row
        raw = row.get("Valeur")
        try:
            if spec.kind is Kind.DATE:
                values[spec.key] = parse.date(raw)
            elif spec.kind is Kind.AMOUNT:
                values[spec.key] = _within(spec.key, parse.amount(raw))
            else:
                values[spec.key] = _within(spec.key, parse.text(raw))
        except parse.CellError as err:
            ref = cell_ref(r.spec.sheet, "Valeur", row.row, r.table)
            r.findings.append(finding(
                f"input.{err.code}", sheet=r.spec.sheet, row=row.row, field="Valeur", key=ref,
                message=f"{ref} (paramètre « {spec.key} ») : {err.message}.",
                suggestion=err.suggestion,
            ))
    delay = values.get("Délai de mise en place de la gouvernance (jours)")
    return Parameters(
        local_authority=values.get("Collectivité"),
        population=values.get("Population"),
        formalised_on=values.get("Date de formalisation"),
        committee_on=values.get("Date du comité de validation"),
        committee_place=values.get("Lieu du comité"),
        committee_chair=values.get("Présidence du comité"),
        minutes_approved_on=values.get("Compte rendu approuvé le"),
        ambition=values.get("Ambition"),
        version=values.get("Version") or "1.0",
        governance_delay_days=int(delay) if delay is not None and delay >= 0 else 30,
        contact=values.get("Contact"),
        documents_folder=values.get("Dossier des documents"),
        committee_decision=values.get("Décision du comité"),
        reservations=values.get("Réserves"),
        rows=found_rows,
        value_column=r.table.columns.get("Valeur", 1) + 1,
    )


# What a parameter can plausibly be; beyond, it is a typo that would overflow a date
# computation (a delay of 10¹² days) or print nonsense in the documents.
PARAMETER_BOUNDS: dict[str, tuple[int, int, str]] = {
    "Population": (0, 100_000_000, "un nombre d'habitants"),
    "Délai de mise en place de la gouvernance (jours)": (0, 3_650, "un délai en jours (0 à 3 650)"),
}
MAX_VERSION_LENGTH = 20


def _within(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in PARAMETER_BOUNDS:
        low, high, what = PARAMETER_BOUNDS[key]
        if not low <= value <= high:
            raise parse.CellError("implausible_parameter", f"{fmt.number(value)} n'est pas {what} plausible",
                                  f"Saisissez {what} entre {fmt.number(low)} et {fmt.number(high)}.")
    if key == "Version" and len(str(value)) > MAX_VERSION_LENGTH:
        raise parse.CellError("implausible_parameter", "ce n'est pas un numéro de version",
                              "Saisissez un numéro court, par exemple 1.0 ou 2.3.")
    return value


def read_parameters(sheets: dict[str, list[list[object]]]) -> Parameters:
    """Only the Paramètres sheet, parsed as build_roadmap does (findings dropped)."""
    table = extract(schema.PARAMETER_TABLE, sheets.get(schema.PARAMETER_TABLE.sheet))
    return _parameters(RowReader(table), table.rows)


def _missing_parameters(params: Parameters, table: Table) -> list[Finding]:
    if not table.present or "Paramètre" not in table.columns:
        return []
    given = {
        "Collectivité": params.local_authority,
        "Date de formalisation": params.formalised_on,
        "Date du comité de validation": params.committee_on,
        "Présidence du comité": params.committee_chair,
    }
    out = []
    for spec in schema.PARAMETERS:
        if not spec.required or given.get(spec.key) is not None:
            continue
        row = params.rows.get(spec.key)
        if row is not None and table.rows and any(
            r.row == row and not parse.is_blank(r.get("Valeur")) for r in table.rows
        ):
            continue  # present but unreadable: already reported on the cell
        out.append(finding(
            "input.missing_parameter", sheet=table.spec.sheet, row=row, field="Valeur",
            key=spec.key,
            message=f"Le paramètre « {spec.key} » n'est pas renseigné. {spec.help}",
            suggestion=f"Renseignez « {spec.key} » dans la feuille « Paramètres »"
                       + (f" (ligne {row})." if row else " (ajoutez la ligne si elle manque)."),
        ))
    return out


def _priorities(r: RowReader, rows: list[TableRow]) -> list[Priority]:
    out = []
    for row in rows:
        pid = r.required(row, "ID")
        if pid is None:
            continue
        out.append(Priority(row.row, pid, r.value(row, "Priorité"), r.value(row, "Description")))
    return out


def _actions(r: RowReader, rows: list[TableRow]) -> list[Action]:
    out = []
    for row in rows:
        aid = r.required(row, "ID")
        if aid is None:
            continue
        start, end = r.value(row, "Début"), r.value(row, "Fin")
        out.append(Action(
            row=row.row, id=aid, axis=r.value(row, "Axe"), title=r.value(row, "Action"),
            pilot=r.value(row, "Service pilote"), priorities=r.value(row, "Priorités"),
            start=start, end=end, status=r.value(row, "Statut"),
            skills=r.value(row, "Compétences requises"), indicators=r.value(row, "Indicateurs"),
            dependencies=r.value(row, "Dépendances"), programme=r.value(row, "Programme lié"),
            period_unreadable=r.unreadable(row, "Début") or r.unreadable(row, "Fin"),
        ))
    return out


# One budget line above this is almost always a typo (cents, or k€ typed as €):
# ten times the yearly digital budget of a large région.
IMPLAUSIBLE_EUROS = Decimal(100_000_000)


def _plausible(r: RowReader, row: TableRow, header: str) -> Decimal | None:
    value = r.value(row, header)
    if value is not None and abs(value) > IMPLAUSIBLE_EUROS:
        r.report_cell(row, header, parse.CellError(
            "implausible_amount", f"{fmt.euros(value)} est invraisemblable pour une ligne de feuille de route",
            "Vérifiez l'unité : le montant est-il en k€, ou saisi en centimes ?"))
    return value


def _money(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)


def _budget(r: RowReader, rows: list[TableRow]) -> list[BudgetLine]:
    out = []
    for row in rows:
        out.append(BudgetLine(
            row=row.row, action=r.required(row, "Action"), year=r.required(row, "Année"),
            investment=_money(_plausible(r, row, "Investissement (€)")),
            operating=_money(_plausible(r, row, "Fonctionnement (€)")),
            financing=r.value(row, "Financement") or schema.DEFAULT_FINANCING,
        ))
    return out


def _envelopes(r: RowReader, rows: list[TableRow]) -> list[Envelope]:
    return [
        Envelope(
            row=row.row, year=r.required(row, "Année"),
            financing=r.value(row, "Financement") or schema.DEFAULT_FINANCING,
            investment=_plausible(r, row, "Investissement (€)"),
            operating=_plausible(r, row, "Fonctionnement (€)"), status=r.value(row, "Statut"),
        )
        for row in rows
    ]


def _days(r: RowReader, row: TableRow, header: str) -> Decimal | None:
    """Jours-homme, never negative: a negative capacity would turn every load rate upside down."""
    value = r.required(row, header)
    if value is not None and value < 0:
        r.report_cell(row, header, parse.CellError(
            "implausible_workload", f"{fmt.days(value)} — des jours-homme ne peuvent pas être négatifs ; "
                                    "la ligne est ignorée dans les calculs de charge",
            "Saisissez un nombre de jours-homme positif ou nul."))
        return None
    return value


def _workload(r: RowReader, rows: list[TableRow]) -> list[Workload]:
    return [
        Workload(row=row.row, action=r.required(row, "Action"), service=r.required(row, "Service"),
                 year=r.required(row, "Année"), days=_money(_days(r, row, "Jours-homme")))
        for row in rows
    ]


def _capacities(r: RowReader, rows: list[TableRow]) -> list[Capacity]:
    return [
        Capacity(row=row.row, service=r.required(row, "Service"), year=r.required(row, "Année"),
                 days=_days(r, row, "Jours-homme disponibles"))
        for row in rows
    ]


def _skills(r: RowReader, rows: list[TableRow]) -> list[Skill]:
    return [
        Skill(row=row.row, service=r.value(row, "Service"), skill=r.required(row, "Compétence"),
              level=r.required(row, "Niveau"))
        for row in rows
    ]


def _indicators(r: RowReader, rows: list[TableRow]) -> list[Indicator]:
    out = []
    for row in rows:
        iid = r.required(row, "ID")
        if iid is None:
            continue
        out.append(Indicator(
            row=row.row, id=iid, name=r.value(row, "Indicateur"), unit=r.value(row, "Unité"),
            baseline=r.value(row, "Valeur de référence"),
            baseline_year=r.value(row, "Année de référence"), target=r.value(row, "Cible"),
            deadline=r.value(row, "Échéance"), frequency=r.value(row, "Fréquence"),
            owner=r.meaningful(row, "Responsable"), source=r.value(row, "Source"),
            obligation=r.value(row, "Obligation"), direction=r.value(row, "Sens"),
        ))
    return out


def _risks(r: RowReader, rows: list[TableRow]) -> list[Risk]:
    out = []
    for row in rows:
        rid = r.required(row, "ID")
        if rid is None:
            continue
        out.append(Risk(
            row=row.row, id=rid, type=r.required(row, "Type"),
            description=r.value(row, "Description"), probability=r.value(row, "Probabilité"),
            impact=r.value(row, "Impact"), measure=r.meaningful(row, "Mesure"),
            owner=r.meaningful(row, "Responsable"), actions=r.value(row, "Actions liées"),
        ))
    return out


def _governance(r: RowReader, rows: list[TableRow]) -> list[GovernanceBody]:
    out = []
    for row in rows:
        name = r.required(row, "Instance")
        if name is None:
            continue
        out.append(GovernanceBody(
            row=row.row, name=name, role=r.value(row, "Rôle"), chair=r.meaningful(row, "Présidence"),
            members=r.value(row, "Membres"), frequency=r.value(row, "Fréquence"),
            installed_on=r.value(row, "Date d'installation"),
        ))
    return out


def _validations(r: RowReader, rows: list[TableRow]) -> list[ValidationStep]:
    out = []
    for row in rows:
        body = r.required(row, "Instance")
        if body is None:
            continue
        out.append(ValidationStep(row=row.row, body=body, subject=r.value(row, "Objet"),
                                  date=r.value(row, "Date"), status=r.value(row, "Statut")))
    return out


def _participants(r: RowReader, rows: list[TableRow]) -> list[Participant]:
    out = []
    for row in rows:
        name = r.required(row, "Nom")
        if name is None:
            continue
        out.append(Participant(
            row=row.row, name=name, function=r.value(row, "Fonction"),
            organisation=r.value(row, "Organisation"), presence=r.value(row, "Présence"),
            role=r.value(row, "Rôle"),
        ))
    return out


def _decisions(r: RowReader, rows: list[TableRow]) -> list[Decision]:
    out = []
    for row in rows:
        number = r.required(row, "N°")
        if number is None:
            continue
        out.append(Decision(row=row.row, number=number, text=r.value(row, "Décision"),
                            owner=r.meaningful(row, "Responsable"), due=r.value(row, "Échéance")))
    return out
