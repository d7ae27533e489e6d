"""Run the benchmarks and print their figures: `python -m bench.run [NAME …] [--quick] [--list]`.

Every `bench/bench_<name>.py` is discovered. Each runs in its own interpreter (one QApplication per process,
no warm caches shared between benchmarks). A module exposing `run(quick=False) -> list[tuple[str, str]]`
(metric, value) contributes rows to one table; a module with only a `main()` prints its own table, shown as
is. `--quick` asks every benchmark for its short variant (`run(quick=True)`, or `--quick` on its command
line) so that the whole run stays within minutes. Benchmarks print figures; they never pass or fail.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
# Seconds per benchmark: a quick one stays within 5 minutes; a full one may take 10 (the health centre).
TIMEOUT = {True: 300, False: 900}


def discover() -> list[str]:
    return sorted(path.stem.removeprefix("bench_") for path in BENCH_DIR.glob("bench_*.py"))


def _child(name: str, quick: bool) -> None:
    """In the child interpreter: print the rows of `bench_<name>.run()` as JSON, or run its main()."""
    module = importlib.import_module(f"bench.bench_{name}")
    if hasattr(module, "run"):
        print("\n" + json.dumps(module.run(quick=True) if quick else module.run()), flush=True)
    else:
        sys.argv = [f"bench_{name}", *(["--quick"] if quick else [])]
        module.main()


def run_one(name: str, quick: bool = False) -> tuple[list[tuple[str, str]], str, float]:
    """Rows (if the module has run()), free text output, and wall time of one benchmark."""
    start = time.monotonic()
    command = [sys.executable, "-m", "bench.run", "--child", name, *(["--quick"] if quick else [])]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT[quick])
    except subprocess.TimeoutExpired:
        return [], f"interrompu après {TIMEOUT[quick]} s", time.monotonic() - start
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        return [], f"échec (code {result.returncode}) :\n{result.stderr.strip()[-2000:]}", elapsed
    lines = result.stdout.rstrip().splitlines()
    if lines and lines[-1].startswith("["):
        try:
            return [(str(a), str(b)) for a, b in json.loads(lines[-1])], "\n".join(lines[:-1]).strip(), elapsed
        except ValueError:
            pass
    return [], result.stdout.strip(), elapsed


def print_table(rows: list[tuple[str, str, str]]) -> None:
    headers = ("banc", "mesure", "valeur")
    widths = [max(len(headers[i]), *(len(row[i]) for row in rows)) for i in range(3)]
    line = "  ".join("-" * width for width in widths)
    print("  ".join(header.ljust(width) for header, width in zip(headers, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description="Bancs de mesure du LGC Ségur")
    parser.add_argument("names", nargs="*", metavar="NOM", help="bancs à lancer (par défaut : tous)")
    parser.add_argument("--list", action="store_true", help="lister les bancs disponibles")
    parser.add_argument("--quick", action="store_true", help="variante courte de chaque banc (quelques minutes)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.quick)
        return 0
    available = discover()
    if args.list:
        print("\n".join(available))
        return 0
    unknown = sorted(set(args.names) - set(available))
    if unknown:
        parser.error(f"banc(s) inconnu(s) : {', '.join(unknown)} (disponibles : {', '.join(available)})")
    table: list[tuple[str, str, str]] = []
    for name in args.names or available:
        print(f"… {name}", file=sys.stderr, flush=True)
        rows, text, elapsed = run_one(name, args.quick)
        table.extend((name, metric, value) for metric, value in rows)
        if text:
            print(f"\n== {name} ({elapsed:.0f} s)\n{text}\n")
    if table:
        print_table(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
