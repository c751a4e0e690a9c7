"""The report as a readable French table in a terminal (Rich)."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table

from nr_xl.core import layout, schema
from nr_xl.core.findings import (
    COMPLETE, COMPLETENESS_LABEL, STATUS_BLOCKING, STATUS_FEASIBLE, STATUS_LABEL, STATUS_TO_ARBITRATE,
    STATUS_UNVERIFIED, TO_COMPLETE, Report, Severity,
)

COLOUR = {STATUS_BLOCKING: "bold white on red", STATUS_UNVERIFIED: "bold white on grey35",
          STATUS_TO_ARBITRATE: "bold black on yellow", STATUS_FEASIBLE: "bold white on green",
          TO_COMPLETE: "bold black on yellow", COMPLETE: "bold white on green"}
# A terminal is read, not searched: the full list goes to Contrôles or JSON.
MAX_SHOWN = 100
SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def terminal(redirected: TextIO) -> Console:
    """The console a report is printed on: the terminal itself when there is one (Rich
    knows its colours and its Windows console), else ``redirected`` (a file, a pipe),
    which writes every byte or raises."""
    import sys

    shown = sys.stdout.isatty() if hasattr(sys.stdout, "isatty") else False
    return Console(highlight=False) if shown else Console(file=redirected, highlight=False)


def print_report(report: Report, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    feasibility, completeness = report.feasibility, report.completeness
    console.print(f"\n[bold]{report.file}[/bold]")
    console.print(f"Faisabilité : [{COLOUR[feasibility]}] {STATUS_LABEL[feasibility].upper()} [/]  "
                  f"({layout.feasibility_counts(report)})")
    to_complete = layout.completeness_counts(report)
    console.print(f"Classeur    : [{COLOUR[completeness]}] {COMPLETENESS_LABEL[completeness].upper()} [/]"
                  + (f"  ({to_complete})" if to_complete else "") + "\n")
    dims = Table(title="Par dimension", show_lines=False)
    dims.add_column("Dimension")
    dims.add_column("Statut")
    if report.unverified:  # where a rule could not read what it needs
        dims.add_column("Non lu")
    for name, value in report.dimensions.items():
        cells = [name, f"[{COLOUR[value]}] {STATUS_LABEL[value]} [/]"]
        dims.add_row(*cells, *([", ".join(report.unverified.get(name, ()))] if report.unverified else []))
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
