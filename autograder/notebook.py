"""The in-notebook front-end: the ``grade("entropy")`` line of each test cell.

Inside Jupyter, :func:`grade` takes the code the student has run so far (the kernel's input
history, so it sees exactly what the kernel has defined), writes it to a temporary file and grades
it in a *separate* Python process: nothing the student's cells did to numpy, to the kit or to
builtins in the kernel can change the verdict. It prints the report and returns the points as a
plain ``float``, which nbgrader takes as the cell's partial credit.

When an instructor grades with nbgrader, the kit re-grades the submitted notebook outside the
kernel as well (see the README), so a score written by the kernel is never trusted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

TIMEOUT_SECONDS = 120


def _history() -> str:
    """The raw source of every cell this kernel has run, oldest first."""
    try:
        shell = get_ipython()  # type: ignore[name-defined]  # noqa: F821
    except NameError:
        raise RuntimeError("grade() without a path runs inside a Jupyter notebook; "
                           "from a shell, use: python -m autograder check NOTEBOOK") from None
    cells = shell.history_manager.input_hist_raw
    # the cell running grade() right now is the last entry: leave it out
    return "\n\n".join(cells[1:-1]) + "\n"


def _run_check(path: str, functions: tuple[str, ...]) -> dict:
    command = [sys.executable, "-m", "autograder", "check", path, "--json",
               "--functions", ",".join(functions)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                          env=env, stdin=subprocess.DEVNULL)
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr.strip() or f"the checker exited with {done.returncode}")
    return json.loads(done.stdout)


def report_for(functions: tuple[str, ...], path: str | None = None):
    """Grade ``functions`` of ``path`` (default: this kernel's history) out of process."""
    from .model import CheckResult, Counterexample, Report, Status
    from .runner import without_dropped_note

    if path is None:
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
            handle.write(_history())
        target = handle.name
    else:
        target = path
    try:
        data = _run_check(target, functions)
    finally:
        if path is None:
            os.unlink(target)
    results = tuple(
        CheckResult(c["name"], c["function"], c["max_points"], c["points"], Status(c["status"]),
                    c["message"],
                    Counterexample(**c["counterexample"]) if c["counterexample"] else None,
                    c["hidden"])
        for c in data["checks"])
    report = Report(data["submission"] if path else "this notebook", results, tuple(data["notes"]))
    return without_dropped_note(report) if path is None else report


#: nbgrader sets this in the kernel's environment while it autogrades.
AUTOGRADE = ("NBGRADER_EXECUTION", "autograde")


def _autograding() -> bool:
    """True inside ``nbgrader autograde``, where the kit's preprocessor grades every test cell
    outside the kernel and replaces whatever this cell prints or returns."""
    return os.environ.get(AUTOGRADE[0]) == AUTOGRADE[1]


def grade(function: str, *, path: str | None = None) -> float:
    """Check one function, print what is wrong and why, and return the points earned."""
    from .render import text

    if _autograding() and path is None:
        print("Graded outside this kernel by xent-kit at autograde time.")
        return 0.0

    report = report_for((function,), path)
    print(text.render(report))
    return float(report.score)


def check(*functions: str, path: str | None = None) -> float:
    """Self-check several functions (default: all six) and print the report."""
    from .checks import FUNCTIONS
    from .render import text

    report = report_for(tuple(functions) or FUNCTIONS, path)
    print(text.render(report))
    return float(report.score)
