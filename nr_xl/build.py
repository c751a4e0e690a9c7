"""Table rows -> a typed ``Roadmap`` plus the ``input.*`` findings (pure).

Each cell is parsed by its column's kind (schema.py). A cell that cannot be
read becomes a finding on that cell and the value None; the rest is still read.
"""

from __future__ import annotations

import dataclasses
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
from nr_xl.schema import Kind, Limit, TableSpec
from nr_xl.tables import Table, TableRow, cell_ref, extract


_MISS = object()

# The model dataclass of each input table's rows (model.py), by sheet.
ROW_MODELS: dict[str, type] = {model.SHEET: model for model in (
    Priority, Action, BudgetLine, Envelope, Workload, Capacity, Skill, Indicator, Risk,
    GovernanceBody, ValidationStep, Participant, Decision,
)}


@dataclass
class RowReader:
    """Parses the cells of one table, collecting a finding per unreadable cell."""

    table: Table
    findings: list[Finding] = field(default_factory=list)
    # (Excel row, header) of each cell that could not be read.
    bad_cells: set[tuple[int, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        columns = self.table.spec.columns
        present = self.table.columns
        self._columns = {c.header: c for c in columns}
        # One parser per column, resolved once instead of once per cell.
        self._parsers = {c.header: functools.partial(_PARSERS[c.kind], col=c) for c in columns}
        # Blank cells reported by value(), and the others by required() only.
        self._report_blank = frozenset(c.header for c in columns if c.header in present
                                       and c.required and not c.blank_ok)
        self._report_blank_if_required = frozenset(c.header for c in columns if c.header in present
                                                   and (not c.required or c.blank_ok))
        # Roadmaps repeat the same values (services, years, statuses, financings):
        # each distinct cell value of a column is parsed once. Blank cells are never cached.
        self.caches: dict[str, dict[object, Any]] = {c.header: {} for c in columns}

    @property
    def spec(self) -> TableSpec:
        return self.table.spec

    def value(self, row: TableRow, header: str) -> Any:
        raw = row.values.get(header)
        # Blank test inlined (parse.is_blank): it runs on every cell of the workbook.
        if raw is None or (raw.isspace() or not raw if type(raw) is str else
                           type(raw) is float and raw != raw):
            if header in self._report_blank:
                self._missing(row, header)
            return () if self._columns[header].kind is Kind.ID_LIST else None
        cache = self.caches[header]
        hit = cache.get(raw, _MISS)
        if hit is not _MISS:
            return hit
        try:
            result = self._parsers[header](raw)
            cache[raw] = result
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
        if result is None and header in self._report_blank_if_required and parse.is_blank(row.get(header)):
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
    parameters = readers[schema.PARAMETER_TABLE.sheet]
    roadmap = Roadmap(
        parameters=_parameters(parameters, parameters.table.rows),
        missing_sheets=frozenset(n for n, t in tables.items() if not t.present),
        **{spec.field: tuple(build_rows(readers[spec.sheet])) for spec in schema.INPUT_TABLES if spec.field},
    )
    for reader in readers.values():
        findings.extend(reader.findings)
    findings.extend(_missing_parameters(roadmap.parameters, tables[schema.PARAMETER_TABLE.sheet]))
    return roadmap, findings


def build_rows(r: RowReader) -> list[Any]:
    """The model objects of a table's rows (ROW_MODELS), each cell read as its column
    says (schema.Column: kind, blank_ok, placeholder_blank, identifies_row, limit,
    default); unreadable cells become findings of ``r``."""
    spec = r.spec
    model = ROW_MODELS[spec.sheet]
    value, is_placeholder = r.value, vocabulary.is_placeholder
    # Resolved once per table; most columns are read as they are (``simple``) and
    # their cells skip the extra steps below: this runs on every cell of the workbook.
    plan = []
    for col in spec.columns:
        if col.field is None or col.kind is Kind.COMPUTED:
            continue
        limit = _LIMITS.get(col.limit)
        simple = not (col.placeholder_blank or col.identifies_row or limit or col.default is not None)
        plan.append((col.header, r.caches[col.header], col.field, simple, col.placeholder_blank, limit,
                     col.identifies_row, col.default))
    extra = _EXTRA.get(spec.sheet)
    defaults = _defaults(model, [p[2] for p in plan])
    new = object.__new__
    out = []
    for row in r.table.rows:
        values: dict[str, Any] = {**defaults, "row": row.row}
        cells = row.values
        for header, cache, name, simple, placeholder, limit, identifies, default in plan:
            # A value already parsed in this column is taken from its cache: most cells.
            result = cache.get(cells.get(header), _MISS)
            if result is _MISS:
                result = value(row, header)
            if not simple:
                if result is not None:
                    if placeholder and is_placeholder(result):
                        result = None
                    elif limit is not None:
                        result = limit(r, row, header, result)
                if result is None:
                    if identifies:
                        break
                    result = default
            values[name] = result
        else:
            if extra is not None:
                values.update(extra(r, row))  # only fields with a default (tests/test_build.py)
            # Every field is in ``values`` (checked by _defaults): filled directly, as a
            # frozen dataclass's __init__ would (it sets each field through
            # object.__setattr__, four times the cost, on every row of the workbook).
            obj: Any = new(model)
            obj.__dict__.update(values)
            out.append(obj)
    return out


@functools.cache
def _defaults_of(model: type) -> dict[str, Any]:
    return {f.name: f.default for f in dataclasses.fields(model) if f.default is not dataclasses.MISSING}


def _defaults(model: type, read: list[str]) -> dict[str, Any]:
    """The defaults of the model's fields that are not read from a cell; every
    field without a default must be read (or be ``row``)."""
    defaults = _defaults_of(model)
    fields = {f.name for f in dataclasses.fields(model)}
    unset = fields - set(read) - set(defaults) - {"row"}
    if unset:
        raise TypeError(f"{model.__name__}: fields neither read nor defaulted: {sorted(unset)}")
    if set(read) - fields:  # __init__ would refuse them; filling __dict__ would not
        raise TypeError(f"{model.__name__}: read into no field: {sorted(set(read) - fields)}")
    if any(f.default_factory is not dataclasses.MISSING for f in dataclasses.fields(model)):
        raise TypeError(f"{model.__name__}: a default_factory would be shared between rows here")
    return {k: v for k, v in defaults.items() if k not in read}


# One budget line above this is almost always a typo (cents, or k€ typed as €):
# ten times the yearly digital budget of a large région.
IMPLAUSIBLE_EUROS = Decimal(100_000_000)


def _plausible_euros(r: RowReader, row: TableRow, header: str, value: Decimal) -> Decimal:
    if abs(value) > IMPLAUSIBLE_EUROS:
        r.report_cell(row, header, parse.CellError(
            "implausible_amount", f"{fmt.euros(value)} est invraisemblable pour une ligne de feuille de route",
            "Vérifiez l'unité : le montant est-il en k€, ou saisi en centimes ?"))
    return value


def _plausible_days(r: RowReader, row: TableRow, header: str, value: Decimal) -> Decimal | None:
    """Jours-homme, never negative: a negative capacity would turn every load rate upside down."""
    if value < 0:
        r.report_cell(row, header, parse.CellError(
            "implausible_workload", f"{fmt.days(value)} — des jours-homme ne peuvent pas être négatifs ; "
                                    "la ligne est ignorée dans les calculs de charge",
            "Saisissez un nombre de jours-homme positif ou nul."))
        return None
    return value


_LIMITS: dict[Limit, Callable[[RowReader, TableRow, str, Any], Any]] = {
    Limit.EUROS: _plausible_euros,
    Limit.DAYS: _plausible_days,
}


_START, _END = schema.ACTIONS.start.header, schema.ACTIONS.end.header


def _action_period(r: RowReader, row: TableRow) -> dict[str, Any]:
    return {"period_unreadable": r.unreadable(row, _START) or r.unreadable(row, _END)}


# What a model holds beyond its cells, by sheet.
_EXTRA: dict[str, Callable[[RowReader, TableRow], dict[str, Any]]] = {
    schema.ACTIONS.sheet: _action_period,
}


def _parameters(r: RowReader, rows: list[TableRow]) -> Parameters:
    name_header, value_header = schema.PARAMETER_TABLE.name.header, schema.PARAMETER_TABLE.value.header
    values: dict[str, Any] = {}
    found_rows: dict[str, int] = {}
    for row in rows:
        key = parse.text(row.get(name_header))
        spec = schema.PARAMETERS_BY_KEY.get(schema.normalize(key)) if key else None
        if spec is None:
            continue  # free rows users add for themselves
        found_rows[spec.key] = row.row
        raw = row.get(value_header)
        try:
            if spec.kind is Kind.DATE:
                values[spec.key] = parse.date(raw)
            elif spec.kind is Kind.AMOUNT:
                values[spec.key] = _within(spec.key, parse.amount(raw))
            else:
                values[spec.key] = _within(spec.key, parse.text(raw))
        except parse.CellError as err:
            ref = cell_ref(r.spec.sheet, value_header, row.row, r.table)
            r.findings.append(finding(
                f"input.{err.code}", sheet=r.spec.sheet, row=row.row, field=value_header, key=ref,
                message=f"{ref} (paramètre « {spec.key} ») : {err.message}.",
                suggestion=err.suggestion,
            ))
    given: dict[str, Any] = {p.field: values.get(p.key) for p in schema.PARAMETERS}
    given.update({p.field: p.default for p in schema.PARAMETERS if given[p.field] is None})
    delay = schema.GOVERNANCE_DELAY
    given[delay.field] = int(given[delay.field])
    return Parameters(**given, rows=found_rows, value_column=r.table.columns.get(value_header, 1) + 1)


# What a parameter can plausibly be; beyond, it is a typo that would overflow a date
# computation (a delay of 10¹² days) or print nonsense in the documents.
PARAMETER_BOUNDS: dict[str, tuple[int, int, str]] = {
    schema.POPULATION.key: (0, 100_000_000, "un nombre d'habitants"),
    schema.GOVERNANCE_DELAY.key: (0, 3_650, "un délai en jours (0 à 3 650)"),
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
    if key == schema.VERSION.key and len(str(value)) > MAX_VERSION_LENGTH:
        raise parse.CellError("implausible_parameter", "ce n'est pas un numéro de version",
                              "Saisissez un numéro court, par exemple 1.0 ou 2.3.")
    return value


def read_parameters(sheets: dict[str, list[list[object]]]) -> Parameters:
    """Only the Paramètres sheet, parsed as build_roadmap does (findings dropped)."""
    table = extract(schema.PARAMETER_TABLE, sheets.get(schema.PARAMETER_TABLE.sheet))
    return _parameters(RowReader(table), table.rows)


def _missing_parameters(params: Parameters, table: Table) -> list[Finding]:
    name_header, value_header = schema.PARAMETER_TABLE.name.header, schema.PARAMETER_TABLE.value.header
    if not table.present or name_header not in table.columns:
        return []
    out = []
    for spec in schema.PARAMETERS:
        if not spec.required or getattr(params, spec.field) is not None:
            continue
        row = params.rows.get(spec.key)
        if row is not None and table.rows and any(
            r.row == row and not parse.is_blank(r.get(value_header)) for r in table.rows
        ):
            continue  # present but unreadable: already reported on the cell
        out.append(finding(
            "input.missing_parameter", sheet=table.spec.sheet, row=row, field=value_header,
            key=spec.key,
            message=f"Le paramètre « {spec.key} » n'est pas renseigné. {spec.help}",
            suggestion=f"Renseignez « {spec.key} » dans la feuille « {table.spec.sheet} »"
                       + (f" (ligne {row})." if row else " (ajoutez la ligne si elle manque)."),
        ))
    return out
