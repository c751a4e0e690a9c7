"""The workbook's tables as pandas DataFrames: for notebooks, and for consolidating the
workbooks of several collectivités.

One DataFrame per input table (``Paramètres``, a key-value sheet, is not one: read it as
``api.read_roadmap(path)[0].parameters``), keyed by sheet name, with exactly the rows the
checks read, indexed by their Excel row (« Ligne »). Columns are named by the contract's
headers (docs/classeur.md); formula columns of the template are left out. Each column is
typed by its kind:

- text, identifiers and list values: ``string`` (a list of IDs as written, « P1; P3 »);
- dates: ``datetime64[ns]``; quarters: ``period[Q-DEC]`` (« 2027-T2 » is 2027Q2);
- amounts (euros) and jours-homme: ``float64``, to sum, group and plot; the exact decimal
  values the checks compare stay in ``api.read_roadmap``;
- years and scores: ``Int64`` (integers that may be missing).

A cell the checks cannot read (an input finding) is missing (``<NA>``, ``NaN``, ``NaT``),
as it is for the checks. A blank cell is missing too: the meaning some rules give a blank
(a blank « Financement » is the « Enveloppe NR ») is applied by the checks, not here.
pandas is an optional extra: ``pip install "nr-xl[analyse]"``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from nr_xl.core import schema
from nr_xl.core.errors import UsageError
from nr_xl.core.schema import Kind

if TYPE_CHECKING:
    import pandas as pd

    from nr_xl.core.model import Roadmap

INSTALL = 'pip install "nr-xl[analyse]"'
INDEX = "Ligne"
TABLES = tuple(spec for spec in schema.INPUT_TABLES if spec is not schema.PARAMETER_TABLE)
DTYPES: dict[Kind, str] = {
    Kind.TEXT: "string", Kind.ID: "string", Kind.ENUM: "string", Kind.ID_LIST: "string", Kind.REF_LIST: "string",
    Kind.DATE: "datetime64[ns]", Kind.QUARTER: "period[Q-DEC]", Kind.AMOUNT: "float64", Kind.DAYS: "float64",
    Kind.MEASURE: "float64", Kind.YEAR: "Int64", Kind.SCORE: "Int64",
}


def require_pandas() -> Any:
    """pandas, or a French message saying how to install it."""
    try:
        import pandas
    except ImportError:
        raise UsageError("Les tableaux pandas (nr_xl.api.frames) demandent le paquet pandas, absent de "
                         f"cet environnement Python. Installez-le avec : {INSTALL}") from None
    return pandas


def rows_read(roadmap: Roadmap) -> dict[str, set[int]]:
    """Sheet -> the Excel rows of the roadmap's objects: the rows the checks read."""
    out: dict[str, set[int]] = {}
    for f in dataclasses.fields(roadmap):
        value = getattr(roadmap, f.name)
        if isinstance(value, tuple):
            for item in value:
                out.setdefault(item.SHEET, set()).add(item.row)
    return out


def _cell(value: object, kind: Kind) -> object:
    if value is None or value == ():
        return None
    if kind in (Kind.ID_LIST, Kind.REF_LIST):
        return "; ".join(value)  # type: ignore[arg-type]
    if kind is Kind.QUARTER:
        import pandas

        return pandas.Period(year=value.year, quarter=value.q, freq="Q")  # type: ignore[attr-defined]
    if kind in (Kind.AMOUNT, Kind.DAYS, Kind.MEASURE):
        return float(value)  # type: ignore[arg-type]
    return value


def from_sheets(sheets: dict[str, list[list[object]]]) -> dict[str, pd.DataFrame]:
    """The DataFrames of plain sheet rows (row 0 = Excel row 1), as ``nr_xl.sources`` reads them."""
    pandas = require_pandas()
    from nr_xl.core.build import RowReader, build_roadmap
    from nr_xl.core.tables import extract

    roadmap, _ = build_roadmap(sheets)
    read = rows_read(roadmap)
    frames: dict[str, pd.DataFrame] = {}
    for spec in TABLES:
        table = extract(spec, sheets.get(spec.sheet))
        reader = RowReader(table, roadmap.parameters.days_per_fte)
        rows = [row for row in table.rows if row.row in read.get(spec.sheet, ())]
        index = pandas.Index([row.row for row in rows], dtype="int64", name=INDEX)
        columns = {
            column.header: pandas.Series([_cell(reader.value(row, column.header), column.kind) for row in rows],
                                         index=index, dtype=DTYPES[column.kind])
            for column in spec.columns if column.kind is not Kind.COMPUTED
        }
        frames[spec.sheet] = pandas.DataFrame(columns, index=index)
    return frames
