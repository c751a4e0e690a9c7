"""Table rows -> a typed ``Roadmap`` plus the ``input.*`` findings (pure).

Each cell is read by its column's kind (schema.py, reading/). A cell that cannot be
read becomes a finding on that cell and its field is marked unread on the row (the
rules that need it then say nothing); a cell read though not typed exactly (« env.
15 000 € TTC », « sept. 2028 ») becomes a reading note (``input.read_as``) and its value.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from nr_xl.core import fmt, parse, schema, vocabulary
from nr_xl.core.build_passes import resolve_references, scale_indicators
from nr_xl.core.findings import Finding, Severity, finding
from nr_xl.core.followup.reading import read_followup
from nr_xl.core.model import (
    Action, BudgetLine, Capacity, Decision, Envelope, GovernanceBody, Indicator, Measure, Parameters,
    Participant, Priority, Progress, Risk, Roadmap, Skill, Spending, ValidationStep, Workload,
)
from nr_xl.core.reading.common import Etp, Reading
from nr_xl.core.reading.words import representative
from nr_xl.core.schema import Kind, Limit, TableSpec
from nr_xl.core.tables import Table, TableRow, by_distinct_value, cell_ref, extract

_MISS = object()

# The model dataclass of each input table's rows (model.py), by sheet.
ROW_MODELS: dict[str, type] = {model.SHEET: model for model in (
    Priority, Action, BudgetLine, Envelope, Workload, Capacity, Skill, Indicator, Risk,
    GovernanceBody, ValidationStep, Participant, Decision, Progress, Spending, Measure,
)}

# « 0,5 ETP » without « Jours-homme par ETP » in Paramètres: the legal annual working time
# of the civil service (1 607 hours, décret n° 2000-815 du 25 août 2000, art. 1er, applied to
# the territorial civil service by décret n° 2001-623 du 12 juillet 2001) at 7 hours a day.
DEFAULT_DAYS_PER_FTE = Decimal(1607) / Decimal(7)


@dataclass
class RowReader:
    """Reads the cells of one table, collecting a finding per unreadable cell and a
    reading note per cell not typed exactly."""

    table: Table
    days_per_fte: Decimal | None = None
    findings: list[Finding] = field(default_factory=list)
    # (Excel row, header) of each cell that could not be read.
    bad_cells: set[tuple[int, str]] = field(default_factory=set)
    # (Excel row, header) of each value typed with « % » (an indicator's scale).
    percent_cells: set[tuple[int, str]] = field(default_factory=set)
    # Header of a column naming IDs (schema.Column.refers) -> every reference read in it.
    refs: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        columns = self.table.spec.columns
        present = self.table.columns
        self._columns = {c.header: c for c in columns}
        # One reader per column, resolved once instead of once per cell.
        self._readers = {c.header: parse.reader_for(c.kind, c.enum, c.role) for c in columns}
        # Blank cells reported as missing: a required column, present, whose blanks are not allowed.
        self._report_blank = frozenset(c.header for c in columns if c.header in present
                                       and c.required and not c.blank_ok)
        # Roadmaps repeat the same values (services, years, statuses, financings):
        # each distinct cell value of a column is read once. Blank cells are never cached.
        self.caches: dict[str, dict[object, Any]] = {c.header: {} for c in columns}

    @property
    def spec(self) -> TableSpec:
        return self.table.spec

    def value(self, row: TableRow, header: str) -> Any:
        return self.cell(row.row, header, row.values.get(header))

    def cell(self, at: int, header: str, raw: object) -> Any:
        """The value of ``raw``, the cell of ``header`` at Excel row ``at``; a finding
        (and None, or the rule's default) when it cannot be read, a note when it was
        not typed exactly."""
        if parse.is_blank(raw):
            if header in self._report_blank:
                self._missing(at, header)
            return self.blank(header)
        try:
            return self.resolve(at, header, self._parse(header, raw))
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

    def resolve(self, at: int, header: str, parsed: object) -> Any:
        """The value of a reader's result, its note (if any) reported on the cell."""
        if isinstance(parsed, Etp):
            parsed = self._days_of(parsed)
        if isinstance(parsed, Reading):
            if parsed.percent:
                self.percent_cells.add((at, header))
            if parsed.note:
                self.note(at, header, parsed.note, parsed.warn)
            return parsed.value
        return parsed

    def _days_of(self, etp: Etp) -> Reading:
        per, given = self.days_per_fte, self.days_per_fte is not None
        per = per if per is not None else DEFAULT_DAYS_PER_FTE
        days = etp.fte * per
        parameter, sheet = schema.DAYS_PER_FTE.key, schema.PARAMETER_TABLE.sheet
        where = f"« {parameter} » de « {sheet} »" if given else \
            f"1 607 h par an à 7 h par jour, durée légale du travail ; précisez « {parameter} » dans « {sheet} »"
        return Reading(days, f"« {etp.typed} » lu comme {fmt.days(days)} ({fmt.number(per)} j-h par ETP : {where})",
                       warn=not given)

    def blank(self, header: str) -> Any:
        """What an empty cell of ``header`` reads as."""
        return () if self._columns[header].kind in (Kind.ID_LIST, Kind.REF_LIST) else None

    def distinct(self, col: schema.Column, raw: object) -> Any:
        """What every cell of ``col`` holding ``raw`` reads as (a placeholder: None; a
        Reading or an Etp, kept for each cell to be noted), or _MISS for cells read one
        by one by cell(), which words them: an empty required cell, an unreadable value."""
        if parse.is_blank(raw):
            return _MISS if col.header in self._report_blank else self.blank(col.header)
        try:
            value = self._parse(col.header, raw)
        except parse.CellError:
            return _MISS
        if type(value) is Reading or type(value) is Etp:
            return value
        return None if col.placeholder_blank and value is not None and vocabulary.is_placeholder(value) else value

    def _parse(self, header: str, raw: object) -> Any:
        """The reading of a filled cell, each distinct value of a column read once;
        CellError when it cannot be read (never cached)."""
        # True == 1 == 1.0 as dict keys: a TRUE cell must not read as the 1 cached
        # before it (« Oui » as text, an error as a number), nor the other way round.
        cache = self.caches[header] if type(raw) is not bool else {}
        hit = cache.get(raw, _MISS)
        if hit is _MISS:
            hit = cache[raw] = self._readers[header](raw)
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

    def note(self, at: int, header: str, note: str, warn: bool = False) -> None:
        sheet = self.spec.sheet
        self.findings.append(finding(
            "input.read_as", sheet=sheet, row=at, field=header, key=cell_ref(sheet, header, at, self.table),
            detail=note, severity=Severity.WARNING if warn else None,
        ))


def build_roadmap(sheets: dict[str, list[list[object]]]) -> tuple[Roadmap, list[Finding]]:
    """The roadmap and every input finding, from plain rows of each sheet."""
    tables = {spec.sheet: extract(spec, sheets.get(spec.sheet)) for spec in schema.INPUT_TABLES}
    findings: list[Finding] = [f for t in tables.values() for f in t.findings]
    parameters_reader = RowReader(tables[schema.PARAMETER_TABLE.sheet])
    parameters = _parameters(parameters_reader, parameters_reader.table.rows)
    readers = {name: RowReader(t, parameters.days_per_fte) for name, t in tables.items()
               if name != schema.PARAMETER_TABLE.sheet}
    readers[schema.PARAMETER_TABLE.sheet] = parameters_reader
    roadmap = Roadmap(
        parameters=parameters,
        missing_sheets=frozenset(n for n, t in tables.items() if not t.present),
        **{spec.field: tuple(build_rows(readers[spec.sheet])) for spec in schema.INPUT_TABLES if spec.field},
    )
    for reader in readers.values():
        findings.extend(reader.findings)
    roadmap, notes = resolve_references(roadmap, {name: r.table for name, r in readers.items()},
                                        {(name, h): refs for name, r in readers.items() for h, refs in r.refs.items()})
    findings.extend(notes)
    indicators = readers[schema.INDICATORS.sheet]
    roadmap, notes = scale_indicators(roadmap, indicators.percent_cells, indicators.table)
    findings.extend(notes)
    roadmap, notes = read_followup(roadmap, {spec.sheet: readers[spec.sheet].percent_cells
                                             for spec in schema.FOLLOWUP_TABLES},
                                   {spec.sheet: readers[spec.sheet].table for spec in schema.FOLLOWUP_TABLES})
    findings.extend(notes)
    findings.extend(_missing_parameters(roadmap.parameters, tables[schema.PARAMETER_TABLE.sheet]))
    return roadmap, findings


def build_rows(r: RowReader) -> list[Any]:
    """The model objects of a table's rows (ROW_MODELS), each cell read as its column
    says (schema.Column: kind, blank_ok, placeholder_blank, identifies_row, limit,
    default); unreadable cells become findings of ``r`` and the row's ``unread`` fields.

    Read a column at a time: each distinct value of a column is read once, then the
    column's cells are looked up in C; only the cells that need a word (an empty
    required cell, an unreadable value, a value not typed exactly, a limit passed) go
    through Python one by one. A row whose identifying cell is empty stops there, as
    when read row by row: the cells right of it are not read, nor reported."""
    spec, table = r.spec, r.table
    model = ROW_MODELS[spec.sheet]
    numbers = table.numbers
    alive: Sequence[int] = range(len(numbers))  # the rows still read (positions in ``numbers``)
    names: list[str] = []
    headers: list[str] = []
    read: list[list[Any]] = []
    for col in spec.columns:
        if col.field is None or col.kind is Kind.COMPUTED:
            continue
        raw = table.column(col.header)
        values = _column_values(r, col, raw, alive)
        if col.identifies_row and any(values[i] is None for i in alive):
            alive = [i for i in alive if values[i] is not None]
        if col.default is not None:
            default = col.default
            values = [default if v is None else v for v in values]
        names.append(col.field)
        headers.append(col.header)
        read.append(values)
    extra = _EXTRA.get(spec.sheet)
    out = []
    columns = read if len(alive) == len(numbers) else [[values[i] for i in alive] for values in read]
    unreadable = {at for at, _ in r.bad_cells}
    for i, cells in zip(alive, zip(*columns) if columns else [()] * len(alive)):
        at = numbers[i]
        fields: dict[str, Any] = dict(zip(names, cells))
        if unreadable and at in unreadable:  # only rows with a cell in error: most tables have none
            fields["unread"] = frozenset(name for name, header in zip(names, headers) if (at, header) in r.bad_cells)
        if extra is not None:
            fields.update(extra(r, i))
        out.append(model(row=at, **fields))
    return out


def _column_values(r: RowReader, col: schema.Column, raw: list[object], alive: Sequence[int]) -> list[Any]:
    """The value of each cell of ``raw`` as build_rows reads it (None where a
    placeholder or an unreadable cell stands), worded findings and notes for the ``alive`` rows."""
    values, results = by_distinct_value(raw, functools.partial(r.distinct, col), with_results=True)
    limit = _LIMITS.get(col.limit)
    if col.refers:
        r.refs[col.header] = _references(results)
    # Cells to word one by one: unreadable or missing (_MISS), read with a note (Reading, Etp),
    # or past the column's limit. Most columns have none: their values are returned as mapped.
    kinds = set(map(type, results))
    special = Reading in kinds or Etp in kinds or any(v is _MISS for v in results if type(v) is object)
    if not special and not (limit is not None and any(v is not None and limit.suspect(v) for v in results)):
        return values
    numbers = r.table.numbers
    for i in alive:
        value = values[i]
        if value is _MISS:
            value = r.cell(numbers[i], col.header, raw[i])
            if col.placeholder_blank and value is not None and vocabulary.is_placeholder(value):
                value = None
        elif isinstance(value, (Reading, Etp)):
            value = r.resolve(numbers[i], col.header, value)
        if limit is not None and value is not None and limit.suspect(value):
            value = limit.word(r, numbers[i], col.header, value)
        values[i] = value
    return values


def _references(results: list[Any]) -> set[str]:
    """Every ID named by the distinct values of a reference column (as read, notes aside)."""
    values = [v.value if type(v) is Reading else v for v in results]
    out = set(itertools.chain.from_iterable(v for v in values if type(v) is tuple))
    out.update(v for v in values if type(v) is str)
    return out


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
    r.bad_cells.add((at, header))
    return None


class CellLimit(NamedTuple):
    """A bound on a column's values: ``suspect`` tells a value past it (asked once per
    distinct value), ``word`` reports one cell of it and gives what the cell reads as."""

    suspect: Callable[[Any], bool]
    word: Callable[[RowReader, int, str, Any], Any]


def _draft_note(r: RowReader, at: int, header: str, value: str) -> str:
    """A working note in a text the documents publish: said, the text kept (the announcement
    leaves it out until it is resolved)."""
    sheet = r.spec.sheet
    r.findings.append(finding("input.draft_text", sheet=sheet, row=at, field=header,
                              key=cell_ref(sheet, header, at, r.table), excerpt=vocabulary.working_note(value)))
    return value


_LIMITS: dict[Limit, CellLimit] = {
    Limit.EUROS: CellLimit(lambda value: abs(value) > IMPLAUSIBLE_EUROS, _plausible_euros),
    Limit.DAYS: CellLimit(lambda value: value < 0, _negative_days),
    Limit.PUBLISHED: CellLimit(lambda value: vocabulary.working_note(value) is not None, _draft_note),
}


_PRESENCE = schema.PARTICIPANTS.presence.header


def _represented_by(r: RowReader, i: int) -> dict[str, Any]:
    """« représenté par Marc Blanc » in Présence (row ``i`` of the table): the representative's name."""
    column = r.table.columns.get(_PRESENCE)
    return {"represented_by": representative(r.table.cells[i][column]) if column is not None else None}


# What a model holds beyond its cells, by sheet (``i``: the row's position in the table).
_EXTRA: dict[str, Callable[[RowReader, int], dict[str, Any]]] = {
    schema.PARTICIPANTS.sheet: _represented_by,
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
        ref = cell_ref(r.spec.sheet, value_header, row.row, r.table)
        try:
            result = _PARAMETER_READERS.get(spec.key, _KIND_READERS.get(spec.kind, parse.text))(raw)
            if isinstance(result, Reading):
                if result.note:
                    r.findings.append(finding(
                        "input.read_as", sheet=r.spec.sheet, row=row.row, field=value_header, key=ref,
                        variant="parameter", parameter=spec.key, detail=result.note,
                        severity=Severity.WARNING if result.warn else None))
                result = result.value
            values[spec.key] = _within(spec.key, result)
            if spec.key == schema.AMBITION.key and values[spec.key] and vocabulary.working_note(values[spec.key]) \
                    and not vocabulary.is_placeholder(values[spec.key]):
                r.findings.append(finding(
                    "input.draft_text", sheet=r.spec.sheet, row=row.row, field=value_header, key=ref,
                    variant="parameter", parameter=spec.key, excerpt=vocabulary.working_note(values[spec.key])))
        except parse.CellError as err:
            r.findings.append(finding(
                f"input.{err.code}", sheet=r.spec.sheet, row=row.row, field=value_header, key=ref,
                variant="parameter", parameter=spec.key, detail=err.message, advice=err.suggestion,
            ))
    given: dict[str, Any] = {p.field: values.get(p.key) for p in schema.PARAMETERS}
    given.update({p.field: p.default for p in schema.PARAMETERS if given[p.field] is None})
    delay = schema.GOVERNANCE_DELAY
    given[delay.field] = int(given[delay.field])
    return Parameters(**given, rows=found_rows, value_column=r.table.columns.get(value_header, 1) + 1)


def _read_population(raw: object) -> Any:
    """« 118 000 », « 118 000 habitants », « 118 000 hab. »."""
    if isinstance(raw, str):
        text = schema.normalize(raw)
        for word in (" habitants", " habitant", " hab.", " hab"):
            if text.endswith(word):
                return _KIND_READERS[Kind.AMOUNT](text[:-len(word)])
    return _KIND_READERS[Kind.AMOUNT](raw)


def _read_decision(raw: object) -> Any:
    """« Décision du comité » as typed, kept; a text that states no decision, or its opposite
    (« Validation refusée », « non validée », « validée ? »), cannot be read."""
    from nr_xl.core.decision import DecisionUnclear, read_decision

    text = parse.text(raw)
    try:
        read_decision(text)
    except DecisionUnclear as exc:
        raise parse.CellError("bad_value", exc.message.rstrip("."),
                              "Tapez la décision du comité, ou enregistrez-la par le bouton « Valider ».") from None
    return text


_KIND_READERS: dict[Kind, Callable[[object], Any]] = {
    Kind.DATE: parse.reader_for(Kind.DATE),
    Kind.AMOUNT: parse.reader_for(Kind.AMOUNT),
}
_PARAMETER_READERS: dict[str, Callable[[object], Any]] = {
    schema.POPULATION.key: _read_population,
    schema.GOVERNANCE_DELAY.key: parse.reader_for(Kind.DAYS),
    schema.DAYS_PER_FTE.key: parse.reader_for(Kind.DAYS),
    schema.COMMITTEE_DECISION.key: _read_decision,
}


# What a parameter can plausibly be; beyond, it is a typo that would overflow a date
# computation (a delay of 10¹² days) or print nonsense in the documents.
PARAMETER_BOUNDS: dict[str, tuple[int, int, str]] = {
    schema.POPULATION.key: (0, 100_000_000, "un nombre d'habitants"),
    schema.GOVERNANCE_DELAY.key: (0, 3_650, "un délai en jours (0 à 3 650)"),
    schema.DAYS_PER_FTE.key: (1, 366, "un nombre de jours-homme par an (1 à 366)"),
}
MAX_VERSION_LENGTH = 20


def _within(key: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Etp):
        raise parse.CellError("bad_number", f"« {value.typed} » n'est pas un nombre de jours",
                              "Saisissez un nombre de jours, par exemple 30.")
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
    """Only the Paramètres sheet, read as build_roadmap does (findings dropped)."""
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
