"""The class's outputs, rebuilt from the reports: ``grades.csv``, ``results/``, ``feedback/`` and
``class_report.html``, each written atomically and through
:func:`~autograder.render.safe.printable`, so no text a student wrote can stop a writer.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .model import Report
from .render.safe import printable

REPORTS = "reports"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` holds either the old content or all of the new.

    A file that already holds exactly these bytes is left alone (a rerun rewrites nothing).
    """
    data = printable(text).encode("utf-8", errors="replace")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_record(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None



def load_reports(out: Path) -> dict[str, tuple[dict, Report]]:
    """Every report in ``out/reports`` as (record, Report), keyed by student, sorted.

    The Report's ``meta`` holds what only the instructor sees: ``outcome``, ``flags``,
    ``instructor_notes`` and ``submitted``. A record that cannot be read back is skipped.
    """
    from dataclasses import replace

    from .render.json import report_from_dict

    loaded = {}
    for path in sorted((out / REPORTS).glob("*.json")):
        record = read_record(path)
        if not isinstance(record, dict):
            continue
        try:
            report = report_from_dict(record)
        except (KeyError, TypeError, ValueError):
            continue
        meta = {key: record.get(key) for key in ("outcome", "flags", "instructor_notes",
                                                 "submitted")}
        loaded[record.get("student", path.stem)] = (record, replace(report, meta=meta))
    return dict(sorted(loaded.items()))


def write_outputs(out: Path, *, policy=None) -> dict[str, Report]:
    """Rebuild grades.csv, results/, feedback/ and class_report.html from the reports.

    ``policy``: a :class:`autograder.records.LatePolicy`, applied to the recorded submission
    times (``grades.csv`` and the student's feedback say what it cost).
    """
    from dataclasses import replace

    from .records import late_fields, late_note
    from .render import class_report, csv, gradescope, html, markdown

    loaded = load_reports(out)
    reports = {}
    for student, (record, report) in loaded.items():
        late = late_fields(report, record.get("submitted"), policy)
        note = late_note(late, policy)
        notes = report.notes + ((note,) if note else ())
        reports[student] = replace(report, notes=notes, meta={**report.meta, **late})
    write_atomic(out / "grades.csv", csv.render(reports))
    for folder in ("results", "feedback"):
        (out / folder).mkdir(exist_ok=True)
    for student, report in reports.items():
        try:
            write_atomic(out / "results" / f"{student}.json", gradescope.render(report))
            write_atomic(out / "feedback" / f"{student}.html", html.render(report, student=student))
            write_atomic(out / "feedback" / f"{student}.md", markdown.render(report, student=student))
        except Exception as error:  # noqa: BLE001 - one student's outputs never stop the class
            print(f"warning: the feedback of {printable(student)} could not be written "
                  f"({type(error).__name__}: {printable(error)})", file=sys.stderr)
    write_atomic(out / "class_report.html", class_report.render(reports))
    return reports
