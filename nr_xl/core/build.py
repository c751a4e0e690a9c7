"""Table rows -> a typed ``Roadmap`` plus the ``input.*`` findings (pure).

Each cell is parsed by its column's kind (schema.py). A cell that cannot be
read becomes a finding on that cell and the value None; the rest is still read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from nr_xl.core import fmt, parse, schema, vocabulary
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import (
    Action, BudgetLine, Capacity, Decision, Envelope, GovernanceBody, Indicator, Parameters, Participant,
    Priority, Risk, Roadmap, Skill, ValidationStep, Workload,
)
from nr_xl.core.schema import Kind, Limit, TableSpec
from nr_xl.core.tables import Table, TableRow, by_distinct_value, cell_ref, extract


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
        self._parsers = {c.header: _parser(c) for c in columns}
        # Blank cells reported as missing: a required column, present, whose blanks are not allowed.
        self._report_blank = frozenset(c.header for c in columns if c.header in present
                                       and c.required and not c.blank_ok)
        # Roadmaps repeat the same values (services, years, statuses, financings):
        # each distinct cell value of a column is parsed once. Blank cells are never cached.
        self.caches: dict[str, dict[object, Any]] = {c.header: {} for c in columns}

    @property
    def spec(self) -> TableSpec:
        return self.table.spec

    def value(self, row: TableRow, header: str) -> Any:
        return self.cell(row.row, header, row.values.get(header))

    def cell(self, at: int, header: str, raw: object) -> Any:
        """The value of ``raw``, the cell of ``header`` at Excel row ``at``; a finding
        (and None, or the rule's default) when it cannot be read."""
        if parse.is_blank(raw):
            if header in self._report_blank:
                self._missing(at, header)
            return self.blank(header)
        try:
            return self._parse(header, raw)
        except parse.CellError as err:
            column = self._columns[header]
            default = vocabulary.RULE_DEFAULTS.get(column.enum) if err.code == "unknown_value" else None
            if default is not None:
                err = parse.CellError(err.code, f"{err.message} ; {default[1]}", err.suggestion)
            self.report_cell(at, header, err)
            self.bad_cells.add((at, header))
            if default is not None:
                return default[0]
            return self.blank(header)

    def blank(self, header: str) -> Any:
        """What an empty cell of ``header`` reads as."""
        return () if self._columns[header].kind is Kind.ID_LIST else None

    def distinct(self, col: schema.Column, raw: object) -> Any:
        """What every cell of ``col`` holding ``raw`` reads as (a placeholder: None),
        or _MISS for cells to be read one by one by cell(), which words them: an
        empty required cell, an unreadable value."""
        if parse.is_blank(raw):
            return _MISS if col.header in self._report_blank else self.blank(col.header)
        try:
            value = self._parse(col.header, raw)
        except parse.CellError:
            return _MISS
        return None if col.placeholder_blank and value is not None and vocabulary.is_placeholder(value) else value

    def _parse(self, header: str, raw: object) -> Any:
        """The value of a filled cell, each distinct value of a column parsed once;
        CellError when it cannot be read (never cached)."""
        # True == 1 == 1.0 as dict keys: a TRUE cell must not read as the 1 cached
        # before it (« Oui » as text, an error as a number), nor the other way round.
        cache = self.caches[header] if type(raw) is not bool else {}
        hit = cache.get(raw, _MISS)
        if hit is _MISS:
            hit = cache[raw] = self._parsers[header](raw)
        return hit

    def _missing(self, at: int, header: str) -> None:
        self.findings.append(finding(
            "input.missing_value", sheet=self.spec.sheet, row=at, field=header,
            key=cell_ref(self.spec.sheet, header, at, self.table),
        ))

    def unreadable(self, at: int, header: str) -> bool:
        """Whether the cell of ``header`` at Excel row ``at`` was reported as unreadable."""
        return (at, header) in self.bad_cells

    def report_cell(self, at: int, header: str, err: parse.CellError) -> None:
        sheet = self.spec.sheet
        ref = cell_ref(sheet, header, at, self.table)
        self.findings.append(finding(
            f"input.{err.code}", sheet=sheet, row=at, field=header, key=ref, detail=err.message, advice=err.suggestion,
        ))


# How each kind of cell is read: a function of the raw value alone.
_PARSERS: dict[Kind, Callable[[object], Any]] = {
    Kind.TEXT: parse.text,
    Kind.ID: parse.text,
    Kind.ID_LIST: parse.id_list,
    Kind.DATE: parse.date,
    Kind.QUARTER: parse.quarter,
    Kind.AMOUNT: parse.amount,
    Kind.YEAR: parse.year,
    Kind.SCORE: parse.score,
    Kind.COMPUTED: lambda raw: None,
}


def _parser(col: schema.Column) -> Callable[[object], Any]:
    if col.kind is Kind.ENUM:
        return functools.partial(parse.enum, allowed=col.enum)
    return _PARSERS[col.kind]


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
    default); unreadable cells become findings of ``r``.

    Read a column at a time: each distinct value of a column is parsed once, then
    the column's cells are looked up in C; only the cells that need a word (an
    empty required cell, an unreadable value, a limit passed) go through Python
    one by one. A row whose identifying cell is empty stops there, as when read
    row by row: the cells right of it are not parsed, nor reported."""
    spec, table = r.spec, r.table
    model = ROW_MODELS[spec.sheet]
    numbers = table.numbers
    alive: Sequence[int] = range(len(numbers))  # the rows still read (positions in ``numbers``)
    names: list[str] = []
    read: list[list[Any]] = []
    for col in spec.columns:
        if col.field is None or col.kind is Kind.COMPUTED:
            continue
        header = col.header
        raw = table.column(header)
        values = _column_values(r, col, raw, alive)
        if col.identifies_row and any(values[i] is None for i in alive):
            alive = [i for i in alive if values[i] is not None]
        if col.default is not None:
            default = col.default
            values = [default if v is None else v for v in values]
        names.append(col.field)
        read.append(values)
    extra = _EXTRA.get(spec.sheet)
    out = []
    columns = read if len(alive) == len(numbers) else [[values[i] for i in alive] for values in read]
    for at, cells in zip([numbers[i] for i in alive], zip(*columns) if columns else [()] * len(alive)):
        fields: dict[str, Any] = dict(zip(names, cells))
        if extra is not None:
            fields.update(extra(r, at))
        out.append(model(row=at, **fields))
    return out


def _column_values(r: RowReader, col: schema.Column, raw: list[object], alive: Sequence[int]) -> list[Any]:
    """The value of each cell of ``raw`` as build_rows reads it (None where a
    placeholder or an unreadable cell stands), worded findings for the ``alive`` rows."""
    values = by_distinct_value(raw, functools.partial(r.distinct, col))
    limit = _LIMITS.get(col.limit)
    suspect = {v for v in set(values) if v is not _MISS and v is not None and limit.suspect(v)} if limit else set()
    if suspect or _MISS in values:
        numbers = r.table.numbers
        for i in alive:
            value = values[i]
            if value is _MISS:
                value = r.cell(numbers[i], col.header, raw[i])
                if col.placeholder_blank and value is not None and vocabulary.is_placeholder(value):
                    value = None
            if limit is not None and value in suspect:
                value = limit.word(r, numbers[i], col.header, value)
            values[i] = value
    return values


# One budget line above this is almost always a typo (cents, or k€ typed as €):
# ten times the yearly digital budget of a large région.
IMPLAUSIBLE_EUROS = Decimal(100_000_000)


def _plausible_euros(r: RowReader, at: int, header: str, value: Decimal) -> Decimal:
    r.report_cell(at, header, parse.CellError(
        "implausible_amount", f"{fmt.euros(value)} est invraisemblable pour une ligne de feuille de route",
        "Vérifiez l'unité : le montant est-il en k€, ou saisi en centimes ?"))
    return value


def _negative_days(r: RowReader, at: int, header: str, value: Decimal) -> Decimal | None:
    """Jours-homme, never negative: a negative capacity would turn every load rate upside down."""
    r.report_cell(at, header, parse.CellError(
        "implausible_workload", f"{fmt.days(value)} — des jours-homme ne peuvent pas être négatifs ; "
                                "la ligne est ignorée dans les calculs de charge",
        "Saisissez un nombre de jours-homme positif ou nul."))
    return None


class CellLimit(NamedTuple):
    """A bound on a column's values: ``suspect`` tells a value past it (asked once per
    distinct value), ``word`` reports one cell of it and gives what the cell reads as."""

    suspect: Callable[[Any], bool]
    word: Callable[[RowReader, int, str, Any], Any]


_LIMITS: dict[Limit, CellLimit] = {
    Limit.EUROS: CellLimit(lambda value: abs(value) > IMPLAUSIBLE_EUROS, _plausible_euros),
    Limit.DAYS: CellLimit(lambda value: value < 0, _negative_days),
}


_START, _END = schema.ACTIONS.start.header, schema.ACTIONS.end.header


def _action_period(r: RowReader, at: int) -> dict[str, Any]:
    return {"period_unreadable": r.unreadable(at, _START) or r.unreadable(at, _END)}


# What a model holds beyond its cells, by sheet.
_EXTRA: dict[str, Callable[[RowReader, int], dict[str, Any]]] = {
    schema.ACTIONS.sheet: _action_period,
}


def _parameters(r: RowReader, rows: list[TableRow]) -> Parameters:
    name_header, value_header = schema.PARAMETER_TABLE.name.header, schema.PARAMETER_TABLE.value.header
    values: dict[str, Any] = {}
    found_rows: dict[str, int] = {}
    for row in rows:
        try:
            key = parse.text(row.get(name_header))
        except parse.CellError as err:  # « #REF! » where the parameter's name should be
            r.report_cell(row.row, name_header, err)
            continue
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
                variant="parameter", parameter=spec.key, detail=err.message, advice=err.suggestion,
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
            "input.missing_parameter", sheet=table.spec.sheet, row=row, field=value_header, key=spec.key,
            help=spec.help, where=f" (ligne {row})." if row else " (ajoutez la ligne si elle manque).",
        ))
    return out
