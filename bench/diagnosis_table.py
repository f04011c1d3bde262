"""How often the grader names the right bug: diagnosis accuracy per bug class on the catalogue.

Grades every buggy entry of ``tests/catalogue/buggy`` (the reference student file with the
entry's function replaced) and compares the diagnoses on the checks its header names with the
one it must get. A row per bug class (the header's diagnosis), then the misses.

    python bench/diagnosis_table.py            # the table
    python bench/diagnosis_table.py --reveals  # also each entry's first failing call
    python bench/diagnosis_table.py -k clip    # only entries whose name contains "clip"
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # the repository, not bench/: sandbox children inherit the path

from autograder.runner import grade_path  # noqa: E402
from tests.conftest import entries  # noqa: E402


def _grade(entry) -> tuple[str, str, str | None, dict, str | None]:
    """(entry id, intended key, key seen on the intended checks, all seen, first failure)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "submission.py"
        path.write_text(entry.submission_source())
        report = grade_path(path, functions=(entry.function,), redact=False)
    seen = {r.name: r.counterexample.diagnosis for r in report.results
            if r.name in entry.checks and r.counterexample}
    first = next((r.counterexample for r in report.results
                  if r.name in entry.checks and r.counterexample), None)
    reveal = None if first is None else f"{first.call} -> {first.got}, expected {first.expected}"
    intended = entry.diagnosis or "none"
    hit = intended if intended in seen.values() else None
    return entry.id, intended, hit, seen, reveal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reveals", action="store_true", help="print each first failing call")
    parser.add_argument("-k", default="", help="only entries whose name contains this")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    buggy = [e for e in entries("buggy") if args.k in e.id and e.diagnosis]
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(_grade, buggy))
    per_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _, intended, hit, _, _ in rows:
        per_class[intended][0] += 1
        per_class[intended][1] += hit is not None
    width = max(len(k) for k in per_class) + 2
    print(f"{'bug class (intended diagnosis)':<{width}}  entries  named right  accuracy")
    for key in sorted(per_class):
        n, right = per_class[key]
        print(f"{key:<{width}}  {n:>7}  {right:>11}  {right / n:>8.0%}")
    total, right = len(rows), sum(hit is not None for *_, hit, _, _ in
                                  [(r[0], r[1], r[2], r[3], r[4]) for r in rows])
    print(f"{'all':<{width}}  {total:>7}  {right:>11}  {right / max(total, 1):>8.0%}")
    misses = [(i, k, s) for i, k, hit, s, _ in rows if hit is None]
    for entry_id, intended, seen in misses:
        print(f"miss: {entry_id}: wanted {intended}, got {seen}")
    if args.reveals:
        for entry_id, _, _, _, reveal in rows:
            print(f"reveals {entry_id}: {reveal}")
    return 0 if not misses else 1


if __name__ == "__main__":
    raise SystemExit(main())
