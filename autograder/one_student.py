"""Grade one student of a class, failing closed for that student alone.

:func:`grade_item` runs in a batch worker. Whatever the submission does to the grader (a file
the loader rejects, a ``RecursionError`` or ``ValueError`` from deep inside, a reply the wire
refuses), the result is a report record with a defined score and a sentence that says what
happened; the exception never reaches the batch. The record also carries what only the
instructor sees: the integrity flags (:mod:`autograder.integrity`), the loader's list of
dropped statements, and how the grading went (``outcome``: graded, blank, unreadable, partly
unreadable, errored).

A folder of notebooks with one unreadable notebook is graded on the others; only the functions
that notebook is responsible for score 0 (those its ``grade("…")`` cells name, as far as its
damaged text still shows them, and any class function no readable notebook declares).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from .model import CheckResult, Report, Status

GRADED, BLANK, UNREADABLE, PARTLY, ERRORED = ("graded", "blank", "unreadable",
                                             "partly unreadable", "errored")
INSTRUCTOR_ONLY = ("Dropped ",)  # notes that are the instructor's business, not the student's
_GRADE_CALL = re.compile(r"""\bgrade\(\s*\\?["'](\w+)\\?["']""")


def _zero_report(submission: str, functions: Sequence[str] | None, note: str,
                 check_message: str, status: Status = Status.ERROR) -> Report:
    from .checks import checks_for

    results = tuple(CheckResult(c.name, c.function, float(c.points), 0.0, status, check_message,
                                None, c.hidden)
                    for c in checks_for(tuple(functions) if functions else None))
    return Report(submission, results, (note,))


def unreadable_report(submission: str, functions: Sequence[str] | None, reason: str) -> Report:
    """Score 0 on every check, with the reason as the one note: the grader fails closed."""
    return _zero_report(submission, functions,
                        f"The submission could not be read, so nothing in it was graded: {reason}",
                        "Not graded: the submission could not be read (see the note above).")


def errored_report(submission: str, functions: Sequence[str] | None, what: str) -> Report:
    """Score 0 on every check: the grader itself could not finish with this submission."""
    return _zero_report(submission, functions,
                        f"The grader could not finish grading this submission ({what}), so it "
                        "scores 0 for now. Your instructor has been told and will look at it.",
                        "Not graded: the grader stopped on this submission (see the note above).")


def _exception_words(error: BaseException) -> str:
    text = str(error).splitlines()[0][:160] if str(error) else ""
    name = type(error).__name__[:60]
    return f"{name}: {text}" if text else name


def grade_item(student: str, path: str, shown: str, *,
               functions: Sequence[str] | None | str = "declared", limits=None) -> dict:
    """Grade one submission and return its report record (plain data); never raises."""
    try:
        return _grade(path, shown, functions, limits)
    except Exception as error:  # noqa: BLE001 - fail closed for this student, whatever it is
        from .render.json import report_record

        fns = None if functions == "declared" else functions
        record = report_record(errored_report(shown, fns, _exception_words(error)))
        record.update(submission=shown, outcome=ERRORED,
                      instructor_notes=[f"grading raised {_exception_words(error)}"], flags=[])
        return record


def _grade(path: str, shown: str, functions, limits) -> dict:
    from .integrity import scan
    from .loader import SubmissionError, load_submission
    from .render.json import report_record
    from .runner import declared_functions, grade_submission

    if functions == "declared":
        functions = declared_functions(path)
    lost: tuple[str, ...] = ()
    lost_notes: list[str] = []
    workdir = None
    try:
        try:
            submission = load_submission(path)
        except SubmissionError as error:
            partial = _readable_part(Path(path), functions, str(error))
            if partial is None:
                raise
            workdir, submission, lost, lost_notes = partial
        graded = tuple(f for f in (functions or _all()) if f not in lost) if lost else functions
        flags = list(scan(submission.chunks, submission.dropped))
        if lost and not graded:
            report = Report(shown, (), submission.notes)
        else:
            report = grade_submission(submission, functions=graded, redact=False, limits=limits)
    except SubmissionError as error:
        report = unreadable_report(shown, functions, _shown_text(str(error), path, shown))
        record = report_record(report)
        record.update(submission=shown, outcome=UNREADABLE, instructor_notes=[], flags=[])
        return record
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    if lost:
        report = _with_lost(report, lost, lost_notes)
    notes = [_shown_text(n, str(workdir) if workdir else path, shown) for n in report.notes]
    student_notes = tuple(n for n in notes if not n.startswith(INSTRUCTOR_ONLY))
    report = replace(report, notes=student_notes)
    record = report_record(report)
    record.update(submission=shown, outcome=_outcome(report, bool(lost)), flags=flags,
                  instructor_notes=[n for n in notes if n.startswith(INSTRUCTOR_ONLY)])
    return record


def _all() -> tuple[str, ...]:
    from .checks import FUNCTIONS
    return FUNCTIONS


def _shown_text(text: str, path: str, shown: str) -> str:
    return text.replace(path, shown) if path else text


def _outcome(report: Report, lost: bool) -> str:
    if lost:
        return PARTLY
    if report.results and all(r.status is Status.NOT_IMPLEMENTED for r in report.results):
        return BLANK
    return GRADED


def _readable_part(folder: Path, functions, reason: str):
    """For a folder whose loading failed: (copy of the readable files, their submission, the
    functions lost with the unreadable files, notes), or ``None`` when nothing is readable."""
    from .checks import FUNCTIONS
    from .loader import SubmissionError, load_submission
    from .runner import declared_functions

    if not folder.is_dir():
        return None
    files = [p for ext in ("*.ipynb", "*.py") for p in sorted(folder.glob(ext))
             if not p.name.startswith(".") and p.is_file() and not p.is_symlink()]
    good, bad = [], []
    for file in files:
        try:
            load_submission(file)
        except SubmissionError as error:
            bad.append((file, str(error)))
        else:
            good.append(file)
    if not good or not bad:
        return None
    workdir = Path(tempfile.mkdtemp(prefix="xent-partial-"))
    try:
        for file in good:
            shutil.copyfile(file, workdir / file.name)
        submission = load_submission(workdir)
        wanted = set(functions or FUNCTIONS)
        named: set[str] = set()
        for file, _ in bad:
            try:
                named.update(_GRADE_CALL.findall(file.read_text(encoding="utf-8",
                                                                errors="replace")))
            except OSError:
                pass
        kept = set(declared_functions(workdir) or ())
        lost = {f for f in wanted if f in named} | (wanted - kept if kept else set())
    except Exception:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    lost_sorted = tuple(f for f in FUNCTIONS if f in lost)
    notes = []
    for file, error in bad:
        what = ", ".join(lost_sorted) if lost_sorted else "the functions it defines"
        notes.append(f"{file.name} could not be read, so {what} scored 0: "
                     f"{error.replace(str(file), file.name)} The other notebooks were graded.")
    return workdir, submission, lost_sorted, notes


def _with_lost(report: Report, lost: tuple[str, ...], notes: list[str]) -> Report:
    from .checks import FUNCTIONS, checks_for

    zero = tuple(CheckResult(c.name, c.function, float(c.points), 0.0, Status.ERROR,
                             "Not graded: its notebook could not be read (see the note above).",
                             None, c.hidden) for c in checks_for(lost))
    order = {f: i for i, f in enumerate(FUNCTIONS)}
    results = sorted(report.results + zero, key=lambda r: order.get(r.function, len(order)))
    return replace(report, results=tuple(results), notes=tuple(notes) + report.notes)
