"""Cells that read another workbook (external links), as the journal follows them (pure).

A cell whose formula reads another workbook (« =[Budget DSI.xlsx]Budget!C18 ») holds the
value Excel last read there, refreshed whenever Excel updates the links. The checks read
that value: it is the figure the workbook shows. The journal does not: nobody typed it, and
the other workbook changing is no adjustment of the committee's. It follows the link itself,
which is what the user typed: retargeting it, typing a value over it, or linking a cell that
held a value is an adjustment (journalled with both sides, « 150000 (liaison [Budget
DSI.xlsx]Budget!C18) »).

A cell may also read another workbook through a defined name (« =BudgetDSI », the name reading
« [1]Budget!$C$18 »): the name is then written as what it reads.

A link is written the same whoever reads it: a file stores « [1]Budget!C18 » and names the
workbook in a part of its own, Excel shows « ='C:\\…\\[Budget DSI.xlsx]Budget'!C18 » when that
workbook is closed and « =[Budget DSI.xlsx]Budget!C18 » when it is open; all read
« [Budget DSI.xlsx]Budget!C18 ».
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from nr_xl.core import fmt, parse, schema
from nr_xl.core.findings import Finding, finding
from nr_xl.core.tables import column_letter, extract

# sheet -> (Excel row, column), both 1-based -> the link, as ``external_link`` writes it
Links = Mapping[str, Mapping[tuple[int, int], str]]

# The record field that keeps the link of a field's cell, beside its value (never a header:
# the snapshot keeps only the contract's columns).
SUFFIX = " (liaison)"

# An external reference: « [book]Sheet! », or quoted with the folder Excel shows while the
# other workbook is closed (« 'C:\\Budgets\\[book]Sheet'! », a quote doubled inside). Not after a
# letter, a digit or « ] »: « tbl_Budget[2027] » is a table's column, not a book. Linear in the
# formula's length (a file's formula may be far longer than Excel's 8,192 characters): the
# repeated parts are possessive and a quote starts a reference only after another character,
# so a failed match gives back nothing to retry.
_REFERENCE = re.compile(r"""(?<![\w\]\.'])(?:'(?:[^'\[\]]|'')*+)?\[([^\[\]]+)\]((?:[^'!\[\]"]|'')*+)'?!""")
_STRING = re.compile(r'"(?:[^"]|"")*"')
# A defined name in a formula (« =BudgetDSI*2 »): not a function « ( », a table « [ », a sheet « ! ».
_NAME = re.compile(r"(?<![\w.\\\[\]!'$])([A-Za-z_\\][\w.\\]*+)(?![(\[!])")


def external_link(formula: str, books: Mapping[str, str] | None = None,
                  names: Mapping[str, str] | None = None) -> str | None:
    """The formula with each reference to another workbook written « [book]Sheet! », or None
    when it reads no other workbook. ``books``: a file's « [1] » -> the workbook's name;
    ``names``: the defined names that read another workbook (``external_names``), each
    written as what it reads."""
    text = formula[1:] if formula.startswith("=") else formula
    found = False
    parts = []
    last = 0
    for literal in _STRING.finditer(text):  # text inside "…" is never a reference
        parts.append(text[last:literal.start()])
        parts.append(literal.group(0))
        last = literal.end()
    parts.append(text[last:])
    for i in range(0, len(parts), 2):
        parts[i], count = _REFERENCE.subn(lambda m: f"[{_book(m.group(1), books)}]{m.group(2)}!", parts[i])
        found = found or count > 0
        if names:
            found = found or any(m.group(1).casefold() in names for m in _NAME.finditer(parts[i]))
            parts[i] = _NAME.sub(lambda m: names.get(m.group(1).casefold(), m.group(1)), parts[i])
    return "".join(parts) if found else None


def external_names(definitions: Mapping[str, str], books: Mapping[str, str] | None = None) -> dict[str, str]:
    """name (case folded, without its sheet) -> what it reads, for the defined names whose
    definition reads another workbook (« BudgetDSI » -> « [Budget DSI.xlsx]Budget!$C$18 »)."""
    out = {}
    for name, definition in definitions.items():
        link = external_link(definition, books) if "[" in definition else None
        if link is not None:
            out[name.rpartition("!")[2].casefold()] = link
    return out


def _book(name: str, books: Mapping[str, str] | None) -> str:
    if name.isdigit():
        return (books or {}).get(name, f"classeur externe n° {name}")
    return base_name(name)


def base_name(path: str) -> str:
    """« C:\\Budgets\\Budget DSI.xlsx », « https://…/Budget%20DSI.xlsx » -> « Budget DSI.xlsx »."""
    from urllib.parse import unquote

    return re.split(r"[\\/]", unquote(path).rstrip("\\/"))[-1]


def shown(value: str, link: str) -> str:
    """A linked cell as the journal shows it: its value, and the link it reads."""
    return f"{value} (liaison {link})" if link else value


def books_of(link: str) -> list[str]:
    """The workbooks a link reads, in order, once each: « [Budget DSI.xlsx]Budget!C18 » ->
    [« Budget DSI.xlsx »]."""
    return list(dict.fromkeys(re.findall(r"\[([^\[\]]+)\]", link)))


_SHOWN = re.compile(r"(?s)(.*) \(liaison (.+)\)")


def unshown(text: str) -> tuple[str, str]:
    """(value, link) back from ``shown``; ("text", "") for a value typed in."""
    m = _SHOWN.fullmatch(text)
    return (m.group(1), m.group(2)) if m else (text, "")


def link_findings(sheets: Mapping[str, list[list[object]]], links: Links) -> list[Finding]:
    """input.external_link, one per cell of an input table that reads another workbook: where
    it is, the link, and the value the checks read there. A linked cell outside the tables is
    read by nothing, and said by nothing."""
    out = []
    for spec in schema.INPUT_TABLES:
        cells = links.get(spec.sheet)
        if not cells or spec.sheet not in sheets:
            continue
        table = extract(spec, sheets[spec.sheet])
        computed = {c.header for c in spec.columns if c.kind is schema.Kind.COMPUTED}  # the template's formulas
        headers = {index + 1: header for header, index in table.columns.items() if header not in computed}
        rows = dict(zip(table.numbers, table.cells))
        for (row, col), link in sorted(cells.items()):
            header = headers.get(col)
            if header is None or row not in rows:
                continue
            cells_of_row = rows[row]
            value = cells_of_row[col - 1] if col - 1 < len(cells_of_row) else None
            where = f"{spec.sheet}!{column_letter(col - 1)}{row}"
            if spec is schema.PARAMETER_TABLE:
                name_index = table.columns.get(schema.PARAMETER_TABLE.name.header)
                name = cells_of_row[name_index] if name_index is not None and name_index < len(cells_of_row) else None
                out.append(finding("input.external_link", sheet=spec.sheet, row=row, field=header, key=where,
                                   variant="parameter", parameter=_safe_text(name) or header, link=link,
                                   value=_value(value)))
            else:
                out.append(finding("input.external_link", sheet=spec.sheet, row=row, field=header, key=where,
                                   link=link, value=_value(value)))
    return out


def _value(value: object) -> str:
    """The value Excel last read, as the message says it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
            and abs(value) < 1e15:
        return fmt.number(value, 2)
    text = _safe_text(value)
    if text is None:
        return "aucune valeur (la liaison n'a jamais été mise à jour)"
    return f"« {text if len(text) <= 40 else text[:39] + '…'} »"


def _safe_text(value: object) -> str | None:
    try:
        return parse.text(value)
    except parse.CellError:  # an Excel error (« #N/A »): the other workbook was not found
        return " ".join(str(value).split())
