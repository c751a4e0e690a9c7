"""The JSON report of ``nr-xl check --format json`` (docs/constats.md).

Indented for a reader, but each finding on one line: the pretty-printing
encoder of the standard library is pure Python and costs more than the checks
on a workbook with thousands of findings, while the compact one is in C. One
line per finding also keeps the report greppable and diffable.
"""

from __future__ import annotations

import json
from typing import Any

from nr_xl.findings import Report


def dumps(report: Report) -> str:
    data = report.to_dict()
    compact = json.JSONEncoder(ensure_ascii=False).encode
    parts = []
    for key, value in data.items():
        if key == "findings" and value:
            inner = ",\n    ".join(compact(item) for item in value)
            text = f"[\n    {inner}\n  ]"
        else:
            text = _indented(value)
        parts.append(f"  {compact(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}"


def _indented(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n  ")
