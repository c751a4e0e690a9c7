"""Benchmark of nr-xl on workbooks of growing size; writes benchmarks/RESULTS.md.

    python benchmarks/run.py [--sizes 1,10,100,200] [--repeat 5]

Every figure is a median over fresh processes, measured in one run on one
machine, so ratios to the floor (a process that only reads every sheet with
python-calamine) are what to compare, not seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nr_xl import api
from nr_xl.example.scale import scaled_example
from nr_xl.workbook.edit import CellEdit, apply_edits

HERE = Path(__file__).resolve().parent
FLOOR = ("import sys, python_calamine as pc\n"
         "wb = pc.CalamineWorkbook.from_path(sys.argv[1])\n"
         "[wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]\n")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process."""
    start = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True,
                         env={**os.environ, "NR_XL_NO_OPEN": "1"})
    elapsed = time.perf_counter() - start
    if run.returncode not in (0, 1):
        raise RuntimeError(f"{cmd}: {run.stderr[-500:]}")
    peak_kb = int(run.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024


def median_of(repeat: int, prepare, cmd: list[str]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times, peaks = [], []
    for _ in range(repeat):
        prepare()
        t, m = timed(cmd)
        times.append(t)
        peaks.append(m)
    return statistics.median(times), max(peaks)


def one_percent_edit(path: Path, budget_rows: list[list]) -> None:  # type: ignore[type-arg]
    edits = []
    for row in budget_rows[:: max(1, 100)][: max(1, len(budget_rows) // 100)]:
        edits.append(CellEdit("Budget", {"Action": row[0], "Année": row[1], "Financement": row[4]},
                              "Fonctionnement (€)", row[3] + 1000))
    apply_edits(path, edits)


def bench(size: int, repeat: int, work: Path) -> dict[str, float]:
    data = scaled_example(size)
    master = work / f"x{size}.xlsm"
    t0 = time.perf_counter()
    api.build_template(master, data)
    build_s = time.perf_counter() - t0
    nr = [sys.executable, "-m", "nr_xl"]
    scratch = work / f"x{size}-scratch.xlsm"

    def fresh() -> None:
        shutil.copy2(master, scratch)

    logged = work / f"x{size}-logged.xlsm"
    shutil.copy2(master, logged)
    api.snapshot(logged)
    one_percent_edit(logged, data["Budget"])

    def fresh_logged() -> None:
        shutil.copy2(logged, scratch)

    after = work / f"x{size}-after.xlsm"
    shutil.copy2(logged, after)
    api.log(after, reason="bench")
    results = {
        "actions": len(data["Feuille de route"]),
        "rows": sum(len(v) for v in data.values()),
        "file_kb": master.stat().st_size / 1024,
        "build_s": build_s,
    }
    results["floor"], results["floor_mb"] = median_of(repeat, lambda: None,
                                                      [sys.executable, "-c", FLOOR, str(master)])
    results["check"], results["check_mb"] = median_of(repeat, lambda: None,
                                                      nr + ["check", str(master), "--format", "json"])
    results["write"], results["write_mb"] = median_of(repeat, fresh, nr + ["check", str(scratch), "--format", "json", "--write"])
    results["log"], results["log_mb"] = median_of(repeat, fresh_logged, nr + ["log", str(scratch)])
    out = work / "cr.docx"
    results["minutes"], results["minutes_mb"] = median_of(max(1, repeat // 2), lambda: None,
                                                          nr + ["minutes", str(after), "-o", str(out)])
    return results


def import_cost() -> dict[str, float]:
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", "import nr_xl.cli, nr_xl.api"],
                         capture_output=True, text=True)
    total = {}
    for line in run.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$", line)
        if m:
            total[m.group(2).strip()] = int(m.group(1)) / 1e6
    heavy = [name for name in ("pandas", "xlwings", "docx", "docxtpl", "matplotlib", "openpyxl") if name in total]
    help_times = [timed([sys.executable, "-m", "nr_xl", "--help"])[0] for _ in range(5)]
    return {"cli_import_s": total.get("nr_xl.cli", 0.0) + total.get("nr_xl.api", 0.0),
            "heavy_loaded": ", ".join(heavy) or "aucune", "help_s": statistics.median(help_times)}


def table(rows: dict[int, dict[str, float]], imports: dict[str, float]) -> str:
    lines = [
        "# Résultats du banc d'essai",
        "",
        f"Machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}. Médianes de processus neufs ; "
        "« plancher » = un processus qui ne fait que lire toutes les feuilles avec python-calamine.",
        "",
        "| taille | actions | lignes | fichier | plancher | check (×plancher) | check --write (×) | log après 1 % (×) "
        "| minutes | pic mémoire check / write / log / minutes |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, r in rows.items():
        lines.append(
            f"| ×{size} | {r['actions']:,.0f} | {r['rows']:,.0f} | {r['file_kb']:,.0f} Ko | {r['floor']:.2f} s "
            f"| {r['check']:.2f} s ({r['check'] / r['floor']:.1f}×) | {r['write']:.2f} s ({r['write'] / r['floor']:.1f}×) "
            f"| {r['log']:.2f} s ({r['log'] / r['floor']:.1f}×) | {r['minutes']:.2f} s "
            f"| {r['check_mb']:.0f} / {r['write_mb']:.0f} / {r['log_mb']:.0f} / {r['minutes_mb']:.0f} Mo |"
            .replace(",", "\u202f"))
    sizes = sorted(rows)
    if len(sizes) >= 2:
        a, b = rows[sizes[-2]], rows[sizes[-1]]
        growth = b["rows"] / a["rows"]
        lines += ["", f"Croissance de ×{sizes[-2]} à ×{sizes[-1]} (données ×{growth:.1f}) : check ×"
                      f"{b['check'] / a['check']:.2f}, plancher ×{b['floor'] / a['floor']:.2f}, "
                      f"check au-delà du plancher ×{(b['check'] - b['floor']) / max(a['check'] - a['floor'], 1e-9):.2f}."]
    lines += ["", f"Import de la CLI (`python -X importtime`, nr_xl.cli + nr_xl.api) : {imports['cli_import_s']:.3f} s ; "
                  f"bibliothèques lourdes chargées par ce chemin : {imports['heavy_loaded']} ; "
                  f"`nr-xl --help` : {imports['help_s']:.2f} s.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10,100,200")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            results[size] = bench(size, args.repeat, Path(tmp))
            print(f"×{size}: {results[size]}", flush=True)
    text = table(results, import_cost())
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
