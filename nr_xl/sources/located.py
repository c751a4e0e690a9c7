"""The contract's sheets and tables in a package, whatever a user renamed (``core/locate.py``),
and the refusal of a spreadsheet that is not an nr_xl workbook at all."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from nr_xl.core import schema
from nr_xl.core.errors import WorkbookUnreadable
from nr_xl.core.locate import Location, locate
from nr_xl.core.schema import Kind, normalize
from nr_xl.sources.ooxml import PackageSheet, zip_sheets


@dataclass(frozen=True)
class Located:
    location: Location
    sheets: list[PackageSheet]
    # Excel table name -> range, with the contract's name added for a table a user renamed.
    tables: dict[str, str]

    def part_of(self, sheet: str) -> str | None:
        """The part of the contract sheet ``sheet`` (or of a sheet of that name outside the contract)."""
        actual = self.location.actual(sheet)
        return next((s.part for s in self.sheets if s.name == actual), None)


def locate_package(zf: zipfile.ZipFile) -> Located:
    sheets = zip_sheets(zf)
    location = locate([s.found for s in sheets])
    return Located(location, sheets, _tables(sheets, location))


def _tables(sheets: list[PackageSheet], location: Location) -> dict[str, str]:
    """Every table's range by name; a contract table renamed by a user (« Tableau16 ») is
    also listed under its contract name when its sheet holds exactly one table with its columns."""
    tables = {t.name: t.ref for s in sheets for t in s.tables}
    by_fold = {name.casefold(): ref for name, ref in tables.items()}
    by_name = {s.name: s for s in sheets}
    for spec in schema.ALL_TABLES:
        if spec.table in tables:
            continue
        if spec.table.casefold() in by_fold:
            tables[spec.table] = by_fold[spec.table.casefold()]
            continue
        sheet = by_name.get(location.sheets.get(spec.sheet, ""))
        if sheet is None:
            continue
        wanted = {normalize(c.header) for c in spec.columns if c.required and c.kind is not Kind.COMPUTED}
        matching = [t for t in sheet.tables if wanted <= {normalize(c) for c in t.columns}]
        if len(matching) == 1:
            tables[spec.table] = matching[0].ref
    return tables


def contract_links(zf: zipfile.ZipFile, located: Located,
                   sheets: list[str] | None) -> dict[str, dict[tuple[int, int], str]]:
    """The cells reading another workbook (``links.py``), keyed by the names the rows are:
    a renamed contract sheet's links under its contract name."""
    from nr_xl.sources.links import external_links

    asked = [s.name for s in located.sheets] if sheets is None else list(sheets)
    parts = {name: part for name in asked if (part := located.part_of(name)) is not None}
    return external_links(zf, parts, asked)


def refuse_foreign(path: Path, located: Located) -> None:
    """A spreadsheet holding none of the contract's input sheets (by table, code name or
    name) is someone else's: one message, rather than a finding per missing sheet or a
    document « pour 0 € »."""
    if located.location.is_nr_xl:
        return
    names = [s.name for s in located.sheets]
    shown = ", ".join(f"« {n} »" for n in names[:6]) + (f" et {len(names) - 6} autre(s)" if len(names) > 6 else "")
    raise WorkbookUnreadable(
        f"« {path.name} » n'est pas un classeur nr_xl : aucune de ses feuilles ({shown or 'aucune'}) n'est une "
        f"feuille de la feuille de route (« {schema.PARAMETER_TABLE.sheet} », « {schema.ACTIONS.sheet} », "
        f"« {schema.BUDGET.sheet} »…, ni leurs tableaux tbl_…). Partez du modèle (nr-xl template) et copiez-y "
        "vos données, ou indiquez le bon classeur."
    )
