"""The report as a readable French table in a terminal (Rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from nr_xl.core import schema
from nr_xl.core.findings import (
    STATUS_BLOCKING, STATUS_FEASIBLE, STATUS_LABEL, STATUS_TO_ARBITRATE, Report, Severity,
)

COLOUR = {STATUS_BLOCKING: "bold white on red", STATUS_TO_ARBITRATE: "bold black on yellow",
          STATUS_FEASIBLE: "bold white on green"}
# A terminal is read, not searched: the full list goes to Contrôles or JSON.
MAX_SHOWN = 100
SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_report(report: Report, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    status = report.status
    console.print(f"\n[bold]{report.file}[/bold] — statut : "
                  f"[{COLOUR[status]}] {STATUS_LABEL[status].upper()} [/]  "
                  f"({report.tally()})\n")
    dims = Table(title="Par dimension", show_lines=False)
    dims.add_column("Dimension")
    dims.add_column("Statut")
    for name, value in report.dimensions.items():
        dims.add_row(name, f"[{COLOUR[value]}] {STATUS_LABEL[value]} [/]")
    console.print(dims)
    if not report.findings:
        console.print("\nAucun constat : la feuille de route est faisable en l'état.")
        return
    console.print("\n[bold]Constats[/bold] (du plus grave au moins grave)\n")
    for f in report.findings[:MAX_SHOWN]:
        where = f.sheet or "classeur"
        if f.row:
            where += f", ligne {f.row}"
        if f.field:
            where += f", « {f.field} »"
        colour = SEVERITY_COLOUR[f.severity]
        console.print(f"[{colour}]● {f.label}[/{colour}]  [bold]{f.code}[/bold]"
                      + (f"  {f.key}" if f.key else "") + f"  [dim]({where})[/dim]")
        console.print(f"  {f.message}", soft_wrap=False)
        console.print(f"  [dim]→ {f.suggestion}[/dim]\n")
    if len(report.findings) > MAX_SHOWN:
        console.print(f"… et {len(report.findings) - MAX_SHOWN} constat(s) de plus : la liste complète est "
                      f"dans la feuille « {schema.FINDINGS.sheet} » (--write) ou en JSON (--format json).")
