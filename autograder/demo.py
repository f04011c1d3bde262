"""``make demo``: grade the bundled example submissions and show what students would see.

The examples live in ``autograder/examples``: a correct submission, a first attempt with the
textbook formulas typed in as they stand, an almost-correct one with subtler bugs, and untouched
stubs. The demo prints the full report of the first attempt (what a student reads) and a table of
every example's score per function.
"""

from __future__ import annotations

import time
from pathlib import Path

from .checks import FUNCTIONS
from .render import text
from .runner import grade_path

EXAMPLES = Path(__file__).parent / "examples"
ORDER = ("correct", "first_attempt", "almost_there", "not_started")
SHORT = {"entropy": "H", "kl_divergence": "KL", "cross_entropy": "CE",
         "binary_cross_entropy": "BCE", "bernoulli_log_likelihood": "logL",
         "bernoulli_mle": "MLE"}


def main() -> int:
    reports = {}
    for name in ORDER:
        start = time.perf_counter()
        reports[name] = grade_path(EXAMPLES / f"{name}.py")
        reports[name].meta["seconds"] = time.perf_counter() - start

    print("=" * 78)
    print("What a student sees: the report for examples/first_attempt.py")
    print("=" * 78)
    print(text.render(reports["first_attempt"]))
    print()
    print("=" * 78)
    print("Every bundled example (points per function, out of 10)")
    print("=" * 78)
    header = f"{'submission':<16}" + "".join(f"{SHORT[f]:>6}" for f in FUNCTIONS)
    print(header + f"{'total':>8}{'time':>8}")
    for name, report in reports.items():
        cells = "".join(f"{report.function_score(f)[0]:>6g}" for f in FUNCTIONS)
        print(f"{name:<16}{cells}{report.score:>5g}/{report.max_score:g}"
              f"{report.meta['seconds']:>7.2f}s")
    print()
    print("Self-check your own work with:  python -m autograder check YOUR_NOTEBOOK.ipynb")
    return 0
