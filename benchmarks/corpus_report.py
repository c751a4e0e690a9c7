"""Runs every bad and hostile workbook of tests/data/corpus.py through nr-xl check and
reports, per case, the exit code, the time and the peak memory (for SECURITY.md / README).

    python benchmarks/corpus_report.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data"))

from corpus import CASES  # noqa: E402

from nr_xl import api  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        example = api.build_example(folder / "orvane.xlsm")
        rows = []
        for case in CASES:
            case_dir = folder / case.build.__name__
            case_dir.mkdir()
            path = case.build(example, case_dir)
            for engine in ("calamine", "openpyxl"):
                start = time.perf_counter()
                run = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "nr_xl", "check",
                                      str(path), "--format", "json", "--engine", engine],
                                     capture_output=True, text=True)
                elapsed = time.perf_counter() - start
                peak = int(run.stderr.strip().splitlines()[-1]) / 1024
                handled = run.returncode == case.exit_code and "Traceback" not in run.stdout + run.stderr
                rows.append((case.name, engine, run.returncode, elapsed, peak, handled))
    print("| cas | lecteur | code | temps | pic mémoire | traité |")
    print("|---|---|---|---|---|---|")
    for name, engine, code, elapsed, peak, handled in rows:
        print(f"| {name} | {engine} | {code} | {elapsed:.2f} s | {peak:.0f} Mo | {'oui' if handled else 'NON'} |")
    worst_time = max(rows, key=lambda r: r[3])
    worst_mem = max(rows, key=lambda r: r[4])
    print(f"\n{len(rows)} essais, {sum(r[5] for r in rows)} traités comme attendu ; pire temps "
          f"{worst_time[3]:.2f} s ({worst_time[0]}, {worst_time[1]}), pire mémoire {worst_mem[4]:.0f} Mo "
          f"({worst_mem[0]}, {worst_mem[1]}).")


if __name__ == "__main__":
    main()
