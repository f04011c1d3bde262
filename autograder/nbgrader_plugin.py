"""nbgrader integration: the score of each ``grade("…")`` cell comes from outside the kernel.

nbgrader's ``autograde`` runs the submitted notebook in a Jupyter kernel and reads each test
cell's partial credit from that cell's output. Anything the student's own cells did to that
kernel (``np.isclose = lambda *a, **k: True``, ``def grade(f): return 10.0``,
``autograder.notebook.grade = …``) could therefore write the score. :class:`OutOfKernelGrades`
runs after ``Execute`` and before ``SaveAutoGrades`` and throws those outputs away: for every
autograded test cell whose source (as locked in the gradebook) is ``grade("<function>")``, it
grades the code cells *above* that cell with the kit in nbgrader's own process (the student's
code runs in the kit's forked sandbox; comparisons happen here, with the reference solutions
imported before any student kernel ran) and replaces the cell's outputs with

* a ``stdout`` stream holding the kit's report for that function (hidden checks show their
  name, points and message only), and
* an ``execute_result`` whose ``text/plain`` is the points as a plain float (``'7.0'``),

which is exactly what ``SaveAutoGrades`` reads. Error and ``stderr`` outputs the kernel wrote
in that cell are gone with the rest, so a numpy ``RuntimeWarning`` cannot zero the cell.

Grading the cells above the test cell, in notebook order, is what ``grade()`` sees in the
kernel when the student runs the notebook top to bottom, so the student's self-check and the
instructor's score agree. Enable it in ``nbgrader_config.py``::

    c.Autograde.autograde_preprocessors = [
        "nbgrader.preprocessors.Execute", ...,
        "autograder.nbgrader_plugin.OutOfKernelGrades",  # after Execute, before SaveAutoGrades
        "nbgrader.preprocessors.SaveAutoGrades", ...,
    ]

Grade cells that do not call ``grade("…")`` are left as the kernel scored them, with a warning
in nbgrader's log: their score can be forged from the kernel.
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
from nbgrader.preprocessors import NbGraderPreprocessor

from .checks import FUNCTIONS
from .model import Report
from .render import text
from .runner import grade_submission, reference_module, without_dropped_note
from .sandbox import Limits
from .loader import load_submission

_GRADE_CALL = re.compile(r"""\bgrade\(\s*["'](\w+)["']\s*\)""")

#: Shown above the report, so a reader of the feedback knows where the score came from.
HEADER = "Graded by xent-kit outside the notebook's kernel; this is the score recorded."


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


class OutOfKernelGrades(NbGraderPreprocessor):
    """Replace the kernel's output of each ``grade("…")`` cell with the kit's own verdict."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        # Imported now, when autograde sets up a notebook and before its kernel starts, so a
        # student cell that rewrites files on disk cannot change the answer key we compare with.
        self.reference = _reference()

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources.get("nbgrader", {})
        self.notebook_id = info.get("notebook", "notebook")
        locked = self._locked_sources(info)
        workdir = tempfile.mkdtemp(prefix="xent-kit-autograde-")
        try:
            for index, cell in enumerate(nb.cells):
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if cell.get("cell_type") != "code" or not meta.get("grade") or meta.get("solution"):
                    continue
                grade_id = meta.get("grade_id", "")
                source = locked.get(grade_id, cell.get("source", ""))
                functions = graded_functions(source)
                if not functions:
                    self.log.warning("Grade cell %s of %s does not call grade(\"…\"): its score "
                                     "comes from the student's kernel and can be forged.",
                                     grade_id, self.notebook_id)
                    continue
                report = self._grade(nb.cells[:index], functions, workdir, index)
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

    def _grade(self, cells: list, functions: tuple[str, ...], workdir: str, index: int) -> Report:
        """Grade ``functions`` as defined by ``cells`` (the cells above the test cell)."""
        path = os.path.join(workdir, f"{self.notebook_id}-{index}.ipynb")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"cells": [_plain(c) for c in cells], "metadata": {},
                       "nbformat": 4, "nbformat_minor": 5}, handle)
        course = Limits(hidden_paths=(os.getcwd(),))  # gradebook, submissions, source notebooks
        report = grade_submission(load_submission(path), functions=functions,
                                  reference=self.reference, redact=True, limits=course)
        return without_dropped_note(
            dataclasses.replace(report, submission=f"{self.notebook_id}.ipynb"))

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


def _plain(cell: dict) -> dict:
    """A cell as the loader reads it: type and source (outputs would only cost time)."""
    return {"cell_type": cell.get("cell_type", "raw"), "metadata": {},
            "source": cell.get("source", "")}
