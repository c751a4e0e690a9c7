"""The JSON report of ``nr-xl check --format json`` (docs/constats.md).

Indented for a reader, but each finding — and each item of any list of
records, such as the capacity figures of every service — on one line: the
pretty-printing encoder of the standard library is pure Python and costs more
than the checks on a workbook with thousands of findings, while the compact
one is in C. One line per record also keeps the report greppable and diffable.
"""

from __future__ import annotations

import json
from typing import Any

from nr_xl.core.findings import Report

_COMPACT = json.JSONEncoder(ensure_ascii=False).encode


def dumps(report: Report) -> str:
    return _pretty(report.to_dict(), "")


def _pretty(value: Any, indent: str) -> str:
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = (f"{inner}{_COMPACT(str(k))}: {_pretty(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(_one_per_line(value, inner)) + f"\n{indent}]"
    return _COMPACT(value)


def _one_per_line(items: list[Any], inner: str) -> list[str]:
    """Each item of ``items`` encoded on its own line.

    A list of records sharing their first key (findings: "code") is encoded in one
    call of the C encoder, then cut before each record: the encoder's own setup,
    paid per call, costs more than a finding's text. The cut is exact: a bare quote
    only ever opens or closes a string, so « }, {"code": » cannot occur inside one;
    the count of pieces is checked all the same."""
    first = next(iter(items[0]), None) if isinstance(items[0], dict) else None
    if first is not None and all(type(v) is dict and next(iter(v), None) == first for v in items):
        opening = "{" + _COMPACT(first) + ": "
        pieces = _COMPACT(items)[1:-1].split("}, " + opening)
        if len(pieces) == len(items):
            last = len(pieces) - 1
            return [inner + ("" if i == 0 else opening) + piece + ("" if i == last else "}")
                    for i, piece in enumerate(pieces)]
    return [inner + _COMPACT(v) for v in items]
