"""``grades.csv``: one row per student, the points of each function, the total and the maximum,
then what the instructor needs beside the points.

Columns: ``student``, one per graded function, ``late_days``, ``penalty`` (points deducted
under the late policy, 0 without one), ``final`` (``total - penalty``: the grade to record),
``submitted`` (nbgrader's timestamp, ISO 8601 UTC, empty when there is none), ``outcome``
(graded, blank, unreadable, partly unreadable, errored), ``flags`` (integrity signals,
``; ``-separated; never shown to the student), then ``total`` (the points the checks gave) and
``max``, last as they always were. Text cells are guarded against spreadsheet formulas and hold
no control characters.
"""

from __future__ import annotations

import csv
import io
from typing import Mapping

from ..checks import FUNCTIONS
from ..model import Report
from .safe import csv_cell


def _num(x: float) -> str:
    return f"{x:g}"


def render(reports: Mapping[str, Report]) -> str:
    """The CSV text, rows sorted by student; a function nobody was graded on has no column."""
    graded = {f for report in reports.values() for f in report.functions()}
    functions = [f for f in FUNCTIONS if f in graded]
    functions += sorted(graded - set(functions))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *functions, "late_days", "penalty", "final", "submitted",
                     "outcome", "flags", "total", "max"])
    for student in sorted(reports):
        report = reports[student]
        meta = report.meta or {}
        mine = set(report.functions())
        cells = [_num(report.function_score(f)[0]) if f in mine else "" for f in functions]
        penalty = float(meta.get("penalty") or 0.0)
        writer.writerow([csv_cell(student), *cells, int(meta.get("late_days") or 0), _num(penalty),
                         _num(round(report.score - penalty, 6)),
                         csv_cell(meta.get("submitted") or ""),
                         meta.get("outcome") or "graded",
                         csv_cell("; ".join(meta.get("flags") or ())),
                         _num(report.score), _num(report.max_score)])
    return buffer.getvalue()
