"""nr-xl demo: the whole journey on the embedded example."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from nr_xl import api

DEMO_WORKBOOK = "feuille_de_route_orvane.xlsm"


def run_demo(out: Path, echo: Callable[[str], None] = print) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    workbook = out / DEMO_WORKBOOK
    api.build_example(workbook)
    echo(f"1. Classeur de l'exemple construit : {workbook}")
    report = api.check(workbook)
    api.write_controles(workbook, report)
    errors = sum(1 for f in report.findings if f.severity.value == "error")
    warnings = sum(1 for f in report.findings if f.severity.value == "warning")
    echo(f"2. Faisabilité : {report.status} ({errors} bloquant(s), {warnings} alerte(s)) — "
         "feuille « Contrôles » remplie.")
    (workbook.with_name(workbook.name + ".bak")).unlink(missing_ok=True)
    return {"Classeur": workbook}
