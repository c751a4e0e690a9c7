"""Builds the workbook (blank template or filled example) with openpyxl.

Only structure and content live here; ``package.py`` then makes the file
deterministic and macro-enabled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from nr_xl.core import schema
from nr_xl.core.schema import Kind, TableSpec
from nr_xl import __version__
from nr_xl.core.findings import (
    SEVERITY_LABEL, STATUS_BLOCKING, STATUS_FEASIBLE, STATUS_LABEL, STATUS_TO_ARBITRATE, Severity,
)
from nr_xl.core import layout
from nr_xl.workbook import printing, texts
from nr_xl.workbook.heights import fit_wrapped_rows
from nr_xl.workbook.synthese import build_synthese as _synthese

# Rows covered by dropdowns and column formats: far below any real roadmap.
FORMAT_ROWS = 5000
# The Risques sheet is protected (Criticité is a formula) and a protected
# sheet cannot grow a table, so the table is created with room to spare.
RISK_ROWS = 40
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
# Text columns drawn narrower than the contract's widths, their text wrapped, so that the
# widest input sheets print on A4 landscape at 8 points or more (printing.py).
NARROWER: dict[str, dict[str, float]] = {
    schema.ACTIONS.sheet: {c.header: w for c, w in (
        (schema.ACTIONS.axis, 20), (schema.ACTIONS.title, 40), (schema.ACTIONS.pilot, 16), (schema.ACTIONS.skills, 22),
        (schema.ACTIONS.indicators, 12), (schema.ACTIONS.dependencies, 12), (schema.ACTIONS.programme, 14))},
    schema.INDICATORS.sheet: {c.header: w for c, w in (
        (schema.INDICATORS.name, 32), (schema.INDICATORS.frequency, 12), (schema.INDICATORS.owner, 16),
        (schema.INDICATORS.source, 18), (schema.INDICATORS.obligation, 18))},
    schema.RISKS.sheet: {c.header: w for c, w in ((schema.RISKS.description, 44), (schema.RISKS.measure, 38))},
}
PARAMETER_HELP_WIDTH = 64
LISTS_ORDER = list(schema.LISTS)


def build_workbook(path: Path, data: dict[str, list[list[Any]]] | None = None) -> None:
    """Write the workbook to ``path``: blank if ``data`` is None, else filled with it."""
    data = data or {}
    wb = Workbook()
    wb.remove(wb.active)
    wb.code_name = "ThisWorkbook"
    wb.calculation.fullCalcOnLoad = None
    _named_styles(wb)
    sheets = {name: wb.create_sheet(name) for name in schema.SHEET_ORDER}
    codes = {t.sheet: t.code_name for t in schema.ALL_TABLES}
    for sheet in schema.OTHER_SHEETS:
        codes[sheet.name] = sheet.code_name
    for name, ws in sheets.items():
        ws.sheet_properties.codeName = codes[name]
    _readme(sheets[schema.README_SHEET.name])
    _lists(sheets[schema.LISTS_SHEET.name])
    for spec in schema.INPUT_TABLES:
        rows = data.get(spec.sheet)
        if spec is schema.PARAMETER_TABLE:
            rows = _parameter_rows(rows)
        _input_table(sheets[spec.sheet], spec, rows or [])
    _findings_sheet(sheets[schema.FINDINGS.sheet])
    _journal(sheets[schema.JOURNAL.sheet])
    _synthese(sheets[schema.SUMMARY_SHEET.name])
    _xlwings_conf(sheets[schema.XLWINGS_CONF_SHEET.name])
    for ws in sheets.values():
        fit_wrapped_rows(ws)
        printing.setup(ws)
    for sheet in schema.OTHER_SHEETS:
        sheets[sheet.name].sheet_state = sheet.state
    wb.active = 0
    wb.properties.title = "Feuille de route Numérique responsable"
    wb.properties.creator = "nr_xl"
    wb.properties.language = "fr-FR"
    # package.py pins these again in the XML; set here for tools reading the model.
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 1, 1)
    wb.save(path)


def _named_styles(wb: Workbook) -> None:
    for name, (font, fill, bold, number_format) in layout.STYLES.items():
        style = NamedStyle(name=name)
        style.font = Font(name="Calibri", size=11, bold=bold, color=font)
        if fill:
            style.fill = PatternFill("solid", fgColor=fill)
        if number_format:
            style.number_format = number_format
        if name == "nr_lien":
            style.font = Font(name="Calibri", size=11, color=font, underline="single")
        style.alignment = Alignment(vertical="top", wrap_text=name in ("nr_texte", "nr_entete"))
        wb.add_named_style(style)


def _parameter_rows(rows: list[list[Any]] | None) -> list[list[Any]]:
    """Every contract key, in order, with the value given (if any) and its help."""
    given = {schema.normalize(r[0]): r[1] for r in rows or [] if r}
    out = []
    for p in schema.PARAMETERS:
        value = given.get(schema.normalize(p.key), p.default if rows is None else None)
        out.append([p.key, value, p.help])
    return out


def _input_table(ws: Worksheet, spec: TableSpec, rows: list[list[Any]]) -> None:
    headers = list(spec.headers)
    extra_help = spec is schema.PARAMETER_TABLE
    if extra_help:
        headers.append("Aide")
    ws.append(headers)
    for cell in ws[1]:
        # Explicit header style: LibreOffice does not render Excel table styles.
        cell.style = "nr_entete"
    for values in rows:
        ws.append([_cell_value(spec, i, v) for i, v in enumerate(values)])
    n_rows = max(len(rows), 1)
    if spec is schema.RISKS:
        n_rows = max(n_rows, RISK_ROWS)
    last_col = get_column_letter(len(headers))
    table = Table(displayName=spec.table, ref=f"A1:{last_col}{n_rows + 1}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium7", showRowStripes=True)
    # Table column names must equal the header cells, or Excel repairs the file.
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
    ws.add_table(table)
    narrower = NARROWER.get(spec.sheet, {})
    for index, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = narrower.get(col.header, col.width)
        dim = ws.column_dimensions[letter]
        dim.alignment = WRAP  # what a user types later wraps too
        if col.kind is not Kind.COMPUTED:
            dim.protection = UNLOCKED
        if col.number_format:
            dim.number_format = col.number_format
        for r in range(2, n_rows + 2):
            cell = ws.cell(row=r, column=index)
            cell.alignment = WRAP
            number_format = col.number_format
            if spec is schema.PARAMETER_TABLE and index == 2 and r - 2 < len(rows):
                number_format = _parameter_format(rows[r - 2])
            if number_format:
                cell.number_format = number_format
            if col.kind is not Kind.COMPUTED:
                cell.protection = UNLOCKED
        _dropdown(ws, col, letter)
    if extra_help:
        ws.column_dimensions["C"].width = PARAMETER_HELP_WIDTH
        for r in range(2, n_rows + 2):
            ws.cell(row=r, column=3).alignment = WRAP
            ws.cell(row=r, column=3).font = Font(italic=True, color="595959")
    if spec is schema.RISKS:
        _criticality(ws, table, n_rows)
    ws.freeze_panes = "A2"


_PARAMETER_KINDS = {schema.normalize(p.key): p.kind for p in schema.PARAMETERS}


def _parameter_format(row: list[Any]) -> str | None:
    """A date parameter shows as every other date of the workbook does: 06/11/2026."""
    kind = _PARAMETER_KINDS.get(schema.normalize(row[0])) if row and row[0] else None
    return schema.DATE_FORMAT if kind is Kind.DATE else None


def _cell_value(spec: TableSpec, index: int, value: Any) -> Any:
    if index >= len(spec.columns) or value is None or value == "":
        return value if value != "" else None
    kind = spec.columns[index].kind
    if kind is Kind.DATE and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # a date typed as an agent types it (« 14 janvier 2027 »): kept as text
    if spec is schema.PARAMETER_TABLE and isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _dropdown(ws: Worksheet, col: schema.Column, letter: str) -> None:
    if not col.dropdown:
        return
    # <formula1> holds the formula without its « = », as Excel and LibreOffice write it.
    if col.dropdown.startswith("="):
        formula = col.dropdown[1:]
    else:
        index = LISTS_ORDER.index(col.dropdown) + 1
        list_letter = get_column_letter(index)
        size = max(len(schema.LISTS[col.dropdown]) + 10, 20)
        formula = f"{schema.LISTS_SHEET.name}!${list_letter}$2:${list_letter}${size + 1}"
    # A value typed outside the list is read by nr_xl (« Voté », « voté au BP 2027 ») and the
    # reading shown in « Contrôles »: Excel warns (style « Avertissement »), the user may keep it.
    dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                        showErrorMessage=col.dropdown_strict, errorStyle="warning")
    if col.dropdown_strict:
        dv.errorTitle = "Valeur hors de la liste"
        dv.error = _list_warning(col)
    dv.promptTitle = col.header[:32]
    dv.add(f"{letter}2:{letter}{FORMAT_ROWS}")
    ws.add_data_validation(dv)


def _list_warning(col: schema.Column) -> str:
    """Excel's warning for a value typed outside a list (255 characters at most)."""
    values = schema.LISTS.get(col.dropdown or "", col.enum)
    usual = ", ".join(values[:6]) + (", …" if len(values) > 6 else "")
    text = (f"Valeurs usuelles de « {col.header} » : {usual}. Vous pouvez garder ce que vous avez tapé (Oui) : "
            f"nr_xl le lira et dira comment dans « {schema.FINDINGS.sheet} ».")
    return text if len(text) <= 255 else text[:254] + "…"


def _criticality(ws: Worksheet, table: Table, n_rows: int) -> None:
    p, i, c = (schema.RISKS.columns.index(col) + 1 for col in
               (schema.RISKS.probability, schema.RISKS.impact, schema.RISKS.criticality))
    pl, il = get_column_letter(p), get_column_letter(i)
    for r in range(2, n_rows + 2):
        cell = ws.cell(row=r, column=c)
        cell.value = f'=IF(OR({pl}{r}="",{il}{r}=""),"",{pl}{r}*{il}{r})'
        cell.fill = PatternFill("solid", fgColor="EDEDED")
    formula = f'IF(OR({pl}2="",{il}2=""),"",{pl}2*{il}2)'
    table.tableColumns[c - 1].calculatedColumnFormula = TableFormula(attr_text=formula)
    letter = get_column_letter(c)
    ws.conditional_formatting.add(
        f"{letter}2:{letter}{n_rows + 1}",
        CellIsRule(operator="greaterThanOrEqual", formula=["9"],
                   fill=PatternFill("solid", bgColor="F4B6B6"), font=Font(bold=True)),
    )
    # No password: the protection keeps formulas from being overwritten by mistake.
    ws.protection.sheet = True
    ws.protection.sort = False
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False


def _readme(ws: Worksheet) -> None:
    """The committee's path first (before, during, after the COPIL: one line per step and its
    button), then the setup by way in, the sheets, the ribbon and the rules."""
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 92
    ws.column_dimensions["C"].width = 30
    title = Font(size=16, bold=True, color="1F4E3D")
    head = Font(size=12, bold=True, color="1F4E3D")
    moment = Font(bold=True, color="FFFFFF")
    moment_fill = PatternFill("solid", fgColor="1F4E3D")
    rows: list[tuple[str, str, str, str]] = [  # (A, B, C, kind)
        # B1 stays empty: the title runs on over it, on one line.
        ("Feuille de route Numérique responsable", "", f"Modèle nr_xl {__version__}", "title"),
        ("Ce classeur", "Il porte la feuille de route formalisée (étape 4.3), ses budgets, ses charges, ses indicateurs, "
         "ses risques et sa gouvernance, pour la faire valider par le comité de pilotage.", "", ""),
        ("La méthode", texts.METHOD, "", ""),
        ("", "", "", ""),
        ("Le parcours du comité", texts.PATH_INTRO, "", "head"),
    ]
    for moment_name, steps in texts.COMMITTEE_PATH:
        rows.append((moment_name, "Ce que vous faites", "Bouton du ruban", "moment"))
        rows += [(step, what, button, "step") for step, what, button in steps]
    rows += [("", "", "", ""), ("Mettre en place, une fois", "Selon votre façon d'utiliser nr_xl :", "", "head")]
    rows += [(label, text, "", "") for label, text in texts.WAYS_IN]
    rows += [("", "", "", ""), ("Excel avec Python : premier lancement", "", "", "head")]
    rows += [(label, text, "", "") for label, text in texts.FIRST_LAUNCH]
    rows += [("", "", "", ""), ("Les feuilles", "", "", "head")]
    rows += [(name, help_text, "", "") for name, help_text in texts.SHEET_HELP.items()]
    rows += [("", "", "", ""), ("Le ruban « Numérique responsable »", "Ce que fait chaque bouton",
                                "Sans Excel (ligne de commande)", "head")]
    rows += [(label, what[0].upper() + what[1:], cli, "") for label, cli, what in texts.BUTTONS]
    rows += [("", "", "", ""), ("Règles du modèle", "", "", "head")]
    rows += [("", rule, "", "") for rule in texts.RULES]
    for r, (a, b, c, kind) in enumerate(rows, start=1):
        cells = [ws.cell(row=r, column=col, value=value or None) for col, value in enumerate((a, b, c), start=1)]
        for cell in cells:
            cell.alignment = WRAP
        if kind == "title":
            cells[0].font = title
            cells[0].alignment = Alignment(vertical="top")
        elif kind == "head":
            cells[0].font = head
            for cell in cells[1:]:
                cell.font = Font(italic=True, color="595959")
        elif kind == "moment":
            for cell in cells:
                cell.font, cell.fill = moment, moment_fill
        elif a:
            cells[0].font = Font(bold=True)
        if kind == "step":
            cells[2].font = Font(bold=True, color="1F4E3D")


def _lists(ws: Worksheet) -> None:
    for index, (name, values) in enumerate(schema.LISTS.items(), start=1):
        ws.cell(row=1, column=index, value=name).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            ws.cell(row=r, column=index, value=value)
        ws.column_dimensions[get_column_letter(index)].width = max(14, max(len(v) for v in values) + 2)


def _render(ws: Worksheet, content: layout.SheetContent) -> None:
    for row, height in content.heights:
        ws.row_dimensions[row].height = height
    for cell in content.cells:
        target = ws.cell(row=cell.row, column=cell.col, value=cell.value)
        target.style = cell.style
        if cell.link:
            target.hyperlink = Hyperlink(ref=target.coordinate, location=cell.link,
                                         display=str(cell.value))


def _owned_table(ws: Worksheet, spec: TableSpec, content: layout.SheetContent) -> None:
    _render(ws, content)
    last_col = get_column_letter(len(spec.columns))
    table = Table(displayName=spec.table, ref=f"A1:{last_col}{content.table_rows + 1}")
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(spec.headers, start=1)]
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight15", showRowStripes=True)
    ws.add_table(table)
    for index, col in enumerate(spec.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = col.width
    printing.fold(ws, spec.headers)
    ws.freeze_panes = "A2"


def _findings_sheet(ws: Worksheet) -> None:
    _owned_table(ws, schema.FINDINGS, layout.findings_sheet(None))
    # Colours by value, so a write of plain values (the Excel path) is coloured too;
    # the text label always carries the meaning.
    status_cells = f"A2:A{FORMAT_ROWS} {get_column_letter(layout.BLOCK_COL + 1)}1:" \
                   f"{get_column_letter(layout.BLOCK_COL + 1)}20"
    for words, style in (((STATUS_LABEL[STATUS_BLOCKING],), "nr_bloquant"),
                         ((SEVERITY_LABEL[Severity.WARNING], STATUS_LABEL[STATUS_TO_ARBITRATE]), "nr_arbitrer"),
                         ((STATUS_LABEL[STATUS_FEASIBLE],), "nr_faisable")):
        font, fill, _, _ = layout.STYLES[style]
        for word in words:
            ws.conditional_formatting.add(status_cells, CellIsRule(
                operator="equal", formula=[f'"{word}"'], font=Font(bold=True, color=font),
                fill=PatternFill("solid", bgColor=fill)))
    k = get_column_letter(layout.BLOCK_COL)
    ws.column_dimensions[k].width = 26
    ws.column_dimensions[get_column_letter(layout.BLOCK_COL + 1)].width = 28
    for offset in range(2, 6):
        ws.column_dimensions[get_column_letter(layout.BLOCK_COL + offset)].width = 15


def _journal(ws: Worksheet) -> None:
    _owned_table(ws, schema.JOURNAL, layout.journal([]))
    ws.column_dimensions["M"].width = 48
    ws.cell(*layout.REASON_CELL).protection = UNLOCKED


def _xlwings_conf(ws: Worksheet) -> None:
    for r, (key, value) in enumerate(texts.XLWINGS_ACTIVE, start=1):
        ws.cell(row=r, column=1, value=key)
        ws.cell(row=r, column=2, value=value)
    ws.cell(row=1, column=4, value="Réglages possibles").font = Font(bold=True)
    ws.cell(row=2, column=4, value=texts.XLWINGS_HOWTO)
    for r, (key, example, help_text) in enumerate(texts.XLWINGS_GUIDE, start=4):
        ws.cell(row=r, column=4, value=key)
        ws.cell(row=r, column=5, value=example or None)
        ws.cell(row=r, column=6, value=help_text)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["D"].width = 28
    ws.column_dimensions["E"].width = 60
    ws.column_dimensions["F"].width = 80


def write_template(out: Path, data: dict[str, list[list[Any]]] | None = None,
                   lite_wheel: bytes | None = None, replace: bool = True) -> Path:
    """The blank template (or, with ``data``, a filled workbook) at ``out``, macro-enabled
    and deterministic (``package``); ``lite_wheel``, the wheel of nr_xl, travels in its
    xlwings Lite code (the release's workbook). Without ``replace``, a file already at ``out``
    stays and the workbook takes « nom (2) »: returns where it is."""
    import shutil
    import tempfile

    from nr_xl.workbook.package import package
    from nr_xl.workbook.publish import publish

    with tempfile.TemporaryDirectory() as tmp:
        raw, built = Path(tmp) / "raw.xlsx", Path(tmp) / "built.xlsm"
        build_workbook(raw, data)
        package(raw, built, lite_wheel)
        def copy(target: Path) -> None:
            shutil.copyfile(built, target)

        # Put in place whole, by the one path every file nr_xl makes takes: a full disk or a
        # read-only folder is an OutputError (exit 5) and never leaves half a workbook at ``out``.
        return publish(out, copy, replace=replace)
