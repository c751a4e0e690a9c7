"""Benchmark of nr-xl on workbooks of growing size; writes benchmarks/RESULTS.md.

    python benchmarks/run.py [--sizes 1,100,200] [--repeat 5] [--shapes partages,propres]

Two shapes of région-sized roadmap, built by ``nr_xl.example.scale``:
« partagés », copies of the example sharing its services (few findings), and
« propres », copies each bringing its own, stretched services (thousands of
services, thousands of findings: the shape where a quadratic step shows).

The machine is shared, so seconds are noise: each command runs right after a
floor process (one that only reads every sheet with python-calamine), and the
figure to compare is the median of these paired ratios.
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
from collections.abc import Callable

from nr_xl import api
from nr_xl.example.scale import scaled_example
from nr_xl.workbook.edit import CellEdit, apply_edits

HERE = Path(__file__).resolve().parent
FLOOR = ("import sys, python_calamine as pc\n"
         "wb = pc.CalamineWorkbook.from_path(sys.argv[1])\n"
         "[wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]\n")
# The least any Python check could do with the same file: read every sheet, make one
# record per row, and print as many findings as the check finds, as JSON. What a command
# costs beyond this is ours (typed parsing, the rules, French wording), not Python's.
LEAST = ("import sys, json, python_calamine as pc\n"
         "wb = pc.CalamineWorkbook.from_path(sys.argv[1])\n"
         "for n in wb.sheet_names:\n"
         "    rows = wb.get_sheet_by_name(n).to_python()\n"
         "    records = [dict(zip(rows[0], r)) for r in rows[1:]] if rows else []\n"
         "print(json.dumps([{'code': 'capacity.overload', 'key': f'S{i}/2027-T1', 'message': "
         "f'Au 2027-T1, la charge de S{i} ({i} j-h) dépasse sa capacité.'} for i in range(int(sys.argv[2]))], "
         "ensure_ascii=False))\n")
SHAPES = {"partages": False, "propres": True}
SHAPE_LABEL = {"partages": "services partagés", "propres": "services propres à chaque copie"}
COMMANDS = ("check_json", "check_text", "write", "log", "minutes", "kickoff")
LABEL = {"check_json": "check --format json", "check_text": "check (texte)", "write": "check --write",
         "log": "log après 1 %", "minutes": "minutes", "kickoff": "kickoff"}
TARGET = {"check_json": 2.0, "check_text": 2.0, "write": 3.0, "log": 3.0}


def timed(cmd: list[str], tree: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of one process.

    CPU time is the steadier of the two on a shared machine: waiting for a core
    lengthens the wall time of a run, not the work it does."""
    start = time.perf_counter()
    env = {**os.environ, "NR_XL_NO_OPEN": "1", "COLUMNS": "120"}
    if tree is not None:  # another source tree of nr_xl (--compare): same interpreter, same libraries
        env["PYTHONPATH"] = str(tree)
    run = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", *cmd], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if run.returncode not in (0, 1):
        raise RuntimeError(f"{cmd}: {run.stderr[-500:]}")
    peak_kb, user, system = run.stderr.strip().splitlines()[-1].split()
    return elapsed, int(peak_kb) / 1024, float(user) + float(system)


def paired(repeat: int, prepare: Callable[[], None], floor: list[str], cmd: list[str],
           compare: Path | None = None) -> dict[str, float]:
    """Median seconds, median ratio to a floor run just before (wall and CPU), max peak memory;
    with ``compare``, also the same command from that source tree, right after, against the
    same floor (``compare_ratio``) and the ratio of the two (``versus``)."""
    times, ratios, cpus, cpu_ratios, peaks, others, versus = [], [], [], [], [], [], []
    for _ in range(repeat):
        base, _, base_cpu = timed(floor)
        if compare is not None:
            prepare()
            other, _, _ = timed(cmd, compare)
            others.append(other / base)
        prepare()
        t, m, cpu = timed(cmd)
        if compare is not None:
            versus.append(t / other)
        times.append(t)
        ratios.append(t / base)
        cpus.append(cpu)
        cpu_ratios.append(cpu / base_cpu)
        peaks.append(m)
    result = {"s": statistics.median(times), "ratio": statistics.median(ratios), "mb": max(peaks),
              "cpu": statistics.median(cpus), "cpu_ratio": statistics.median(cpu_ratios)}
    if compare is not None:
        result.update(compare_ratio=statistics.median(others), versus=statistics.median(versus))
    return result


def one_percent_edit(path: Path, budget_rows: list[list]) -> None:  # type: ignore[type-arg]
    edits = []
    for row in budget_rows[:: max(1, 100)][: max(1, len(budget_rows) // 100)]:
        edits.append(CellEdit("Budget", {"Action": row[0], "Année": row[1], "Financement": row[4]},
                              "Fonctionnement (€)", row[3] + 1000))
    apply_edits(path, edits)


def bench(size: int, own_services: bool, repeat: int, work: Path, compare: Path | None = None) -> dict[str, object]:
    data = scaled_example(size, own_services)
    tag = f"x{size}{'-own' if own_services else ''}"
    master = work / f"{tag}.xlsm"
    api.build_template(master, data)
    nr = [sys.executable, "-m", "nr_xl"]
    floor = [sys.executable, "-c", FLOOR, str(master)]
    scratch = work / f"{tag}-scratch.xlsm"
    logged = work / f"{tag}-logged.xlsm"
    shutil.copy2(master, logged)
    api.snapshot(logged)
    one_percent_edit(logged, data["Budget"])
    after = work / f"{tag}-after.xlsm"
    shutil.copy2(logged, after)
    api.log(after, reason="bench")
    report = api.check(master)

    def nothing() -> None:
        pass

    def fresh() -> None:
        shutil.copy2(master, scratch)

    def fresh_logged() -> None:
        shutil.copy2(logged, scratch)

    doc = work / "document.docx"
    plans: dict[str, tuple[Callable[[], None], list[str], int]] = {
        "check_json": (nothing, nr + ["check", str(master), "--format", "json"], repeat),
        "check_text": (nothing, nr + ["check", str(master)], repeat),
        "write": (fresh, nr + ["check", str(scratch), "--format", "json", "--write"], repeat),
        "log": (fresh_logged, nr + ["log", str(scratch)], repeat),
        "minutes": (nothing, nr + ["minutes", str(after), "-o", str(doc)], max(1, repeat // 2)),
        "kickoff": (nothing, nr + ["kickoff", str(after), "-o", str(doc)], max(1, repeat // 2)),
    }
    result: dict[str, object] = {
        "actions": len(data["Feuille de route"]),
        "services": len({row[0] for row in data["Capacités"]}),
        "rows": sum(len(v) for v in data.values()),
        "findings": len(report.findings),
        "file_kb": master.stat().st_size / 1024,
        "floor": statistics.median(timed(floor)[0] for _ in range(repeat)),
        "floor_cpu": statistics.median(timed(floor)[2] for _ in range(repeat)),
    }
    for name, (prepare, cmd, times) in plans.items():
        result[name] = paired(times, prepare, floor, cmd, compare)
    result["least"] = paired(repeat, nothing, floor, [sys.executable, "-c", LEAST, str(master),
                                                     str(len(report.findings))])
    return result


def click_cost(repeat: int) -> dict[str, object]:
    """What a ribbon click costs before its first Excel call: a new interpreter and
    the import of nr_xl.macros (RunPython starts one per click)."""
    bare = statistics.median(timed([sys.executable, "-c", "pass"])[0] for _ in range(repeat))
    click = statistics.median(timed([sys.executable, "-c", "import nr_xl.macros"])[0] for _ in range(repeat))
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", "import nr_xl.macros"],
                         capture_output=True, text=True)
    loaded = {m.group(1).strip() for m in re.finditer(r"\| +\d+ \| (\S.*)$", run.stderr, re.M)}
    heavy = [n for n in ("pandas", "numpy", "matplotlib", "PIL", "docx", "docxtpl", "openpyxl") if n in loaded]
    return {"bare_s": bare, "click_s": click, "heavy": ", ".join(heavy) or "aucune"}


def import_cost() -> dict[str, object]:
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", "import nr_xl.cli.commands, nr_xl.api"],
                         capture_output=True, text=True)
    total = {}
    for line in run.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$", line)
        if m:
            total[m.group(2).strip()] = int(m.group(1)) / 1e6
    heavy = [name for name in ("pandas", "xlwings", "docx", "docxtpl", "matplotlib", "openpyxl") if name in total]
    help_times = [timed([sys.executable, "-m", "nr_xl", "--help"])[0] for _ in range(5)]
    return {"cli_import_s": total.get("nr_xl.cli.commands", 0.0) + total.get("nr_xl.api", 0.0),
            "heavy_loaded": ", ".join(heavy) or "aucune", "help_s": statistics.median(help_times)}


def _n(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def table(results: dict[str, dict[int, dict]], imports: dict, click: dict,  # type: ignore[type-arg]
          compare: Path | None = None) -> str:
    lines = [
        "# Résultats du banc d'essai",
        "",
        f"Machine : {os.cpu_count()} cœurs partagés avec d'autres processus, Python {sys.version.split()[0]}. "
        "Les secondes varient d'une exécution à l'autre ; ce qui se compare, ce sont les rapports au "
        "« plancher » (un processus qui ne fait que lire toutes les feuilles avec python-calamine), "
        "chacun mesuré juste après un plancher, dans la même exécution : médiane de ces rapports appariés. "
        "Chaque case donne le temps écoulé et son rapport, puis le temps CPU (utilisateur + système) et "
        "son rapport : quand la machine est chargée, attendre un cœur allonge le temps écoulé, pas le "
        "travail fait, et le rapport CPU est le plus stable des deux. "
        "Mémoire : pic de la plus gourmande des exécutions.",
    ]
    for shape, rows in results.items():
        lines += ["", f"## Copies de l'exemple, {SHAPE_LABEL[shape]}", "",
                  "| taille | actions | services | lignes | constats | plancher | "
                  + " | ".join(LABEL[c] for c in COMMANDS) + " |",
                  "|---" * (6 + len(COMMANDS)) + "|"]
        for size, r in rows.items():
            cells = [f"{_n(r[c]['s'])} s ({_n(r[c]['ratio'], 1)}× ; CPU {_n(r[c]['cpu'])} s, "
                     f"{_n(r[c]['cpu_ratio'], 1)}× ; {r[c]['mb']:.0f} Mo)" for c in COMMANDS]
            lines.append(f"| ×{size} | {_n(r['actions'], 0)} | {_n(r['services'], 0)} | {_n(r['rows'], 0)} "
                         f"| {_n(r['findings'], 0)} | {_n(r['floor'])} s (CPU {_n(r['floor_cpu'])} s) | " + " | ".join(cells) + " |")
        sizes = sorted(rows)
        if len(sizes) >= 2:
            a, b = rows[sizes[-2]], rows[sizes[-1]]
            growth = ", ".join(f"{LABEL[c]} ×{_n(b[c]['s'] / a[c]['s'])}" for c in COMMANDS)
            lines += ["", f"Croissance de ×{sizes[-2]} à ×{sizes[-1]} (lignes ×{_n(b['rows'] / a['rows'])}, "
                          f"plancher ×{_n(b['floor'] / a['floor'])}) : {growth}."]
    lines += ["", f"## Objectifs à ×{max(max(rows) for rows in results.values())}", "",
              "| objectif | " + " | ".join(SHAPE_LABEL[s] for s in results) + " |",
              "|---" * (1 + len(results)) + "|"]
    top = {s: rows[max(rows)] for s, rows in results.items()}
    for c, limit in TARGET.items():
        lines.append(f"| {LABEL[c]} ≤ {_n(limit, 1)}× le plancher | "
                     + " | ".join(f"{_n(r[c]['ratio'], 1)}× {'✓' if r[c]['ratio'] <= limit else '✗'} "
                                  f"(CPU {_n(r[c]['cpu_ratio'], 1)}× {'✓' if r[c]['cpu_ratio'] <= limit else '✗'})"
                                  for r in top.values()) + " |")
    lines.append("| *le moins que Python puisse faire* : lire, un enregistrement par ligne, les constats en JSON | "
                 + " | ".join(f"{_n(r['least']['ratio'], 1)}× (CPU {_n(r['least']['cpu_ratio'], 1)}×)"
                              for r in top.values()) + " |")
    for c in ("minutes", "kickoff"):
        lines.append(f"| {LABEL[c]} ≤ 5 s et ≤ 300 Mo | "
                     + " | ".join(f"{_n(r[c]['s'], 1)} s (CPU {_n(r[c]['cpu'], 1)} s), {r[c]['mb']:.0f} Mo "
                                  f"{'✓' if r[c]['s'] <= 5 and r[c]['mb'] <= 300 else '✗'}"
                                  for r in top.values()) + " |")
    if compare is not None:
        lines += ["", f"## À la même minute, face à l'arbre `{compare.name}`", "",
                  "Chaque commande lancée aussi depuis l'autre arbre, juste avant, contre le même plancher : "
                  "rapport au plancher de l'autre arbre, de celui-ci, et médiane du rapport des deux (< 1 : plus rapide).",
                  "", "| forme | " + " | ".join(LABEL[c] for c in COMMANDS) + " |", "|---" * (1 + len(COMMANDS)) + "|"]
        for shape, r in top.items():
            lines.append(f"| {SHAPE_LABEL[shape]} | " + " | ".join(
                f"{_n(r[c]['compare_ratio'], 1)}× → {_n(r[c]['ratio'], 1)}× ({_n(r[c]['versus'], 2)})"
                for c in COMMANDS) + " |")
    lines += ["", "## Démarrage", "",
              f"Import de la CLI (`python -X importtime`, nr_xl.cli.commands + nr_xl.api) : {_n(imports['cli_import_s'], 3)} s ; "
              f"bibliothèques lourdes chargées par ce chemin : {imports['heavy_loaded']} ; "
              f"`nr-xl --help` : {_n(imports['help_s'])} s.",
              "",
              f"Clic sur un bouton du ruban, avant le premier appel à Excel (un interpréteur neuf puis "
              f"`import nr_xl.macros`) : {_n(click['click_s'])} s, dont {_n(click['bare_s'])} s pour "
              f"l'interpréteur seul ; bibliothèques lourdes chargées : {click['heavy']}.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,100,200")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--compare", type=Path, help="another source tree of nr_xl (a worktree of an earlier "
                                                      "commit), run right after each command: same-minute ratios")
    args = parser.parse_args()
    results: dict[str, dict[int, dict]] = {}  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            results[shape] = {}
            for size in (int(s) for s in args.sizes.split(",")):
                results[shape][size] = bench(size, SHAPES[shape], args.repeat, Path(tmp), args.compare)
                print(f"{shape} ×{size}: {results[shape][size]}", flush=True)
    text = table(results, import_cost(), click_cost(args.repeat), args.compare)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
