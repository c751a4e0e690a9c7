"""The example repeated ``factor`` times: a région-sized roadmap for benchmarks and
for proving that costs (and Excel calls) do not grow faster than the data."""

from __future__ import annotations

import copy
from typing import Any

from nr_xl.example import Data, load_example



def _suffix(value: Any, k: int) -> Any:
    return f"{value}-{k}" if k > 1 and isinstance(value, str) and value else value


def _ids(cell: Any, k: int) -> Any:
    if k == 1 or not isinstance(cell, str) or not cell:
        return cell
    return "; ".join(f"{part.strip()}-{k}" for part in cell.replace(",", ";").split(";") if part.strip())


def scaled_example(factor: int) -> Data:
    base = load_example()
    data: Data = {name: copy.deepcopy(rows) for name, rows in base.items()}
    if factor <= 1:
        return data
    for name in ("Feuille de route", "Indicateurs", "Risques", "Budget", "Charge", "Compétences"):
        data[name] = []
    for k in range(1, factor + 1):
        for row in base["Feuille de route"]:
            new = list(row)
            new[0] = _suffix(row[0], k)
            for index in (9, 10):  # Indicateurs, Dépendances: IDs of the same copy
                new[index] = _ids(row[index], k)
            data["Feuille de route"].append(new)
        for row in base["Indicateurs"]:
            data["Indicateurs"].append([_suffix(row[0], k), *row[1:]])
        for row in base["Risques"]:
            data["Risques"].append([_suffix(row[0], k), *row[1:8], _ids(row[8], k)])
        for row in base["Budget"]:
            data["Budget"].append([_suffix(row[0], k), *row[1:]])
        for row in base["Charge"]:
            data["Charge"].append([_suffix(row[0], k), *row[1:]])
        for row in base["Compétences"]:
            data["Compétences"].append([f"{row[0]} {k}" if k > 1 else row[0], *row[1:]])
    # Each copy brings its own money and staff: envelopes and capacities grow with it.
    for row in data["Enveloppes"]:
        row[2], row[3] = row[2] * factor, row[3] * factor
    for row in data["Capacités"]:
        row[2] = row[2] * factor
    return data
