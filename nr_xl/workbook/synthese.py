"""The Synthèse sheet: live native formulas over the tables (no macro needed).

SUMIFS/COUNTIFS with structured references (tbl_Budget[Année]…): they follow
the tables as rows are added and calculate in Excel and in LibreOffice alike,
so a committee sees totals move while it edits.
"""

from __future__ import annotations

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nr_xl.core import schema

YEARS = 4  # columns/rows of years shown, from the first budgeted year
SERVICE_ROWS = 12
AXIS_ROWS = 8
RED = PatternFill("solid", bgColor="F4B6B6")
GREEN = PatternFill("solid", bgColor="C6E0B4")
# Where the first year of the roadmap is computed; every year derives from it.
FIRST_YEAR = "$B$13"


def _list_column(name: str) -> str:
    return get_column_letter(list(schema.LISTS).index(name) + 1)


def _ref(spec: schema.TableSpec, column: schema.Column) -> str:
    """A structured reference, ``tbl_Budget[Année]``."""
    return f"{spec.table}[{column.header}]"


_A, _B, _E, _L = schema.ACTIONS, schema.BUDGET, schema.ENVELOPES, schema.CHARGE
_C, _I, _R = schema.CAPACITIES, schema.INDICATORS, schema.RISKS


def build_synthese(ws: Worksheet) -> None:
    ws["A1"] = "Synthèse de la feuille de route"
    ws["A1"].style = "nr_titre"
    ws["A1"].font = Font(size=16, bold=True, color="1F4E3D")
    ws["A2"] = ("Calculée en direct par Excel ou LibreOffice à partir des tableaux. Vue annuelle, "
                "tous financements confondus : le détail par financement et par trimestre est dans "
                f"« {schema.FINDINGS.sheet} ».")
    ws.merge_cells("A2:J2")
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 30
    _key_figures(ws, 4)
    _budget(ws, 12)
    _workload(ws, 22)
    _axes(ws, 22 + SERVICE_ROWS + 4)
    ws.column_dimensions["A"].width = 36
    for col in range(2, 3 * YEARS + 2):  # 13: the sheet prints on A4 landscape at 8 points or more
        ws.column_dimensions[get_column_letter(col)].width = 13
    ws.protection.sheet = True  # formulas only; no password


def _head(ws: Worksheet, row: int, values: list[str]) -> None:
    ws.row_dimensions[row].height = 32
    for i, value in enumerate(values, start=1):
        ws.cell(row=row, column=i, value=value).style = "nr_entete"


def _title(ws: Worksheet, row: int, text: str) -> None:
    ws.cell(row=row, column=1, value=text).style = "nr_titre"


def _key_figures(ws: Worksheet, row: int) -> None:
    _title(ws, row, "Chiffres clés")
    figures = [
        ("Actions", f"=COUNTA({_ref(_A, _A.id)})", "0"),
        ("Investissement prévu (toutes années)", f"=SUM({_ref(_B, _B.investment)})", schema.EUR),
        ("Fonctionnement prévu (toutes années)", f"=SUM({_ref(_B, _B.operating)})", schema.EUR),
        ("Charge totale (jours-homme)", f"=SUM({_ref(_L, _L.days)})", "#,##0.0"),
        (_I.sheet, f"=COUNTA({_ref(_I, _I.id)})", "0"),
        ("Risques critiques (criticité ≥ 9)", f'=COUNTIFS({_ref(_R, _R.criticality)},">=9")', "0"),
    ]
    for offset, (label, formula, number_format) in enumerate(figures, start=1):
        ws.cell(row=row + offset, column=1, value=label)
        cell = ws.cell(row=row + offset, column=2, value=formula)
        cell.number_format = number_format


def _budget(ws: Worksheet, row: int) -> None:
    _title(ws, row, "Budget par année face aux enveloppes (en €)")
    ws.cell(row=row + 1, column=1, value="Première année")
    ws.cell(row=row + 1, column=2,
            value=f"=IF(COUNT({_ref(_B, _B.year)})=0,YEAR(TODAY())+1,MIN({_ref(_B, _B.year)}))")
    _head(ws, row + 2, [_B.year.header, "Investissement prévu", "Enveloppes d'investissement",
                        "Marge d'investissement", "Fonctionnement prévu",
                        "Enveloppes de fonctionnement", "Marge de fonctionnement", _E.status.header])
    first = row + 3
    for i in range(YEARS):
        r = first + i
        ws.cell(row=r, column=1, value=f"={FIRST_YEAR}+{i}")
        for col, table, column in (
            (2, _B, _B.investment),
            (3, _E, _E.investment),
            (5, _B, _B.operating),
            (6, _E, _E.operating),
        ):
            ws.cell(row=r, column=col, value=f"=SUMIFS({_ref(table, column)},{_ref(table, table.year)},$A{r})")
        ws.cell(row=r, column=4, value=f"=C{r}-B{r}")
        ws.cell(row=r, column=7, value=f"=F{r}-E{r}")
        ws.cell(row=r, column=8,
                value=f'=IF(AND(B{r}=0,E{r}=0),"",IF(OR(D{r}<0,G{r}<0),"Dépassement","Dans les enveloppes"))')
        for col in range(2, 8):
            ws.cell(row=r, column=col).number_format = schema.EUR
    total = first + YEARS
    ws.cell(row=total, column=1, value="Total").font = Font(bold=True)
    for col in range(2, 8):
        letter = get_column_letter(col)
        cell = ws.cell(row=total, column=col, value=f"=SUM({letter}{first}:{letter}{total - 1})")
        cell.number_format = schema.EUR
        cell.font = Font(bold=True)
    for letter in ("D", "G"):
        ws.conditional_formatting.add(f"{letter}{first}:{letter}{total}",
                                      CellIsRule(operator="lessThan", formula=["0"], fill=RED))


def _workload(ws: Worksheet, row: int) -> None:
    _title(ws, row, "Charge par service et par année face à la capacité (jours-homme)")
    heads = [_L.service.header]
    for _ in range(YEARS):
        heads += [_L.sheet, "Capacité", "Taux"]
    _head(ws, row + 1, heads)
    for i in range(YEARS):
        # The year above its three columns, from the first year of the budget table.
        ws.cell(row=row, column=2 + 3 * i, value=f'="Année "&({FIRST_YEAR}+{i})').font = Font(bold=True)
    services = _list_column("Services")
    for s in range(SERVICE_ROWS):
        r = row + 2 + s
        cell = f"{schema.LISTS_SHEET.name}!${services}${s + 2}"
        ws.cell(row=r, column=1, value=f'=IF({cell}="","",{cell})')
        for i in range(YEARS):
            year = f"({FIRST_YEAR}+{i})"
            load, cap, rate = (get_column_letter(2 + 3 * i + k) for k in range(3))
            ws[f"{load}{r}"] = (f'=IF($A{r}="","",SUMIFS({_ref(_L, _L.days)},{_ref(_L, _L.service)},$A{r},'
                                f"{_ref(_L, _L.year)},{year}))")
            ws[f"{cap}{r}"] = (f'=IF($A{r}="","",SUMIFS({_ref(_C, _C.days)},'
                               f"{_ref(_C, _C.service)},$A{r},{_ref(_C, _C.year)},{year}))")
            ws[f"{rate}{r}"] = f'=IF(OR($A{r}="",N({cap}{r})=0),"",{load}{r}/{cap}{r})'
            ws[f"{load}{r}"].number_format = ws[f"{cap}{r}"].number_format = "#,##0.0"
            ws[f"{rate}{r}"].number_format = "0%"
            span = f"{rate}{row + 2}:{rate}{row + 1 + SERVICE_ROWS}"
            if s == 0:
                ws.conditional_formatting.add(span, CellIsRule(operator="greaterThan", formula=["1"], fill=RED))
    ws.cell(row=row + 2 + SERVICE_ROWS, column=1,
            value="Services : liste de la feuille Listes (masquée). Vue annuelle ; la règle "
                  "trimestrielle est appliquée par « Vérifier la faisabilité ».").font = Font(italic=True, color="595959")


def _axes(ws: Worksheet, row: int) -> None:
    _title(ws, row, "Actions par axe")
    _head(ws, row + 1, [_A.axis.header, "Actions", schema.ACTION_RUNNING, "Terminées"])
    axes = _list_column("Axes")
    for a in range(AXIS_ROWS):
        r = row + 2 + a
        cell = f"{schema.LISTS_SHEET.name}!${axes}${a + 2}"
        ws.cell(row=r, column=1, value=f'=IF({cell}="","",{cell})')
        axis, status = _ref(_A, _A.axis), _ref(_A, _A.status)
        ws.cell(row=r, column=2, value=f'=IF($A{r}="","",COUNTIFS({axis},$A{r}))')
        ws.cell(row=r, column=3,
                value=f'=IF($A{r}="","",COUNTIFS({axis},$A{r},{status},"{schema.ACTION_RUNNING}"))')
        ws.cell(row=r, column=4,
                value=f'=IF($A{r}="","",COUNTIFS({axis},$A{r},{status},"{schema.ACTION_DONE}"))')
    total = row + 2 + AXIS_ROWS
    ws.cell(row=total, column=1, value="Total").font = Font(bold=True)
    for col in (2, 3, 4):
        letter = get_column_letter(col)
        ws.cell(row=total, column=col, value=f"=SUM({letter}{row + 2}:{letter}{total - 1})").font = Font(bold=True)
