"""nbgrader integration: the kit grades the notebook; no student code runs in a Jupyter kernel.

nbgrader's ``autograde`` normally runs the submitted notebook in a Jupyter kernel, as nbgrader's
own user, and reads each test cell's partial credit from that cell's output. From that kernel a
notebook can do whatever nbgrader's user can: write ``gradebook.db``, rewrite a classmate's
autograded notebook, edit the kit's or the course's files, read the reference and print it.
The kit's ``nbgrader_config.py`` therefore leaves ``Execute`` out of the autograde
preprocessors: the notebook is never executed. :class:`OutOfKernelGrades` takes its place:
for every autograded test cell whose source (as locked in the gradebook) is
``grade("<function>")``, it grades the code cells *above* that cell with the kit (the student's
code runs in the kit's forked sandbox, as its own uid, with the gradebook, the course folder,
every submission and the reference out of view; comparisons happen here, with the reference
imported before any student code ran) and gives the cell

* a ``stdout`` stream holding the kit's report for that function (a hidden check shows its
  name, points and a fixed sentence for its status, nothing else), and
* an ``execute_result`` whose ``text/plain`` is the points as a plain float (``'7.0'``),

which is exactly what ``SaveAutoGrades`` reads.

Grading the cells above the test cell, in notebook order, is what ``grade()`` sees in the
kernel when the student runs the notebook top to bottom, so the student's self-check and the
instructor's score agree. A grade cell that does not call ``grade("…")`` cannot be scored
without running it: it gets an error output (0 points, where nbgrader would give an output-less
cell full marks) and :class:`FlagForManualGrading` marks it for review in formgrader. Enable both
in ``nbgrader_config.py``::

    c.Autograde.autograde_preprocessors = [
        "nbgrader.preprocessors.IgnorePattern", ...,       # no Execute
        "autograder.nbgrader_plugin.OutOfKernelGrades",   # before SaveAutoGrades
        "nbgrader.preprocessors.SaveAutoGrades",
        "autograder.nbgrader_plugin.FlagForManualGrading",  # after SaveAutoGrades
        ...,
    ]
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import tempfile
from typing import Any

from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from .checks import FUNCTIONS
from .model import CheckResult, Report, Status
from .render import text
from .runner import grade_submission, reference_module, without_dropped_note
from .sandbox import Limits
from .loader import load_submission

_GRADE_CALL = re.compile(r"""\bgrade\(\s*["'](\w+)["']\s*\)""")

#: Shown above the report, so a reader of the feedback knows where the score came from.
HEADER = "Graded by xent-kit outside the notebook's kernel; this is the score recorded."

#: What a hidden check says, by status: nothing of its inputs, nor of what the code raised.
HIDDEN_VERDICT = {
    Status.PASSED: "Passed on the hidden inputs.",
    Status.FAILED: "Your function's answer differs from the reference on the hidden inputs.",
    Status.ERROR: "Your function raised an exception on the hidden inputs.",
    Status.TIMEOUT: "Your function did not return in time on the hidden inputs.",
    Status.NOT_IMPLEMENTED: "Not implemented yet.",
}

#: The output of a grade cell the kit cannot score: an error, so nbgrader records 0 points.
UNGRADED = ("xent-kit grades only test cells that call grade(\"<function>\"); this cell was not "
            "run (no student code runs in a kernel) and needs manual grading.")
_UNGRADED_KEY = "xent_kit_ungraded"  # resources key: grade ids OutOfKernelGrades could not score


def graded_functions(source: str) -> tuple[str, ...]:
    """The catalogue functions a test cell's source grades (``grade("entropy")``), in order."""
    found = [f for f in _GRADE_CALL.findall(source) if f in FUNCTIONS]
    return tuple(dict.fromkeys(found))


def _reference() -> Any:
    reference = reference_module()
    if reference is None:
        raise RuntimeError(
            "xent-kit cannot import the reference solutions (the `solutions` package), so it "
            "cannot grade hidden checks; run nbgrader from the course folder of a full checkout "
            "(its nbgrader_config.py puts the repository on sys.path).")
    return reference


def hidden_verdicts(report: Report) -> Report:
    """``report`` with every hidden check's message replaced by the fixed sentence of its status
    and its counterexample dropped: student-controlled text from a hidden call (an exception
    message such as ``repr(p)``) never reaches the feedback."""
    def plain(result: CheckResult) -> CheckResult:
        if not result.hidden:
            return result
        return dataclasses.replace(result, message=HIDDEN_VERDICT[Status(result.status)],
                                   counterexample=None, warnings=())
    return dataclasses.replace(report, results=tuple(map(plain, report.results)))


class OutOfKernelGrades(NbGraderPreprocessor):
    """Give each ``grade("…")`` cell the kit's verdict, graded without a kernel."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        # Imported now, when autograde sets up a notebook and before any student code runs,
        # so nothing done to the files on disk afterwards can change the answer key.
        self.reference = _reference()

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources.get("nbgrader", {})
        self.notebook_id = info.get("notebook", "notebook")
        if any(c.get("outputs") for c in nb.cells if c.get("cell_type") == "code"):
            self.log.error("%s has outputs after nbgrader's ClearOutput: a kernel ran the "
                           "student's code as nbgrader's user. Leave Execute out of "
                           "Autograde.autograde_preprocessors (see the kit's nbgrader_config.py).",
                           self.notebook_id)
        locked = self._locked_sources(info)
        hidden = self._course_paths(info)
        ungraded = resources.setdefault(_UNGRADED_KEY, [])
        workdir = tempfile.mkdtemp(prefix="xent-kit-autograde-")
        try:
            for index, cell in enumerate(nb.cells):
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if cell.get("cell_type") != "code" or not meta.get("grade") or meta.get("solution"):
                    continue
                grade_id = meta.get("grade_id", "")
                functions = graded_functions(locked.get(grade_id, cell.get("source", "")))
                if not functions:
                    self.log.warning("Grade cell %s of %s does not call grade(\"…\"): it gets 0 "
                                     "points and is flagged for manual grading.",
                                     grade_id, self.notebook_id)
                    cell.outputs = [from_dict({"output_type": "error", "ename": "NotGraded",
                                               "evalue": UNGRADED, "traceback": [UNGRADED]})]
                    ungraded.append(grade_id)
                    continue
                report = self._grade(nb.cells[:index], functions, workdir, index, hidden)
                points = float(meta.get("points", report.max_score))
                cell.outputs = self._outputs(report, points, cell.get("execution_count"))
                self.log.info("%s %s: %s/%s out of the kernel", self.notebook_id, grade_id,
                              cell.outputs[-1]["data"]["text/plain"], points)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return nb, resources

    def _locked_sources(self, info: dict) -> dict[str, str]:
        """grade_id -> source of every locked cell, as stored by ``generate_assignment``."""
        if not {"db_url", "assignment"} <= info.keys():
            return {}
        sources = {}
        with Gradebook(info["db_url"]) as gb:
            try:
                notebook = gb.find_notebook(self.notebook_id, info["assignment"])
            except MissingEntry:
                return {}
            for source_cell in notebook.source_cells:
                if source_cell.locked:
                    sources[source_cell.name] = source_cell.source
        return sources

    def _course_paths(self, info: dict) -> tuple[str, ...]:
        """What the sandbox must not see: the course root (source, release, every student's
        submitted, autograded and feedback folders), the gradebook's folder and the current
        folder, wherever the configuration puts them."""
        course = CourseDirectory(config=self.config)
        paths = [os.getcwd(), course.root] + [
            os.path.join(course.root, getattr(course, f"{step}_directory"))  # absolute ones too
            for step in ("source", "release", "submitted", "autograded", "feedback")]
        url = str(info.get("db_url", ""))
        if url.startswith("sqlite:///"):
            paths.append(os.path.dirname(os.path.abspath(url.removeprefix("sqlite:///"))))
        return tuple(dict.fromkeys(os.path.abspath(p) for p in paths if p))

    def _grade(self, cells: list, functions: tuple[str, ...], workdir: str, index: int,
               hidden: tuple[str, ...]) -> Report:
        """Grade ``functions`` as defined by ``cells`` (the cells above the test cell)."""
        path = os.path.join(workdir, f"{self.notebook_id}-{index}.ipynb")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"cells": [_plain(c) for c in cells], "metadata": {},
                       "nbformat": 4, "nbformat_minor": 5}, handle)
        report = grade_submission(load_submission(path), functions=functions,
                                  reference=self.reference, redact=True,
                                  limits=Limits(hidden_paths=hidden))
        report = dataclasses.replace(report, submission=f"{self.notebook_id}.ipynb")
        return hidden_verdicts(without_dropped_note(report))

    @staticmethod
    def _outputs(report: Report, points: float, execution_count: Any) -> list[NotebookNode]:
        earned = report.score * points / report.max_score if report.max_score else 0.0
        earned = min(max(round(earned, 6), 0.0), points)
        return [
            from_dict({"output_type": "stream", "name": "stdout",
                       "text": f"{HEADER}\n{text.render(report)}\n"}),
            from_dict({"output_type": "execute_result", "execution_count": execution_count,
                       "metadata": {}, "data": {"text/plain": repr(float(earned))}}),
        ]


class FlagForManualGrading(NbGraderPreprocessor):
    """After ``SaveAutoGrades``: mark the grade cells the kit could not score as needing a
    grader in formgrader (``SaveAutoGrades`` clears that flag for any cell with a score)."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info, ungraded = resources.get("nbgrader", {}), resources.get(_UNGRADED_KEY, [])
        if ungraded and {"db_url", "assignment", "notebook", "student"} <= info.keys():
            with Gradebook(info["db_url"]) as gb:
                for grade_id in ungraded:
                    grade = gb.find_grade(grade_id, info["notebook"], info["assignment"],
                                          info["student"])
                    grade.needs_manual_grade = True
                gb.db.commit()
        return nb, resources


def _plain(cell: dict) -> dict:
    """A cell as the loader reads it: type and source (outputs would only cost time)."""
    return {"cell_type": cell.get("cell_type", "raw"), "metadata": {},
            "source": cell.get("source", "")}
