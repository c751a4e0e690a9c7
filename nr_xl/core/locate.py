"""Which sheet of a workbook holds each sheet of the contract (pure).

A user may rename a tab (« Budget » → « Budget 2027 »): Excel keeps the sheet's table
(``tbl_Budget``) and its VBA code name (``shBudget``), and so do the template's formulas.
nr_xl finds its sheets the same way, by the table first, then by the code name, then by
the name; a sheet found by none of them is missing, and the commands that need it say so
(``presence.py``), never computing as if it were empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nr_xl.core import schema


@dataclass(frozen=True)
class SheetFound:
    """A sheet as the package declares it: its tab name, its VBA code name, its tables."""

    name: str
    code_name: str | None = None
    tables: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contracted:
    """A sheet of the contract and the marks it leaves in a workbook."""

    sheet: str
    code_name: str
    table: str | None = None


CONTRACT: tuple[Contracted, ...] = (
    tuple(Contracted(t.sheet, t.code_name, t.table) for t in schema.ALL_TABLES)
    + tuple(Contracted(s.name, s.code_name) for s in schema.OTHER_SHEETS)
)
INPUT_SHEETS = frozenset(t.sheet for t in schema.INPUT_TABLES)


@dataclass(frozen=True)
class Location:
    """contract sheet -> the workbook's sheet holding it (only those found)."""

    sheets: dict[str, str] = field(default_factory=dict)

    def actual(self, sheet: str) -> str:
        """The workbook's name for ``sheet`` (a name outside the contract is its own)."""
        return self.sheets.get(sheet, sheet)

    @property
    def renamed(self) -> dict[str, str]:
        """contract sheet -> its new tab name, for the sheets a user renamed."""
        return {c: a for c, a in self.sheets.items() if c != a}

    @property
    def is_nr_xl(self) -> bool:
        """True when at least one input sheet of the contract is there: a workbook with none
        is someone else's spreadsheet, not an nr_xl workbook missing sheets."""
        return any(c in INPUT_SHEETS for c in self.sheets)


def _fold(text: str | None) -> str:
    # Excel compares sheet, table and code names without case.
    return (text or "").casefold()


def locate(found: list[SheetFound]) -> Location:
    """Each contract sheet's sheet in ``found``: the one holding its table, else the one
    with its code name, else the one with its name. A workbook sheet serves one contract
    sheet at most, so a tab renamed to another contract sheet's name is not read twice."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    rules = (
        lambda c, s: c.table is not None and _fold(c.table) in {_fold(t) for t in s.tables},
        lambda c, s: _fold(c.code_name) == _fold(s.code_name),
        lambda c, s: c.sheet == s.name,
        lambda c, s: _fold(c.sheet) == _fold(s.name),
    )
    for rule in rules:
        for contracted in CONTRACT:
            if contracted.sheet in result:
                continue
            match = next((s for s in found if s.name not in taken and rule(contracted, s)), None)
            if match is not None:
                result[contracted.sheet] = match.name
                taken.add(match.name)
    return Location(result)
