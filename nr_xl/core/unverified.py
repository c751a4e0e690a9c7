"""Which dimensions could not be verified, and where (pure).

A cell the reading could not use (unreadable, blank where required, a missing
column or sheet) is an ``input.*`` finding of severity error, and the rules that
need it skip it rather than compute with nothing. The dimensions those rules
belong to then say « non vérifié », never « faisable »: ``schema`` declares
which dimensions each sheet, column and parameter feeds.
"""

from __future__ import annotations

from collections.abc import Iterable

from nr_xl.core import schema
from nr_xl.core.findings import Finding, Severity
from nr_xl.core.model import Parameters

_PARAMETERS = schema.PARAMETER_TABLE


def unverified_dimensions(findings: Iterable[Finding], parameters: Parameters) -> dict[str, tuple[str, ...]]:
    """Dimension -> the places (« Budget!C7 », « feuille Capacités ») its rules could not read."""
    by_row = {row: key for key, row in parameters.rows.items()}
    places: dict[str, list[str]] = {}
    for f in findings:
        if not f.code.startswith("input.") or f.severity is not Severity.ERROR or f.sheet is None:
            continue
        for dimension in _fed(f, by_row):
            where = places.setdefault(dimension, [])
            place = _place(f)
            if place not in where:
                where.append(place)
    return {d: tuple(places[d]) for d in schema.DIMENSIONS if d in places}


def _fed(f: Finding, parameter_at: dict[int, str]) -> tuple[str, ...]:
    if f.sheet == _PARAMETERS.sheet:
        if f.code == "input.missing_parameter":
            keys: Iterable[str] = [f.key or ""]
        elif f.row in parameter_at and f.field == _PARAMETERS.value.header:
            keys = [parameter_at[f.row]]
        else:  # the sheet, its table or a header: every parameter
            keys = [p.key for p in schema.PARAMETERS]
        return tuple(dict.fromkeys(d for k in keys for d in _parameter_feeds(k)))
    spec = schema.TABLES_BY_SHEET.get(f.sheet or "")
    return spec.feeds_of(f.field) if spec is not None else ()


def _parameter_feeds(key: str) -> tuple[str, ...]:
    spec = schema.PARAMETERS_BY_KEY.get(schema.normalize(key))
    return spec.feeds if spec is not None else ()


def _place(f: Finding) -> str:
    if f.code in ("input.missing_sheet", "input.too_many_rows"):
        return f"feuille « {f.sheet} »"
    if f.code == "input.missing_column":
        return f"colonne « {f.field} » de « {f.sheet} »"
    if f.code == "input.missing_parameter":
        return f"paramètre « {f.key} »"
    return f.key or f"feuille « {f.sheet} »"
