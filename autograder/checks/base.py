"""The check engine: cases in, one :class:`~autograder.model.CheckResult` out.

A :class:`Check` owns a list of fixed :class:`~autograder.cases.Case` objects, optionally the
name of a draw whose cases come from :mod:`autograder.casebook`, and a *judge* that says whether
the student's value for a case is right. The student function arrives as a proxy that returns
sandbox outcomes; the reference arrives as a module (or its recorded answers, on a students'
copy). A check never raises: whatever the student's code does becomes a status.

Judges return ``None`` when the value is right, or a :class:`Verdict` with what was expected.

A hidden check's message is one fixed sentence per status (:func:`~autograder.wording.hidden`),
naming at most a built-in exception type: nothing the student's code wrote during a hidden call
(its exception's message or type name, its source line, its returned text, a gap computed
from a hidden expected value) reaches the message. The counterexample keeps the evidence for
the instructor; :meth:`Check.redacted` drops it for students.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator, Protocol

import numpy as np

from .. import diagnosis, tolerance, wording
from ..cases import Case
from ..model import CheckResult, Counterexample, Status


class Student(Protocol):
    """What a check needs of the student's code: call a function, get an outcome.

    A student may also have ``calls(function, arglists)``, the outcomes of several calls in
    order as an iterator (the sandbox sends them together); checks use it when it is there
    and close it at their first failure.
    """

    def call(self, function: str, *args: Any) -> Any: ...


def outcomes(student: Student, function: str, arglists: list) -> Iterator[Any]:
    """The outcomes of ``function`` on each argument list, in order, lazily."""
    many = getattr(student, "calls", None)
    if many is not None:
        return many(function, arglists)
    return (student.call(function, *args) for args in arglists)


@dataclass(frozen=True)
class Verdict:
    """Why a value is wrong: the expected value (number or text) and an optional diagnosis."""

    expected: float | str
    diagnosis: "str | diagnosis.Finding | None" = None
    detail: str | None = None
    allowed: float | None = None  # the bound the value missed, when it is a number


Judge = Callable[[Case, float, Any], "Verdict | None"]


def fmt(value: Any) -> str:
    """A float as the shortest text that round-trips (``0.6931471805599453``, ``inf``, ``nan``)."""
    if isinstance(value, str):
        return value
    return repr(float(value))


def describe(value: Any) -> str:
    """Words for a value that is not a number: ``a list of length 3``, ``None``…"""
    if value is None:
        return "None (did the function forget to return?)"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    if isinstance(value, np.ndarray):
        return f"a NumPy array of shape {value.shape}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, complex) or (isinstance(value, np.generic) and np.iscomplexobj(value)):
        return f"the complex number {value}"
    name = getattr(value, "type_name", None) or type(value).__name__
    return f"an object of type {name}"


def as_number(value: Any) -> float | None:
    """The float a returned value stands for, or ``None`` when it is not a single real number.

    Accepted: Python ``float`` and ``int``, NumPy real scalars and 0-d real arrays. Rejected:
    ``bool``, ``None``, strings, complex numbers, lists and arrays with any shape but ``()``.
    """
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (float, int)):
        try:
            return float(value)
        except OverflowError:
            return math.copysign(math.inf, value)
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "fiu":
        return float(value)
    if isinstance(value, np.generic) and value.dtype.kind in "fiu":
        return float(value)
    return None


@dataclass
class _Failure(Exception):
    """Internal: a case went wrong; the check stops at its first failing case."""

    status: Status
    case: Case
    key: str | None = None
    detail: str | None = None
    expected: float | str | None = None
    got: str | None = None
    exc_type: str | None = None


_DERIVED: dict[tuple[str, Any, Case], Any] = {}


def derived(what: str, case: Case, reference: Any, compute: Callable[[], Any]) -> Any:
    """What a judge computes from a case and the reference alone (never from the student's
    value), computed once per grading process: ``compute()`` the first time ``what`` is asked
    for this case and reference. Arrays in it are made read-only, since every submission a
    batch worker grades shares them."""
    key = (what, reference, case)
    try:
        return _DERIVED[key]
    except KeyError:
        pass
    value = compute()
    for item in value if isinstance(value, tuple) else (value,):
        if isinstance(item, np.ndarray):
            item.flags.writeable = False
    _DERIVED[key] = value
    return value


def expected_value(case: Case, reference: Any) -> Any:
    """The reference's answer for a case, computed once per grading process."""
    return derived("expected", case, reference,
                   lambda: getattr(reference, case.function)(*case.values))


def compare_with_reference(case: Case, got: float, reference: Any) -> Verdict | None:
    """The default judge: the reference applied to the same doubles, under the tolerance policy."""
    expected = expected_value(case, reference)
    allowed = tolerance.allowed_error(case.function, case.values)
    return None if tolerance.close(got, expected, allowed) else Verdict(expected, allowed=allowed)


@dataclass(frozen=True)
class Check:
    """One gradable idea about one student function.

    ``cases`` are fixed inputs, tried in order. ``draws`` names a function of
    :mod:`autograder.casebook` that draws ``examples`` more cases, smallest first; they are
    drawn once, stored as data, and handed to :meth:`run` with the fixed ones.
    """

    name: str
    function: str
    points: float
    cases: tuple[Case, ...] = ()
    draws: str | None = None
    judge: Judge = compare_with_reference
    hidden: bool = False
    examples: int = 30
    about: str = ""  # one line for the catalogue listing: what this check is about
    depends: tuple[str, ...] = field(default=())  # other student functions the judge calls

    # -- running ---------------------------------------------------------------------------
    def run(self, student: Student, reference: Any,
            cases: tuple[Case, ...] | None = None) -> CheckResult:
        """Try ``cases`` (the fixed ones by default) in order; the first failure ends the check."""
        seen: list[tuple[float, float]] = []
        cases = self.cases if cases is None else cases
        stream = outcomes(student, self.function, [case.values for case in cases])
        try:
            for case, outcome in zip(cases, stream):
                self._judge(case, outcome, reference, seen)
        except _Failure as failure:
            return self._failed(failure)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # the calls of this check nobody will judge
        return self._result(Status.PASSED, self.points, wording.PASSED)

    def _judge(self, case: Case, outcome: Any, reference: Any,
               seen: list[tuple[float, float]]) -> None:
        """Raise :class:`_Failure` unless ``outcome`` (of the call ``case``) is right."""
        changed = getattr(outcome, "changed", None)
        if changed is not None:
            raise _Failure(Status.FAILED, case, "input_changed", _changed_detail(case, *changed))
        if outcome.kind == "value":
            got = as_number(outcome.value)
            if got is None:
                raise _Failure(Status.FAILED, case, "wrong_type",
                               wording.type_detail(describe(outcome.value)))
            verdict = self.judge(case, got, reference)
            if verdict is not None:
                found = verdict.diagnosis
                if found is None and isinstance(verdict.expected, float):
                    found = diagnosis.diagnose(case.function, case.values, verdict.expected, got,
                                               seen, reference=reference)
                key, facts = diagnosis.split(found)
                detail = "\n".join(d for d in (verdict.detail, facts) if d) or _gap(
                    got, verdict.expected, verdict.allowed)
                raise _Failure(Status.FAILED, case, key, detail, verdict.expected, fmt(got))
            seen.append((got, got))  # a right answer: its expected value is itself
            return
        if outcome.kind == "missing":
            raise _Failure(Status.NOT_IMPLEMENTED, case, "missing")
        if outcome.kind == "exception":
            key = diagnosis.diagnose_exception(outcome.exc_type, outcome.message)
            status = Status.NOT_IMPLEMENTED if key == "not_implemented" else Status.ERROR
            raise _Failure(status, case, key,
                           wording.exception_detail(outcome.exc_type, outcome.message,
                                                    outcome.where),
                           exc_type=outcome.exc_type)
        if outcome.kind == "timeout":
            raise _Failure(Status.TIMEOUT, case, "timeout", outcome.message or None)
        raise _Failure(Status.ERROR, case, "crash", outcome.message or None)

    # -- results ---------------------------------------------------------------------------
    def _result(self, status: Status, points: float, message: str,
                counterexample: Counterexample | None = None) -> CheckResult:
        return CheckResult(self.name, self.function, float(self.points), float(points), status,
                           message, counterexample, self.hidden)

    def _failed(self, failure: _Failure) -> CheckResult:
        case = failure.case
        example = Counterexample(
            call=case.call(),
            expected=None if failure.expected is None else fmt(failure.expected),
            got=failure.got,
            diagnosis=failure.key,
            note=case.note,
        )
        if self.hidden:
            message = wording.hidden(failure.status.value, failure.exc_type)
        else:
            message = wording.explain(failure.key, failure.detail)
        return self._result(failure.status, 0.0, message, example)

    def redacted(self, result: CheckResult) -> CheckResult:
        """What a student may see of a hidden check: name, points, status and message only."""
        if not self.hidden or result.counterexample is None:
            return result
        return replace(result, counterexample=None)


def _changed_detail(case: Case, index: int, after: Any) -> str | None:
    """Where the argument a call changed first differs from what was passed."""
    if not 0 <= index < len(case.names):
        return None
    name, before = case.names[index], case.values[index]
    try:
        b = np.asarray(before, dtype=float).ravel()
        a = np.asarray(after, dtype=float).ravel()
    except (TypeError, ValueError):
        return wording.changed_detail(name, "", "what was passed", describe(after))
    if a.shape != b.shape:
        return wording.changed_detail(name, "", f"of length {b.size}", f"of length {a.size}")
    differ = np.flatnonzero(~((a == b) | (np.isnan(a) & np.isnan(b))))
    if differ.size == 0:
        return None
    i = int(differ[0])
    return wording.changed_detail(name, f"[{i}]", fmt(b[i]), fmt(a[i]))


def _gap(got: float, expected: float | str, allowed: float | None) -> str | None:
    """How far apart two close numbers are, against what the tolerance allows.

    Only said when the values are near each other (within 1%): for a far-off value the
    size of the gap teaches nothing.
    """
    if allowed is None or not isinstance(expected, float) or not (
            math.isfinite(got) and math.isfinite(expected)):
        return None
    if abs(got - expected) > 1e-2 * max(abs(expected), 1e-300) and abs(got - expected) > 1e-6:
        return None
    return wording.gap(abs(got - expected), allowed)
