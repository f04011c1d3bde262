"""Grades for a learning management system: Canvas's and Moodle's gradebook import files.

Both are written from the same reports ``grade`` saved (``OUT/reports/*.json``), so they can never
disagree with ``grades.csv``. ``python -m autograder export OUT --format canvas`` (or ``moodle``).

Canvas imports a CSV whose first columns identify the student (``Student``, ``ID``,
``SIS User ID``, ``SIS Login ID``, ``Section``), followed by one column per assignment, headed by
the assignment's name; a second row headed ``Points Possible`` gives the maximum. Canvas matches a
row on ``ID`` (its own number), else on the SIS ids. The kit knows a student only by the name of
their submission folder (nbgrader's student id), so the reliable route is to export the gradebook
from Canvas first and pass it as ``--roster``: rows are matched on ``SIS Login ID``, ``SIS User
ID`` or ``ID`` (whichever equals the kit's student id) and the Canvas columns are copied. Without
a roster the student id goes in ``SIS Login ID``.

Moodle's "Import grades: CSV file" maps one column to a user field (username, email address or
ID number: the instructor chooses on the import page) and each other column to a grade item or to
its feedback. The file here has ``Username``, the assignment's points, and a one-line feedback per
student (the points of each function), so it maps without edits when nbgrader's student ids are
Moodle usernames.

Students with no report are not written: a gradebook import leaves their cell as it was.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Mapping

from .model import Report

CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_KEYS = ("SIS Login ID", "SIS User ID", "ID")  # tried in this order against a student id


def _points(x: float) -> str:
    return f"{x:g}"


def _feedback(report: Report) -> str:
    parts = []
    for function in report.functions():
        got, most = report.function_score(function)
        parts.append(f"{function} {_points(got)}/{_points(most)}")
    return f"Autograder: {_points(report.score)}/{_points(report.max_score)} ({', '.join(parts)})"


def _maximum(reports: Mapping[str, Report]) -> float:
    return max((r.max_score for r in reports.values()), default=0.0)


def read_canvas_roster(text: str) -> tuple[list[dict[str, str]], dict[str, int]]:
    """Rows of a Canvas gradebook export and, for each id value, the row it names."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not any(k in (reader.fieldnames or ()) for k in CANVAS_KEYS):
        raise ValueError("the roster has none of the columns " + ", ".join(CANVAS_KEYS)
                         + ": export the gradebook from Canvas and pass that file")
    rows = [row for row in reader
            if (row.get("Student") or "").strip() not in ("", "Points Possible")]
    index: dict[str, int] = {}
    for key in reversed(CANVAS_KEYS):  # the first key wins where two rows share a value
        for i, row in enumerate(rows):
            value = (row.get(key) or "").strip()
            if value:
                index[value] = i
    return rows, index


def canvas(reports: Mapping[str, Report], *, assignment: str,
           roster: str | None = None) -> tuple[str, list[str]]:
    """The Canvas import CSV, and the students that the roster does not know (left out)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*CANVAS_IDENTITY, assignment])
    writer.writerow(["Points Possible", "", "", "", "", _points(_maximum(reports))])
    unknown: list[str] = []
    rows, index = read_canvas_roster(roster) if roster is not None else ([], {})
    for student in sorted(reports):
        score = _points(reports[student].score)
        if roster is None:
            writer.writerow([student, "", "", student, "", score])
        elif student in index:
            row = rows[index[student]]
            writer.writerow([*(row.get(k, "") for k in CANVAS_IDENTITY), score])
        else:
            unknown.append(student)
    return buffer.getvalue(), unknown


def moodle(reports: Mapping[str, Report], *, assignment: str) -> str:
    """The Moodle import CSV: username, points, feedback."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Username", assignment, f"{assignment} feedback"])
    for student in sorted(reports):
        report = reports[student]
        writer.writerow([student, _points(report.score), _feedback(report)])
    return buffer.getvalue()


def export_main(*, out: str, format: str, assignment: str = "xent",
                roster: str | None = None, to: str | None = None) -> int:
    """``export``: write ``OUT/<format>.csv`` from the saved reports. Exit 2 when unusable."""
    from .batch import load_reports, write_atomic

    folder = Path(out)
    reports = {student: report for student, (_, report) in load_reports(folder).items()}
    if not reports:
        print(f"error: {folder} holds no reports; run `python -m autograder grade ... --out "
              f"{folder}` first.", file=sys.stderr)
        return 2
    unknown: list[str] = []
    if format == "canvas":
        try:
            text = Path(roster).read_text(encoding="utf-8") if roster else None
            content, unknown = canvas(reports, assignment=assignment, roster=text)
        except (OSError, UnicodeDecodeError, ValueError, csv.Error) as error:
            print(f"error: cannot use the roster {roster}: {error}", file=sys.stderr)
            return 2
    else:
        content = moodle(reports, assignment=assignment)
    target = Path(to) if to else folder / f"{format}.csv"
    write_atomic(target, content)
    print(f"wrote {target}: {len(reports) - len(unknown)} students")
    if unknown:
        print(f"not in the roster, left out: {', '.join(unknown)}", file=sys.stderr)
    return 0
