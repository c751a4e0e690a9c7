"""What the model builder decides once every table is read (pure): a reference typed in
another case (« b4.1 ») read as the ID it names, and one scale per indicator.

Both give the value the rules compare and a reading note (``input.read_as``) on the cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from nr_xl.core import fmt, schema
from nr_xl.core.findings import Finding, Severity, finding
from nr_xl.core.model import Indicator, Roadmap
from nr_xl.core.obligations import BY_NAME
from nr_xl.core.tables import Table, cell_ref

HUNDRED = Decimal(100)


def resolve_references(roadmap: Roadmap, tables: dict[str, Table],
                       typed_refs: dict[tuple[str, str], set[str]]) -> tuple[Roadmap, list[Finding]]:
    """Each reference (schema.Column.refers) that names an ID only in another case, read as
    that ID; references to no ID stay as typed, for the rules to report. ``typed_refs``:
    (sheet, header) -> every reference of the column, as read (RowReader.refs)."""
    notes: list[Finding] = []
    changes: dict[str, Any] = {}
    declared_ids: dict[str, set[str]] = {}
    folds: dict[str, dict[str, str]] = {}
    for spec in schema.INPUT_TABLES:
        columns = [c for c in spec.columns if c.refers and c.field]
        if not columns or not spec.field:
            continue
        rows = list(getattr(roadmap, spec.field))
        changed = False
        for col in columns:
            if col.refers not in declared_ids:
                declared_ids[col.refers] = {row.id for row in getattr(roadmap, col.refers)}
            declared = declared_ids[col.refers]
            missing = typed_refs.get((spec.sheet, col.header), set()) - declared
            if not missing:
                continue  # the common case: every reference names an ID as it is spelled
            if col.refers not in folds:
                folds[col.refers] = _unique_folds(declared)
            folded = folds[col.refers]
            named_elsewhere = {ref for ref in missing if ref.casefold() in folded}
            if not named_elsewhere:
                continue
            for i, row in enumerate(rows):
                value = getattr(row, str(col.field))
                refs: tuple[str, ...] = value if isinstance(value, tuple) else (value,) if value else ()
                if named_elsewhere.isdisjoint(refs):
                    continue
                named = tuple(ref if ref in declared else folded.get(ref.casefold(), ref) for ref in refs)
                if named == refs:
                    continue
                read = ", ".join(n for r, n in zip(refs, named) if n != r)
                as_typed = ", ".join(r for r, n in zip(refs, named) if n != r)
                notes.append(finding(
                    "input.read_as", sheet=spec.sheet, row=row.row, field=col.header,
                    key=cell_ref(spec.sheet, col.header, row.row, tables.get(spec.sheet)),
                    detail=f"« {as_typed} » lu comme {read}, l'identifiant tel qu'il est déclaré"))
                rows[i] = dataclasses.replace(row, **{str(col.field): named if isinstance(value, tuple) else named[0]})
                changed = True
        if changed:
            changes[spec.field] = tuple(rows)
    return (dataclasses.replace(roadmap, **changes) if changes else roadmap), notes


def _unique_folds(ids: Iterable[str]) -> dict[str, str]:
    """casefolded ID -> the ID, for IDs no other ID shares in another case."""
    seen: dict[str, list[str]] = {}
    for id_ in ids:
        seen.setdefault(id_.casefold(), []).append(id_)
    return {key: names[0] for key, names in seen.items() if len(names) == 1}


_VALUES = (("baseline", schema.INDICATORS.baseline.header), ("target", schema.INDICATORS.target.header))


def scale_indicators(roadmap: Roadmap, percent_cells: set[tuple[int, str]],
                     table: Table) -> tuple[Roadmap, list[Finding]]:
    """One scale per indicator: in a share (unit « % », a value typed with « % », or a legal
    floor in %), a value Excel stored as a fraction (0,25 for « 25 % ») is read in
    percentage points, so that a baseline and a target are compared on the same scale.
    When the indicator's other values are already points, the reading is a warning."""
    notes: list[Finding] = []
    indicators = list(roadmap.indicators)
    changed = False
    for i, ind in enumerate(indicators):
        if ind.baseline is None and ind.target is None:
            continue
        typed_percent = {name for name, header in _VALUES if (ind.row, header) in percent_cells} \
            if percent_cells else set()
        if not (typed_percent or share_of(ind)):
            continue  # most indicators: not a share
        values = {name: getattr(ind, name) for name, _ in _VALUES if getattr(ind, name) is not None}
        plain = {name: v for name, v in values.items() if name not in typed_percent}
        points = any(v > 1 for v in values.values())
        fractions = {name: v for name, v in plain.items() if (0 < v < 1 if points else 0 < v <= 1)}
        if not fractions:
            continue
        for name, value in fractions.items():
            header = dict(_VALUES)[name]
            scaled = value * HUNDRED
            why = ("comparé sur la même échelle que " + _other(values, name, ind.unit)) if points else \
                "une part saisie en fraction"
            notes.append(finding(
                "input.read_as", sheet=ind.SHEET, row=ind.row, field=header,
                key=cell_ref(ind.SHEET, header, ind.row, table),
                detail=f"« {fmt.number(value, 4)} » lu comme {fmt.number(scaled, 2)} % ({why})",
                severity=Severity.WARNING if points else None))
        indicators[i] = dataclasses.replace(ind, **{name: v * HUNDRED for name, v in fractions.items()})
        changed = True
    return (dataclasses.replace(roadmap, indicators=tuple(indicators)) if changed else roadmap), notes


def share_of(ind: Indicator) -> bool:
    """An indicator measured in percent: its unit, or the legal floor it follows."""
    if ind.unit and "%" in ind.unit:
        return True
    obligation = BY_NAME.get(ind.obligation or "")
    return obligation is not None and bool(obligation.floors)


def _other(values: dict[str, Decimal], name: str, unit: str | None) -> str:
    other = next((n for n in values if n != name), None)
    if other is None:
        return "l'unité « % »"
    label = "la valeur de référence" if other == "baseline" else "la cible"
    return f"{label} ({fmt.number(values[other], 2)} %)"
