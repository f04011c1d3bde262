"""Gradescope's ``results.json``: one test per check, hidden checks visible after publication.

Only the student's view of a report goes in (hidden checks lose their inputs), since Gradescope
shows every test's output to the student once grades are published.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Report, Status
from .json import student_view
from .text import check_block


def test_dict(result) -> dict[str, Any]:
    passed = result.status is Status.PASSED
    output = result.message if passed else check_block(result)
    if result.warnings:
        output += "\nWarnings: " + "; ".join(result.warnings)
    return {
        "name": result.name,
        "score": result.points,
        "max_score": result.max_points,
        "status": "passed" if passed else "failed",
        "output": output,
        "visibility": "after_published" if result.hidden else "visible",
    }


def results_dict(report: Report) -> dict[str, Any]:
    view = student_view(report)
    data: dict[str, Any] = {
        "score": view.score,
        "max_score": view.max_score,
        "execution_time": round(float(view.elapsed), 3),
        "tests": [test_dict(r) for r in view.results],
    }
    if view.notes:
        data["output"] = "\n".join(view.notes)
    return data


def render(report: Report) -> str:
    return json.dumps(results_dict(report), indent=2, allow_nan=False) + "\n"
