"""The example repeated ``factor`` times: a région-sized roadmap for benchmarks and
for proving that costs (and Excel calls) do not grow faster than the data."""

from __future__ import annotations

import copy
from typing import Any

from nr_xl.core import schema
from nr_xl.example import Data, load_example


def _suffix(value: Any, k: int) -> Any:
    return f"{value}-{k}" if k > 1 and isinstance(value, str) and value else value


def _ids(cell: Any, k: int) -> Any:
    if k == 1 or not isinstance(cell, str) or not cell:
        return cell
    return "; ".join(f"{part.strip()}-{k}" for part in cell.replace(",", ";").split(";") if part.strip())


STRETCHED = 0.6  # share of the example's staff each copy has, with its own services


def _service(name: Any, k: int) -> Any:
    return f"{name} {k}" if k > 1 and isinstance(name, str) and name else name


def scaled_example(factor: int, own_services: bool = False) -> Data:
    """``factor`` copies of the example. By default the copies share the services
    (whose capacities grow with them); with ``own_services`` each copy brings its
    own services with less staff than the example's (``STRETCHED`` of its
    capacities), as in a consolidated roadmap: thousands of services, most of
    them overloaded in some quarter, so thousands of findings."""
    base = load_example()
    data: Data = {name: copy.deepcopy(rows) for name, rows in base.items()}
    if factor <= 1:
        return data
    copied = (schema.ACTIONS.sheet, schema.INDICATORS.sheet, schema.RISKS.sheet, schema.BUDGET.sheet,
              schema.CHARGE.sheet, schema.SKILLS.sheet)
    for name in copied + ((schema.CAPACITIES.sheet,) if own_services else ()):
        data[name] = []
    for k in range(1, factor + 1):
        for row in base[schema.ACTIONS.sheet]:
            new = list(row)
            new[0] = _suffix(row[0], k)
            for index in (9, 10):  # Indicateurs, Dépendances: IDs of the same copy
                new[index] = _ids(row[index], k)
            data[schema.ACTIONS.sheet].append(new)
        for row in base[schema.INDICATORS.sheet]:
            data[schema.INDICATORS.sheet].append([_suffix(row[0], k), *row[1:]])
        for row in base[schema.RISKS.sheet]:
            data[schema.RISKS.sheet].append([_suffix(row[0], k), *row[1:8], _ids(row[8], k)])
        for row in base[schema.BUDGET.sheet]:
            data[schema.BUDGET.sheet].append([_suffix(row[0], k), *row[1:]])
        for row in base[schema.CHARGE.sheet]:
            service = _service(row[1], k) if own_services else row[1]
            data[schema.CHARGE.sheet].append([_suffix(row[0], k), service, *row[2:]])
        for row in base[schema.SKILLS.sheet]:
            data[schema.SKILLS.sheet].append([_service(row[0], k), *row[1:]])
        if own_services:
            for row in base[schema.CAPACITIES.sheet]:
                data[schema.CAPACITIES.sheet].append([_service(row[0], k), row[1], round(row[2] * STRETCHED)])
    # Each copy brings its own money (and staff: shared services grow with the copies).
    for row in data[schema.ENVELOPES.sheet]:
        row[2], row[3] = row[2] * factor, row[3] * factor
    if not own_services:
        for row in data[schema.CAPACITIES.sheet]:
            row[2] = row[2] * factor
    return data
