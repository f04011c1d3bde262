"""The ``--json`` report: the interface scripts rely on (see DESIGN.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..model import CheckResult, Report


def check_dict(result: CheckResult) -> dict[str, Any]:
    return {
        "name": result.name,
        "function": result.function,
        "points": result.points,
        "max_points": result.max_points,
        "status": result.status.value,
        "message": result.message,
        "hidden": result.hidden,
        "counterexample": None if result.counterexample is None else asdict(result.counterexample),
    }


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "submission": report.submission,
        "score": report.score,
        "max_score": report.max_score,
        "notes": list(report.notes),
        "checks": [check_dict(r) for r in report.results],
    }


def render(report: Report) -> str:
    return json.dumps(report_dict(report), indent=2, allow_nan=False)
