"""Both sides of the tolerance policy, measured on the catalogue.

Run from the project root:

    python bench/tolerance_margins.py            # a table per function on stdout
    python bench/tolerance_margins.py --cases    # also the worst case of every entry
    python bench/tolerance_margins.py --lines    # per buggy entry, the checks that catch it

Every correct catalogue entry (and the reference student file) is called in this process on
every input of every check of its function (fixed cases, public and hidden draws), and each value
is compared with the reference under :func:`autograder.tolerance.allowed_error`. The table
prints, per function, the worst ratio of observed error to allowed error over the correct
entries (below 1 passes; the smaller, the more margin) and, for the entries of
``tests/catalogue/buggy`` that the policy is meant to catch by their numbers (biases, clipping,
float32), the largest ratio each reaches (above 1 fails). Entries whose bug shows as a wrong
infinity, a nan or an exception report ``inf``.

The catalogue is the kit's own code, so running it in-process is fine here; grading never does.
"""

from __future__ import annotations

import argparse
import math
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import solutions  # noqa: E402
from autograder import tolerance  # noqa: E402
from autograder.casebook import load, hidden_path  # noqa: E402
from autograder.checks import CATALOGUE  # noqa: E402
from autograder.tolerance import _BOUNDS  # noqa: E402

#: The functions with a scalar answer and a derived bound (notebook 4's arrays have their own,
#: autograder/logit_tolerance.py).
FUNCTIONS = tuple(_BOUNDS)

CATALOGUE_DIR = ROOT / "tests" / "catalogue"


def _functions(path: Path | None) -> dict:
    """The reference student file's functions, overridden by ``path``'s."""
    namespace: dict = {"__name__": "catalogue_entry"}
    for file in (CATALOGUE_DIR / "reference_student.py", path):
        if file is not None:
            exec(compile(file.read_text(), str(file), "exec"), namespace)  # noqa: S102
    return namespace


def _header(path: Path, key: str) -> str:
    for line in path.read_text().splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    return ""


def cases_of(function: str) -> list:
    """Every distinct input of every check of ``function``: fixed, public and hidden draws."""
    book = load(hidden_path(solutions))
    seen: dict[str, object] = {}
    for check in CATALOGUE[function]:
        for case in book.cases(check) or check.cases:
            seen.setdefault(case.call(full=True), case)
    return list(seen.values())


def worst(functions: dict, function: str, cases: list) -> tuple[float, str]:
    """The largest observed/allowed ratio of one implementation, and the case that reached it."""
    top, where = 0.0, ""
    for case in cases:
        args = [np.array(v) if isinstance(v, np.ndarray) else v for v in case.values]
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                got = float(functions[function](*args))
            except Exception:  # noqa: BLE001 - a buggy entry may raise
                got = math.nan
        exp = float(getattr(solutions, function)(*case.values))
        r = tolerance.ratio(function, case.values, got, exp)
        if r > top or (r == top and not where):
            top, where = r, case.call()
    return top, where


class _InProcess:
    """A student for the checks, called in this process, with copies of the inputs."""

    def __init__(self, functions: dict):
        self.functions = functions

    def call(self, function, *args):
        from autograder.sandbox import Outcome

        copies = [np.array(a) if isinstance(a, np.ndarray) else a for a in args]
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                value = self.functions[function](*copies)
            except Exception as e:  # noqa: BLE001
                return Outcome("exception", exc_type=type(e).__name__, message=str(e))
        for i, (a, c) in enumerate(zip(args, copies)):
            if isinstance(a, np.ndarray) and not np.array_equal(a, c, equal_nan=True):
                return Outcome("value", value, changed=(i, c))
        return Outcome("value", value)


def lines_of_defence() -> list[tuple[str, list[str]]]:
    """Per buggy entry, the checks (public and hidden) it fails."""
    book = load(hidden_path(solutions))
    out = []
    for path in sorted((CATALOGUE_DIR / "buggy").glob("*.py")):
        function = _header(path, "function")
        student = _InProcess(_functions(path))
        failed = [c.name for c in CATALOGUE[function]
                  if not c.run(student, solutions, book.cases(c)).passed]
        out.append((path.stem, failed))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="print every entry's worst case")
    parser.add_argument("--lines", action="store_true",
                        help="list the checks that catch each buggy entry")
    args = parser.parse_args(argv)
    if args.lines:
        lines = lines_of_defence()
        for stem, failed in lines:
            print(f"{len(failed):2d}  {stem}: {', '.join(failed)}")
        single = [stem for stem, failed in lines if len(failed) < 2]
        hidden = {c.name for checks in CATALOGUE.values() for c in checks if c.hidden}
        public = [stem for stem, failed in lines if len(set(failed) - hidden) < 2]
        print(f"{len(lines)} buggy entries; caught by one check only: {', '.join(single) or 'none'}"
              f"; by one public check only: {', '.join(public) or 'none'}")
        return 0
    print("| function | correct entries | worst observed/allowed (correct) | at | "
          "buggy entries | smallest worst ratio (buggy) |")
    print("|---|---|---|---|---|---|")
    for function in FUNCTIONS:
        cases = cases_of(function)
        correct = [None, *sorted((CATALOGUE_DIR / "correct").glob(f"{function}__*.py"))]
        buggy = sorted((CATALOGUE_DIR / "buggy").glob(f"{function}__*.py"))
        rows = [(p, *worst(_functions(p), function, cases)) for p in correct]
        top = max(rows, key=lambda r: r[1])
        bugs = [(p, *worst(_functions(p), function, cases)) for p in buggy]
        caught = [b for b in bugs if b[1] > 1]
        low = min(caught, key=lambda r: r[1]) if caught else None
        name = "reference_student" if top[0] is None else top[0].stem
        print(f"| {function} | {len(rows)} | {top[1]:.3g} ({name}) | `{top[2][:60]}` | "
              f"{len(caught)}/{len(bugs)} over 1 | "
              + (f"{low[1]:.3g} ({low[0].stem})" if low else "—") + " |")
        if args.cases:
            for p, r, where in rows + bugs:
                label = "reference_student" if p is None else f"{p.parent.name}/{p.stem}"
                print(f"    {r:10.3g}  {label}  {where[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
