"""What the model builder decides for the follow-up sheets once every table is read (pure):
a progress typed as a fraction of a percent cell, a measure on its indicator's scale, a
status left blank read from the progress. Each gives the value the rules compare, and a
note on the cell when the reading rests on something to check.
"""

from __future__ import annotations

import dataclasses
from nr_xl.core import fmt, schema
from nr_xl.core.build_passes import HUNDRED, share_of
from nr_xl.core.checks._util import norm
from nr_xl.core.findings import Finding, Severity, finding
from nr_xl.core.checks.spending_sums import planned_natures
from nr_xl.core.model import Measure, Progress, Roadmap, Spending
from nr_xl.core.schema import NATURES
from nr_xl.core.tables import Table, cell_ref

_PERCENT = schema.PROGRESS.percent.header
_VALUE = schema.MEASURES.value.header


def read_followup(roadmap: Roadmap, percent_cells: dict[str, set[tuple[int, str]]],
                  tables: dict[str, Table]) -> tuple[Roadmap, list[Finding]]:
    """``percent_cells``: sheet -> (Excel row, header) of each value typed with « % »."""
    if not (roadmap.progress or roadmap.measures or roadmap.spending):
        return roadmap, []
    notes: list[Finding] = []
    progress = tuple(_progress(p, percent_cells.get(p.SHEET, set()), tables.get(p.SHEET), notes)
                     for p in roadmap.progress)
    measures = _measures(roadmap, percent_cells.get(schema.MEASURES.sheet, set()),
                         tables.get(schema.MEASURES.sheet), notes)
    spending = _natures(roadmap, tables.get(schema.SPENDING.sheet), notes)
    return dataclasses.replace(roadmap, progress=progress, measures=measures, spending=spending), notes


def _progress(p: Progress, typed_percent: set[tuple[int, str]], table: Table | None,
              notes: list[Finding]) -> Progress:
    percent = p.percent
    if percent is not None and (p.row, _PERCENT) not in typed_percent and 0 <= percent <= 1:
        percent = percent * HUNDRED  # the column is a percent cell: Excel keeps 40 % as 0,4
    if percent is not None and not 0 <= percent <= 100:
        notes.append(finding("input.implausible_share", sheet=p.SHEET, row=p.row, field=_PERCENT,
                             key=cell_ref(p.SHEET, _PERCENT, p.row, table),
                             detail=f"{fmt.number(percent, 2)} % n'est pas un avancement de 0 à 100 %",
                             advice="Saisissez la part de l'action réalisée, de 0 à 100 %."))
        return dataclasses.replace(p, percent=None, unread=p.unread | {"percent"})
    status = p.status
    if status is None and "status" not in p.unread and percent is not None:
        status = (schema.ACTION_TO_START if percent == 0 else schema.ACTION_DONE if percent == 100
                  else schema.ACTION_RUNNING)
    return dataclasses.replace(p, percent=percent, status=status) if (percent, status) != (p.percent, p.status) \
        else p


def _measures(roadmap: Roadmap, typed_percent: set[tuple[int, str]], table: Table | None,
              notes: list[Finding]) -> tuple[Measure, ...]:
    """A share measured as a fraction (0,42 for « 42 % ») read on its indicator's scale."""
    indicators = {i.id: i for i in roadmap.indicators}
    out = []
    for m in roadmap.measures:
        ind = indicators.get(m.indicator or "")
        value = m.value
        if ind is None or value is None or (m.row, _VALUE) in typed_percent or not 0 < value < 1:
            out.append(m)
            continue
        if not share_of(ind):
            out.append(m)
            continue
        scaled = value * HUNDRED
        notes.append(finding(
            "input.read_as", sheet=m.SHEET, row=m.row, field=_VALUE, key=cell_ref(m.SHEET, _VALUE, m.row, table),
            detail=f"« {fmt.number(value, 4)} » lu comme {fmt.number(scaled, 2)} % (une part saisie en fraction, "
                   f"sur l'échelle de l'indicateur {ind.id})"))
        out.append(dataclasses.replace(m, value=scaled))
    return tuple(out)


_NATURE = schema.SPENDING.nature.header


def _natures(roadmap: Roadmap, table: Table | None, notes: list[Finding]) -> tuple[Spending, ...]:
    """A spending whose « Nature » is blank takes the nature its action's budget plans that
    year on that financing; where the budget plans both, or none, the reading is said."""
    if all(line.nature is not None or "nature" in line.unread for line in roadmap.spending):
        return roadmap.spending
    plans = planned_natures(roadmap)
    out = []
    for line in roadmap.spending:
        if line.nature is not None or "nature" in line.unread or line.action is None or line.year is None:
            out.append(line)
            continue
        planned = plans.get((line.action, line.year, norm(line.financing)), {})
        if len(planned) == 1:
            out.append(dataclasses.replace(line, nature=next(iter(planned))))
            continue
        if planned:
            nature = max(planned, key=lambda n: (planned[n], n))
            why = (f"le budget de {line.action} en {line.year} prévoit les deux natures : comptée en "
                   f"{nature.lower()}, où il prévoit le plus")
        else:
            nature = NATURES[1]
            why = (f"aucun budget de {line.action} en {line.year} sur « {line.financing} » ne dit sa nature : "
                   f"comptée en {nature.lower()}")
        notes.append(finding("input.read_as", sheet=line.SHEET, row=line.row, field=_NATURE,
                             key=cell_ref(line.SHEET, _NATURE, line.row, table), severity=Severity.WARNING,
                             detail=f"nature non précisée ; {why} (précisez-la)"))
        out.append(dataclasses.replace(line, nature=nature))
    return tuple(out)
