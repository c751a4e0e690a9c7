"""An xlwings remote-engine Book built from a real .xlsm: the Excel stand-in.

Tests only: the remote engine is part of xlwings PRO, used here under its
noncommercial licence (PolyForm Noncommercial allows government use); the
product itself runs on the BSD part of xlwings.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter


def _json_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    return str(value)


def run_button(path: Path, command: str) -> list[dict]:
    """Runs a ribbon button's Python command on an Excel-like Book of ``path``; returns its actions."""
    return ExcelLikeBook.from_file(path).click(command)


class ExcelLikeBook:
    """A workbook as Excel stores it, whose buttons run on the remote engine.

    Each click builds a remote-engine Book from the current values, runs the
    button's command, then replays its writes as Excel would store them: a
    string is re-typed as if typed (« 1.1 » a number, « 28/11/2026 10:00:00 »
    a date-time, « 50 % » 0.5: ``excel_typing.stored_value``) unless it carries
    the text prefix or its cell has the text format « @ »; « =… » is a formula.
    So the tests check what Excel keeps, not what was sent.
    """

    def __init__(self, name: str, sheets: dict[str, list[list[object]]], fullname: str | None = None,
                 today: dt.date = dt.date(2027, 3, 1)) -> None:
        self.name = name
        self.fullname = fullname
        self.sheets = sheets
        self.today = today
        self.text_cells: dict[str, set[tuple[int, int]]] = {n: set() for n in sheets}
        self.formulas: dict[str, dict[tuple[int, int], str]] = {n: {} for n in sheets}
        # Excel tables: sheet -> [[name, "A1:I18"]], resized as Excel resizes them.
        self.tables: dict[str, list[list[str]]] = {n: [] for n in sheets}

    @classmethod
    def from_file(cls, path: Path, fullname: str | None = None) -> ExcelLikeBook:
        wb = load_workbook(path, data_only=True)
        sheets = {}
        for ws in wb.worksheets:
            sheets[ws.title] = [[float(v) if isinstance(v, int) and not isinstance(v, bool) else v
                                 for v in row] for row in ws.iter_rows(values_only=True)]
        book = cls(path.name, sheets, fullname)
        for ws in wb.worksheets:
            book.tables[ws.title] = [[name, ref] for name, ref in ws.tables.items()]
        return book

    # --- the remote engine side ---
    def payload(self) -> dict:
        import xlwings as xw

        sheets = []
        for name, rows in self.sheets.items():
            values = [[_json_value(v) for v in row] for row in rows] or [[""]]
            width = max(1, max(len(r) for r in values))
            values = [r + [""] * (width - len(r)) for r in values]
            sheets.append({"name": name, "values": values, "pictures": [],
                           "tables": [_table_payload(t, ref) for t, ref in self.tables.get(name, [])],
                           "used_range_address": f"A1:{get_column_letter(width)}{len(values)}"})
        return {"client": "Office.js", "version": xw.__version__,
                "book": {"name": self.name, "active_sheet_index": 0, "selection": "A1"},
                "names": [], "sheets": sheets}

    def remote(self):  # type: ignore[no-untyped-def]
        os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
        import xlwings as xw

        book = xw.Book(json=self.payload())
        if self.fullname:
            _set_fullname(book, self.fullname)
        book.set_mock_caller()
        return book

    def click(self, command: str) -> list[dict]:
        book = self.remote()
        exec(command, {})  # the exact string the VBA passes to RunPython
        actions = book.json()["actions"]
        self.replay(actions)
        return actions

    def read(self) -> dict[str, list[list[object]]]:
        """Every sheet as the ribbon reads it (through the remote engine)."""
        from nr_xl.excel.read import read_sheets

        return read_sheets(self.remote(), list(self.sheets))

    # --- the Excel side ---
    def value(self, sheet: str, ref: str) -> object:
        row, col = _cell(ref)
        rows = self.sheets[sheet]
        return rows[row][col] if row < len(rows) and col < len(rows[row]) else None

    def type(self, sheet: str, ref: str, text: str) -> None:
        """A user types ``text`` in a cell and presses Enter."""
        self._store(sheet, *_cell(ref), text)

    def replay(self, actions: list[dict]) -> None:
        names = list(self.sheets)
        for action in actions:
            func = action["func"]
            if action.get("sheet_position") is None or func not in _REPLAYED:
                continue
            sheet = names[action["sheet_position"]]
            if func == "resizeTable":
                index, address = action["args"]
                self.tables[sheet][index][1] = address.replace("$", "")
                continue
            top, left = action["start_row"], action["start_column"]
            cells = [(top + r, left + c) for r in range(action["row_count"]) for c in range(action["column_count"])]
            if func == "setValues":
                for r, row in enumerate(action["values"]):
                    for c, value in enumerate(row):
                        self._store(sheet, top + r, left + c, value)
            elif func == "rangeClearContents":
                for r, c in cells:
                    self._put(sheet, r, c, None)
            elif func == "sheetClearContents":
                self.sheets[sheet] = []
                self.formulas[sheet].clear()
            elif func == "setNumberFormat":
                if action["args"] == ["@"]:
                    self.text_cells[sheet].update(cells)
                else:
                    self.text_cells[sheet].difference_update(cells)

    def _store(self, sheet: str, row: int, col: int, value: object) -> None:
        self.formulas[sheet].pop((row, col), None)
        if value == "" or value is None:
            self._put(sheet, row, col, None)
        elif isinstance(value, str) and (row, col) in self.text_cells[sheet]:
            self._put(sheet, row, col, value)
        elif isinstance(value, str) and value.startswith("="):
            self.formulas[sheet][(row, col)] = value
            label = re.fullmatch(r'=HYPERLINK\("[^"]*","(.*)"\)', value)
            self._put(sheet, row, col, label.group(1).replace('""', '"') if label else value)
        elif isinstance(value, str):
            from nr_xl.core.excel_typing import stored_value

            self._put(sheet, row, col, stored_value(value, self.today))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self._put(sheet, row, col, float(value))
        else:
            self._put(sheet, row, col, value)

    def _put(self, sheet: str, row: int, col: int, value: object) -> None:
        rows = self.sheets[sheet]
        while len(rows) <= row:
            rows.append([])
        if len(rows[row]) <= col:
            rows[row].extend([None] * (col + 1 - len(rows[row])))
        rows[row][col] = value


_REPLAYED = {"setValues", "rangeClearContents", "sheetClearContents", "setNumberFormat", "resizeTable"}


def _table_payload(name: str, ref: str) -> dict:
    """An Excel table as the remote engine receives it from Office.js."""
    from openpyxl.utils.cell import range_boundaries

    left, top, right, bottom = range_boundaries(ref)
    body = f"{get_column_letter(left)}{top + 1}:{get_column_letter(right)}{max(bottom, top + 1)}"
    return {"name": name, "range_address": ref, "header_row_range_address":
            f"{get_column_letter(left)}{top}:{get_column_letter(right)}{top}",
            "data_body_range_address": body, "total_row_range_address": None, "show_headers": True,
            "show_totals": False, "table_style": "", "show_autofilter": True,
            "row_count": bottom - top + 1, "column_count": right - left + 1, "columns": []}


def _cell(ref: str) -> tuple[int, int]:
    """"C18" -> (17, 2), 0-based."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    letters, row = coordinate_from_string(ref)
    return row - 1, column_index_from_string(letters) - 1


def _set_fullname(book, url: str) -> None:  # type: ignore[no-untyped-def]
    """Book.fullname as xlwings' Windows engine gives it for a workbook opened
    from OneDrive or SharePoint: mapped to the synchronised file, or an error."""
    from xlwings.utils import fullname_url_to_local_path

    class UrlBook(type(book.impl)):  # type: ignore[misc]
        @property
        def fullname(self) -> str:
            return fullname_url_to_local_path(url=url)

    book.impl.__class__ = UrlBook
