"""``grades.csv``: one row per student, the points of each function, the total and the maximum."""

from __future__ import annotations

import csv
import io
from typing import Mapping

from ..checks import FUNCTIONS
from ..model import Report


def _num(x: float) -> str:
    return f"{x:g}"


def render(reports: Mapping[str, Report]) -> str:
    """The CSV text, rows sorted by student; a function nobody was graded on has no column."""
    graded = {f for report in reports.values() for f in report.functions()}
    functions = [f for f in FUNCTIONS if f in graded]
    functions += sorted(graded - set(functions))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *functions, "total", "max"])
    for student in sorted(reports):
        report = reports[student]
        mine = set(report.functions())
        cells = [_num(report.function_score(f)[0]) if f in mine else "" for f in functions]
        writer.writerow([student, *cells, _num(report.score), _num(report.max_score)])
    return buffer.getvalue()
