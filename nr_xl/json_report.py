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

from nr_xl.findings import Report

_COMPACT = json.JSONEncoder(ensure_ascii=False).encode


def dumps(report: Report) -> str:
    return _pretty(report.to_dict(), "")


def _pretty(value: Any, indent: str) -> str:
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = (f"{inner}{_COMPACT(str(k))}: {_pretty(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(inner + _COMPACT(v) for v in value) + f"\n{indent}]"
    return _COMPACT(value)
