"""The class's outputs, rebuilt from the reports: ``grades.csv``, ``results/``, ``feedback/`` and
``class_report.html``, each written atomically and through
:func:`~autograder.render.safe.printable`, so no text a student wrote can stop a writer.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Outputs:
    """The class's outputs rendered, not yet written: :func:`publish` writes them."""

    reports: dict[str, Report]  # with the late policy applied
    records: dict[str, dict]  # the reports as saved
    files: tuple[tuple[str, str, str | None], ...]  # (path in out, text, student or None)


def render_outputs(out: Path, *, policy=None) -> Outputs:
    """grades.csv, results/, feedback/ and class_report.html rendered from the reports.

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
    files = [("grades.csv", csv.render(reports), None)]
    for student, report in reports.items():
        try:
            files += [(f"results/{student}.json", gradescope.render(report), student),
                      (f"feedback/{student}.html", html.render(report, student=student), student),
                      (f"feedback/{student}.md", markdown.render(report, student=student),
                       student)]
        except Exception as error:  # noqa: BLE001 - one student's outputs never stop the class
            _warn(student, error)
    files.append(("class_report.html", class_report.render(reports), None))
    return Outputs(reports, {s: record for s, (record, _) in loaded.items()}, tuple(files))


def publish(out: Path, outputs: Outputs) -> dict[str, Report]:
    """Write what :func:`render_outputs` rendered; the reports it was rendered from."""
    for folder in ("results", "feedback"):
        (out / folder).mkdir(exist_ok=True)
    for name, text, student in outputs.files:
        if student is None:
            write_atomic(out / name, text)
            continue
        try:
            write_atomic(out / name, text)
        except Exception as error:  # noqa: BLE001 - one student's outputs never stop the class
            _warn(student, error)
    return outputs.reports


def write_outputs(out: Path, *, policy=None) -> dict[str, Report]:
    """Rebuild grades.csv, results/, feedback/ and class_report.html from the reports."""
    return publish(out, render_outputs(out, policy=policy))


def _warn(student: str, error: Exception) -> None:
    print(f"warning: the feedback of {printable(student)} could not be written "
          f"({type(error).__name__}: {printable(error)})", file=sys.stderr)
