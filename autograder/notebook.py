"""The in-notebook front-end: the ``grade("entropy")`` line of each test cell.

:func:`grade` grades what the kernel has run: the kernel's input history, one entry per cell run
(``In [7]``), each parsed on its own exactly as :func:`~autograder.loader.load_submission`
parses a saved notebook's cells, so a cell that does not parse costs that cell only and the
note names it. The grading happens in a *separate* process that this kernel starts once and
keeps (its sandbox stays warm, so a later call answers in a fraction of a second): nothing the
student's cells did to numpy, to the kit or to builtins in the kernel can change the verdict.

When the notebook on disk (the kernel learns its path from the Jupyter session) defines a
graded function in a way the kernel never ran, the feedback says so first. :func:`grade` shows
the feedback (HTML in Jupyter, text elsewhere) and returns the points as a plain ``float``, which
nbgrader takes as the cell's partial credit. When an instructor grades with nbgrader, the kit
re-grades the submitted notebook outside the kernel (see the README), so a score written by the
kernel is never trusted.

``python -m autograder.notebook`` is that separate process: one JSON request a line on stdin,
one JSON answer a line on stdout, until stdin closes.
"""

from __future__ import annotations

import ast
import atexit
import json
import os
import select
import subprocess
import sys
import threading

TIMEOUT_SECONDS = 180
KERNEL_SUBMISSION = "this notebook"

# ---------------------------------------------------------------------------- the kernel's end


def _shell():
    try:
        return get_ipython()  # type: ignore[name-defined]  # noqa: F821
    except NameError:
        raise RuntimeError("grade() without a path runs inside a Jupyter notebook; "
                           "from a shell, use: python -m autograder check NOTEBOOK") from None


def kernel_cells(history: list[str]) -> list[tuple[str, str]]:
    """``(label, source)`` of every cell run before the current one: ``history`` is IPython's
    ``input_hist_raw`` (entry 0 is empty, entry n is ``In [n]``, the last is the running cell)."""
    return [(f"In [{n}]", source) for n, source in enumerate(history[:-1]) if n > 0]


def saved_notebook(shell) -> str | None:
    """The path of the notebook this kernel belongs to, as the Jupyter session tells it."""
    path = shell.user_ns.get("__session__") or os.environ.get("JPY_SESSION_NAME")
    if isinstance(path, str) and path.endswith(".ipynb") and os.path.isfile(path):
        return path
    return None


class _Checker:
    """The grading process of this kernel: started on first use, restarted if it died."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "autograder.notebook"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)

    def stop(self) -> None:
        if self.process is not None:
            try:
                self.process.stdin.close()
                self.process.wait(2)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
            self.process = None

    def ensure(self) -> None:
        """Start the process now if it is not running (it boots while the caller goes on)."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.start()

    def ask(self, request: dict) -> dict:
        with self.lock:
            for _ in range(2):  # a process that died since the last call: once more, anew
                if self.process is None or self.process.poll() is not None:
                    self.start()
                line = ""
                try:
                    self.process.stdin.write(json.dumps(request) + "\n")
                    self.process.stdin.flush()
                    if select.select([self.process.stdout], [], [], TIMEOUT_SECONDS)[0]:
                        line = self.process.stdout.readline()
                except OSError:
                    pass
                except BaseException:  # interrupted: its late answer must not answer the next
                    self.stop()
                    raise
                if line:
                    answer = json.loads(line)
                    if "error" in answer:
                        raise RuntimeError(answer["error"])
                    return answer
                self.stop()
        raise RuntimeError("the checker stopped without answering; restart the kernel and "
                           "try again, or check from a shell: python -m autograder check NOTEBOOK")


_checker = _Checker()
atexit.register(_checker.stop)


def feedback_for(functions: tuple[str, ...], path: str | None = None):
    """Grade ``functions`` of ``path`` (default: what this kernel has run) out of process."""
    _checker.ensure()  # first: it boots while this kernel imports the renderers
    from .render.json import report_from_dict
    from .render.notebook import Feedback

    if path is None:
        shell = _shell()
        request = {"cells": kernel_cells(list(shell.history_manager.input_hist_raw)),
                   "saved": saved_notebook(shell), "functions": list(functions)}
    else:
        request = {"path": str(path), "functions": list(functions)}
    answer = _checker.ask(request)
    return Feedback(report_from_dict(answer["report"]),
                    later=tuple((name, points) for name, points in answer["later"]),
                    unrun=tuple(answer["unrun"]))


#: nbgrader sets this in the kernel's environment while it autogrades.
AUTOGRADE = ("NBGRADER_EXECUTION", "autograde")


def _autograding() -> bool:
    """True inside ``nbgrader autograde``, where the kit's preprocessor grades every test cell
    outside the kernel and replaces whatever this cell prints or returns."""
    return os.environ.get(AUTOGRADE[0]) == AUTOGRADE[1]


def _show(feedback) -> None:
    try:
        get_ipython  # type: ignore[name-defined]  # noqa: B018, F821
    except NameError:
        print(repr(feedback))
        return
    from IPython.display import display

    display(feedback)


def grade(function: str, *, path: str | None = None) -> float:
    """Check one function, show what is wrong and why, and return the points earned."""
    if _autograding() and path is None:
        print("Graded outside this kernel by xent-kit at autograde time.")
        return 0.0
    feedback = feedback_for((function,), path)
    _show(feedback)
    return float(feedback.report.score)


def check(*functions: str, path: str | None = None) -> float:
    """Self-check several functions (default: all six) and show the report."""
    from .checks import FUNCTIONS

    feedback = feedback_for(tuple(functions) or FUNCTIONS, path)
    _show(feedback)
    return float(feedback.report.score)


# ---------------------------------------------------------------------------- the checker's end


def _definitions(submission, function: str) -> list[str]:
    """Every top-level definition of ``function`` the submission keeps, as comparable text."""
    found = []
    for chunk in submission.chunks:
        for node in ast.parse(chunk.code).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
                found.append(ast.dump(node))
    return found


def unrun_edits(ran, saved: str | None, functions: tuple[str, ...]) -> list[str]:
    """Functions the saved notebook defines in a way the kernel never ran (an edit not run, or a
    reopened notebook whose cells were not run). A saved notebook that lags behind the kernel
    defines what the kernel ran before, so it is not mistaken for an edit."""
    from .loader import SubmissionError, load_submission

    if not saved:
        return []
    try:
        on_disk = load_submission(saved)
    except SubmissionError:
        return []
    unrun = []
    for function in functions:
        disk = _definitions(on_disk, function)
        if disk and disk[-1] not in _definitions(ran, function):
            unrun.append(function)
    return unrun


def _kernel_notes(notes: tuple[str, ...]) -> tuple[str, ...]:
    """Notes that make sense under a grade cell: a kernel redefines functions all the time, and
    the list of dropped exploration is the student's own notebook read back."""
    return tuple(n for n in notes if not n.startswith("Dropped ")
                 and not n.endswith("; the last definition is graded."))


def answer(request: dict) -> dict:
    """Grade one request of :func:`feedback_for`; the reply holds the report as data."""
    from dataclasses import replace

    from .loader import load_cells, load_submission

    functions = tuple(request["functions"])
    if request.get("path"):
        submission = load_submission(request["path"])
    else:
        cells = [(str(label), str(source)) for label, source in request["cells"]]
        submission = load_cells(cells, KERNEL_SUBMISSION)
    from . import wording
    from .checks import checks_for
    from .render.json import report_record
    from .runner import grade_submission
    from .sandbox.limits import Limits

    # preload=False: the zygote never makes a grade wait while it imports matplotlib for children
    # that seldom use it; it does so while the student reads the feedback
    report = grade_submission(submission, functions=functions, limits=Limits(preload=False))
    if not request.get("path"):
        report = replace(report, notes=_kernel_notes(report.notes))
    graded = {r.name for r in report.results}
    later = [(c.name, float(c.points)) for c in checks_for(functions) if c.name not in graded]
    if later:  # the score line says it, with the points added up
        said = wording.hidden_elsewhere([n for n, _ in later], sum(p for _, p in later))
        report = replace(report, notes=tuple(n for n in report.notes if n != said))
    unrun = unrun_edits(submission, request.get("saved"), functions) if not request.get("path") else []
    return {"report": report_record(report), "later": later, "unrun": unrun}


def serve() -> None:
    """Answer requests from stdin until it closes; stdout carries answers only."""
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever else writes to stdout (a library, a warning) goes to stderr
    from .sandbox.spawner import prestart_self_check

    prestart_self_check()  # the sandbox boots while the first request is on its way
    from . import loader, runner  # noqa: F401 - and the grader is imported meanwhile
    from .render import json as _json  # noqa: F401

    for line in sys.stdin:
        try:
            reply = answer(json.loads(line))
        except Exception as error:  # noqa: BLE001 - said to the kernel, which shows it
            reply = {"error": f"{type(error).__name__}: {error}"}
        replies.write(json.dumps(reply, allow_nan=False) + "\n")
        replies.flush()


if __name__ == "__main__":
    serve()
