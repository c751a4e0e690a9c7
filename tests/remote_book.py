"""An xlwings remote-engine Book built from a real .xlsm: the Excel stand-in.

Tests only: the remote engine is part of xlwings PRO, used here under its
noncommercial licence (PolyForm Noncommercial allows government use); the
product itself runs on the BSD part of xlwings.
"""

from __future__ import annotations

import datetime as dt
import os
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


def payload(path: Path) -> dict:
    import xlwings as xw

    wb = load_workbook(path, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        rows = [[_json_value(v) for v in row] for row in ws.iter_rows(values_only=True)] or [[""]]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        sheets.append({"name": ws.title, "values": rows, "pictures": [], "tables": [],
                       "used_range_address": f"A1:{get_column_letter(width)}{len(rows)}"})
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
            "names": [], "sheets": sheets}


def remote_book(path: Path):  # type: ignore[no-untyped-def]
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw

    book = xw.Book(json=payload(path))
    book.set_mock_caller()
    return book


def run_button(path: Path, command: str) -> list[dict]:
    """Runs a ribbon button's Python command on a remote Book of ``path``; returns its actions."""
    book = remote_book(path)
    exec(command, {})  # the exact string the VBA passes to RunPython
    return book.json()["actions"]
