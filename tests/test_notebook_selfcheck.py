"""The grade cell sees what the student sees.

A real IPython shell runs random sequences of cells (syntax errors, redefinitions, cells run
again, magics, exploration); then ``grade()`` in that shell, ``check`` on a notebook holding
the same cells, and grading a file with only the function the kernel actually holds must give
the same verdict, check by check. The notes name cells as ``In [n]``, never a file.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

from autograder.loader import load_cells, load_submission
from autograder.notebook import kernel_cells, unrun_edits
from autograder.runner import grade_path

pytest_plugins = ["pytester"]

IMPORT = "import numpy as np"
BODIES = {
    "correct": "    p = np.asarray(p, dtype=float)\n    p = p[p > 0]\n"
               "    h = float(-np.sum(p * np.log(p)))\n"
               "    return h / np.log(base) if base is not None else h",
    "nan": "    p = np.asarray(p, dtype=float)\n    h = float(-np.sum(p * np.log(p)))\n"
           "    return h / np.log(base) if base is not None else h",
    "stub": "    raise NotImplementedError",
}


def define(variant: str) -> str:
    return f'def entropy(p, base=None):\n    """v:{variant}"""\n{BODIES[variant]}'


CELLS = [
    IMPORT,
    define("correct"),
    define("nan"),
    define("stub"),
    "def entropy(p, base=None):\n    return float(np.sum(p)\n",  # a missing parenthesis
    "%time x = 1",
    "%%time\ny = [i * i for i in range(10)]",
    "!true",
    "print('exploring')\nq = np.array([0.5, 0.5])",
    "entropy([0.5, 0.5])",  # a try-it cell: may raise in the kernel, costs nothing graded
]


@pytest.fixture(scope="module")
def shell():
    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    main = sys.modules["__main__"]
    ip = InteractiveShell.instance(config=config)
    yield ip
    InteractiveShell.clear_instance()
    # the shell made its user namespace this process's __main__ (it has no __spec__): put the
    # test process's back, or a later test that starts processes by spawn (Dask) cannot
    sys.modules["__main__"] = main


def run_all(ip, cells: list[str]) -> None:
    ip.reset(new_session=True)
    ip.execution_count = 1
    for cell in cells:
        ip.run_cell(cell, store_history=True, silent=False)


def kernel_verdict(ip) -> tuple[list, tuple]:
    result = ip.run_cell("from autograder.notebook import feedback_for as _f\n"
                         "_fb = _f(('entropy',))", store_history=True)
    result.raise_error()
    feedback = ip.user_ns["_fb"]
    return [(r.name, r.status.value, r.points) for r in feedback.report.results], \
        feedback.report.notes


def notebook_file(tmp_path, cells: list[str]):
    path = tmp_path / "work.ipynb"
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": src} for src in cells]}
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@lru_cache(maxsize=None)
def truth(variant: str | None) -> tuple:
    """The verdict for a kernel whose live `entropy` is ``variant`` (None: not defined)."""
    import tempfile
    from pathlib import Path

    source = IMPORT + "\n" + (define(variant) if variant else "x = 1") + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "live.py"
        path.write_text(source, encoding="utf-8")
        report = grade_path(path, functions=("entropy",))
    return tuple((r.name, r.status.value, r.points) for r in report.results)


def live_variant(ip) -> str | None:
    function = ip.user_ns.get("entropy")
    doc = getattr(function, "__doc__", None) or ""
    return doc[2:] if doc.startswith("v:") else None


runs = st.lists(st.sampled_from(range(len(CELLS))), min_size=1, max_size=8)


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=runs)
def test_grade_check_and_the_live_kernel_agree(shell, tmp_path, order):
    cells = [IMPORT] + [CELLS[i] for i in order]  # the import cell runs first, as in class
    run_all(shell, cells)
    verdict, notes = kernel_verdict(shell)
    assert tuple(verdict) == truth(live_variant(shell)), "grade() disagrees with the kernel"
    saved = grade_path(notebook_file(tmp_path, cells), functions=("entropy",))
    assert verdict == [(r.name, r.status.value, r.points) for r in saved.results]
    for note in notes:
        assert ".py" not in note and "tmp" not in note, note
    if CELLS[4] in cells:
        number = cells.index(CELLS[4]) + 1
        assert any(f"In [{number}] has a syntax error" in n for n in notes), notes


def test_a_typo_fixed_and_run_again_is_graded(shell):
    run_all(shell, [IMPORT, CELLS[4], define("correct")])
    verdict, notes = kernel_verdict(shell)
    assert all(status == "passed" for _, status, _ in verdict), verdict
    assert any(n.startswith("In [2] has a syntax error") for n in notes), notes


def test_kernel_cells_are_labelled_by_execution_count():
    history = ["", "import numpy as np", "def f(:", "grade('entropy')"]
    assert kernel_cells(history) == [("In [1]", "import numpy as np"), ("In [2]", "def f(:")]
    submission = load_cells(kernel_cells(history), "this notebook")
    assert submission.notes[0].startswith("In [2] has a syntax error on line 1")


def test_an_edit_not_run_is_named(tmp_path):
    ran = load_cells([("In [1]", IMPORT), ("In [2]", define("nan"))], "this notebook")
    edited = notebook_file(tmp_path, [IMPORT, define("correct")])
    assert unrun_edits(ran, str(edited), ("entropy",)) == ["entropy"]
    stale = notebook_file(tmp_path, [IMPORT, define("nan")])  # saved before the latest run
    later = load_cells([("In [1]", IMPORT), ("In [2]", define("nan")),
                        ("In [3]", define("correct"))], "this notebook")
    assert unrun_edits(later, str(stale), ("entropy",)) == []
    untouched = load_cells([("In [1]", IMPORT)], "this notebook")  # reopened, nothing run
    assert unrun_edits(untouched, str(edited), ("entropy",)) == ["entropy"]
    assert load_submission(edited).defined == ("entropy",)


def test_pytest_on_the_saved_notebook_gives_the_same_verdict(pytester, shell):
    cells = [IMPORT, CELLS[4], define("nan"), "%time x = 1"]
    run_all(shell, cells)
    verdict, _ = kernel_verdict(shell)
    pytester.makefile(".ipynb", work=json.dumps({
        "nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
            {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
             "source": s} for s in cells + ['from autograder.notebook import grade\n'
                                            'grade("entropy")']]}))
    result = pytester.runpytest("-p", "no:cacheprovider", "-rA", "work.ipynb")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) == sum(s == "passed" for _, s, _ in verdict)
    assert outcomes.get("failed", 0) == sum(s != "passed" for _, s, _ in verdict)


def test_bare_pytest_in_a_notebook_folder_says_how_to_check(pytester):
    pytester.makefile(".ipynb", work=json.dumps({"nbformat": 4, "nbformat_minor": 5,
                                                 "metadata": {}, "cells": []}))
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert "pytest checks a notebook only when you name it: pytest work.ipynb" in result.stdout.str()


def test_feedback_escapes_html_groups_diagnoses_and_adds_up():
    from autograder.model import CheckResult, Counterexample, Report, Status
    from autograder.render.notebook import Feedback

    message = "Why <script>alert(1)</script> it fails.\nHint: mask p > 0."
    failing = [CheckResult(f"entropy.c{i}", "entropy", 1.0, 0.0, Status.FAILED, message,
                           Counterexample(f"entropy(p=[{i}, '<b>'])", "1.0", "nan", "nan_from_zero"))
               for i in range(3)]
    passing = CheckResult("entropy.ok", "entropy", 6.0, 6.0, Status.PASSED, "fine")
    feedback = Feedback(Report("this notebook", (passing, *failing)),
                        later=(("entropy.random", 1.0),), unrun=("entropy",))
    page = feedback._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page
    assert page.count("alert(1)") == 1, "the diagnosis is said once for its three cases"
    text = repr(feedback)
    assert text.startswith("note: Your notebook has changes to `entropy` that you have not run")
    assert "Public checks: 6 of 9 points" in text and "1 point are graded" in text
    assert "(10 in all)" in text and feedback.total == 10
    assert all(len(line) <= 88 for line in text.splitlines())
