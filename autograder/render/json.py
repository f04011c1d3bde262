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


def report_record(report: Report) -> dict[str, Any]:
    """:func:`report_dict` plus what a faithful copy needs: elapsed time and numpy warnings."""
    record = report_dict(report)
    record["elapsed"] = report.elapsed
    for entry, result in zip(record["checks"], report.results):
        entry["warnings"] = list(result.warnings)
    return record


def report_from_dict(data: dict[str, Any]) -> Report:
    """The :class:`Report` that :func:`report_dict` (or :func:`report_record`) wrote.

    Totals are not read back: they are recomputed from the checks, so an edited file cannot
    carry a score its checks do not add up to.
    """
    from ..model import Counterexample, Status

    results = []
    for c in data["checks"]:
        example = c.get("counterexample")
        results.append(CheckResult(
            name=c["name"], function=c["function"], max_points=float(c["max_points"]),
            points=float(c["points"]), status=Status(c["status"]), message=c["message"],
            counterexample=None if example is None else Counterexample(**example),
            hidden=bool(c.get("hidden", False)), warnings=tuple(c.get("warnings", ())),
        ))
    return Report(data["submission"], tuple(results), tuple(data.get("notes", ())),
                  elapsed=float(data.get("elapsed", 0.0)))


def student_view(report: Report) -> Report:
    """The report as a student may see it: hidden checks lose their counterexample."""
    from dataclasses import replace

    results = tuple(replace(r, counterexample=None) if r.hidden else r for r in report.results)
    return replace(report, results=results)
