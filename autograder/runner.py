"""Grade one submission: load it, run its code in a sandbox, run the checks, build a report.

This is the one path every front-end takes (the CLI, the pytest plugin, the notebook cell and
the batch grader); they differ only in how they show the :class:`~autograder.model.Report`.
"""

from __future__ import annotations

import json
import math
import re
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from . import casebook, names, wording
from .checks import checks_for
from .checks.base import Check
from .loader import Submission, load_submission
from .model import CheckResult, Report, Status
from .sandbox import Limits, Outcome, Sandbox

#: After this many timeouts of one function, its remaining calls time out without running.
MAX_TIMEOUTS_PER_FUNCTION = 2


@dataclass
class SandboxStudent:
    """The student's functions as the checks see them: calls in, outcomes out.

    Two budgets bound a submission's time: a function that timed out twice is not called again,
    and once all calls together have used ``Limits.submission_seconds`` of wall time, every
    remaining call is a timeout without running.
    """

    sandbox: Sandbox
    timeouts: dict[str, int] = field(default_factory=dict)
    deadline: float = math.inf
    warned: dict[str, dict[str, int]] = field(default_factory=dict)  # function -> text -> calls

    def call(self, function: str, *args: Any) -> Outcome:
        return self._refused(function) or self._counted(function,
                                                        self.sandbox.call(function, *args))

    def calls(self, function: str, arglists: Sequence[Sequence]) -> Iterator[Outcome]:
        """The outcomes of ``function`` on each argument list, as :meth:`call` gives them one
        by one; the calls travel in batches (:meth:`Sandbox.calls`). Once a budget refuses a
        call it refuses the rest, so the batch in flight is closed then."""
        with closing(self.sandbox.calls(function, arglists)) as stream:
            for _ in arglists:
                refused = self._refused(function)
                if refused is not None:
                    stream.close()
                    yield refused
                    continue
                yield self._counted(function, next(stream))

    def _refused(self, function: str) -> Outcome | None:
        if self.timeouts.get(function, 0) >= MAX_TIMEOUTS_PER_FUNCTION:
            return Outcome("timeout", message=f"{function} already timed out "
                                              f"{MAX_TIMEOUTS_PER_FUNCTION} times; not called again")
        if time.monotonic() > self.deadline:
            return Outcome("timeout", message=wording.budget_spent(
                self.sandbox.limits.submission_seconds))
        return None

    def _counted(self, function: str, outcome: Outcome) -> Outcome:
        for text in dict.fromkeys(outcome.warnings):
            counts = self.warned.setdefault(function, {})
            counts[text] = counts.get(text, 0) + 1
        if outcome.kind == "timeout":
            self.timeouts[function] = self.timeouts.get(function, 0) + 1
        return outcome


def reference_module() -> Any | None:
    """The reference solutions, or ``None`` on a student's copy that does not ship them."""
    try:
        import solutions
    except ImportError:
        return None
    return solutions


@dataclass(frozen=True)
class AnswerKey:
    """What the judges compare with: the reference itself, or its answers recorded as data."""

    reference: Any  # the ``solutions`` module, or a :class:`~autograder.casebook.Answers`
    book: casebook.Casebook

    @classmethod
    def of(cls, reference: Any = None) -> "AnswerKey":
        reference = reference if reference is not None else reference_module()
        if reference is None:
            book = casebook.load(None)
            return cls(casebook.Answers(book.answers, book.models), book)
        book = casebook.load(casebook.hidden_path(reference))
        return cls(_with_recorded_models(reference, book), book)


_RECORDED: dict[int, tuple[Any, casebook.RecordedModels]] = {}


def _with_recorded_models(reference: Any, book: casebook.Casebook) -> Any:
    """One wrapper per reference and process, so answers cached by reference stay cached."""
    if isinstance(reference, (casebook.RecordedModels, casebook.Answers)):
        return reference  # recorded answers say when their models are missing: kept as they are
    kept = _RECORDED.get(id(reference))
    if kept is None or kept[0] is not reference:
        kept = _RECORDED[id(reference)] = (reference, casebook.RecordedModels(reference,
                                                                              book.models))
    return kept[1]


def _load_note(outcome: Outcome) -> str | None:
    if outcome.kind == "value":
        return None
    if outcome.kind == "exception":
        where = f" at {outcome.where}" if outcome.where else ""
        return (f"Running your code stopped{where}: {outcome.exc_type}: {outcome.message}. "
                f"Functions defined before that point are still graded.")
    if outcome.kind == "timeout":
        return "Running your code at import took longer than the time limit."
    return f"Running your code at import failed: {outcome.message}."


def grade_submission(submission: Submission, *, functions: Sequence[str] | None = None,
                     reference: Any = None, limits: Limits | None = None,
                     redact: bool = True) -> Report:
    """Run every check of ``functions`` (all six by default) on a loaded submission.

    With ``redact=True`` (what students see) hidden checks keep their name, points, status and
    message but lose their counterexample. A check whose drawn cases this copy of the kit does
    not hold (a hidden check on a student's copy) is left out, and a note says so.
    """
    start = time.perf_counter()
    key = AnswerKey.of(reference)
    planned = [(check, key.book.cases(check)) for check in
               checks_for(tuple(functions) if functions else None)]
    absent = [check for check, cases in planned if cases is None]
    notes = list(submission.notes)
    with Sandbox(submission, limits or Limits()) as box:
        loaded = box.load()
        notes += [n for n in (_load_note(loaded),) if n]
        notes += _near_misses({c.function for c, _ in planned}, loaded)
        student = SandboxStudent(box, deadline=time.monotonic() + box.limits.submission_seconds)
        results = [_run(check, cases, student, key.reference, redact)
                   for check, cases in planned if cases is not None]
    notes += warning_notes(student.warned)
    if absent:
        notes.append(wording.hidden_elsewhere([c.name for c in absent],
                                              sum(c.points for c in absent)))
    return Report(submission.path, tuple(results), tuple(notes),
                  elapsed=time.perf_counter() - start)


def warning_notes(warned: dict[str, dict[str, int]]) -> list[str]:
    """One note per function that warned while graded: feedback, never points."""
    from .checks import FUNCTIONS

    order = [f for f in FUNCTIONS if f in warned] + sorted(set(warned) - set(FUNCTIONS))
    return [wording.warned(f, warned[f]) for f in order if warned[f]]


def _near_misses(functions: set[str], loaded: Outcome) -> list[str]:
    """Notes for functions that are missing while a similar name is defined (``entropy_``)."""
    defined = loaded.value if isinstance(loaded.value, list) else []
    defined = [n for n in defined if isinstance(n, str)]
    return [wording.near_miss(f, n) for f, n in names.near_misses(sorted(functions), defined)]


def _run(check: Check, cases: tuple, student: SandboxStudent, reference: Any,
         redact: bool) -> CheckResult:
    try:
        result = check.run(student, reference, cases)
    except casebook.MissingAnswer:
        return CheckResult(check.name, check.function, float(check.points), 0.0, Status.ERROR,
                           wording.stale_answers(), None, check.hidden)
    return check.redacted(result) if redact else result


def without_dropped_note(report: Report) -> Report:
    """The report minus the loader's list of dropped statements.

    In a notebook grade cell that list is the student's own exploration, repeated under every
    test cell: noise there, though useful in a shell self-check.
    """
    from dataclasses import replace

    return replace(report, notes=tuple(n for n in report.notes if not n.startswith("Dropped ")))


def grade_path(path: str | Path, **options: Any) -> Report:
    """Load ``path`` (``.py``, ``.ipynb`` or a folder of them) and grade it.

    Raises :class:`~autograder.loader.SubmissionError` when the file cannot be read at all.
    """
    return grade_submission(load_submission(path), **options)


_GRADE_CALL = re.compile(r"""\bgrade\(\s*["'](\w+)["']""")


def declared_functions(path: str | Path) -> tuple[str, ...] | None:
    """The functions a notebook is responsible for: those its test cells ``grade("…")``.

    A ``.py`` file, a notebook without such cells, or anything unreadable answers ``None``
    (meaning all six), so a renamed or missing function is still reported.
    """
    from .checks import FUNCTIONS

    path = Path(path)
    files = sorted(path.glob("*.ipynb")) if path.is_dir() else [path]
    found: list[str] = []
    for file in files:
        if file.suffix != ".ipynb":
            continue
        try:
            cells = json.loads(file.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError, AttributeError, RecursionError):
            return None
        for cell in cells if isinstance(cells, list) else []:
            if isinstance(cell, dict) and cell.get("cell_type") == "code":
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else str(source)
                found += [f for f in _GRADE_CALL.findall(source) if f in FUNCTIONS]
    return tuple(f for f in FUNCTIONS if f in found) or None
