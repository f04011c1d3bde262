"""Checks of functions that return an array (``log_softmax``, the gradient).

:class:`ArrayCheck` is a :class:`~autograder.checks.base.Check` whose student value is an
array of the expected shape instead of one number. Its judges compare every entry under the
logit-aware policy of :mod:`autograder.logit_tolerance` and, when one is off, show the first
wrong entry: its index, the expected and the returned value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .. import diagnosis_softmax, logit_tolerance as lt, wording
from ..cases import Case
from ..model import Status
from .base import Check, Verdict, _Failure, derived, describe, fmt


@dataclass(frozen=True)
class ArrayVerdict(Verdict):
    """A wrong array: the first wrong entry's index and value, besides the expected one."""

    index: tuple[int, ...] = ()
    got: str = ""


def as_array(value: Any) -> np.ndarray | None:
    """A returned value as a float64 array, or ``None`` when it is not an array of real numbers."""
    if isinstance(value, (list, tuple)):
        try:
            value = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return None
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "fiu":
        return None
    return value.astype(float, copy=False)


def _entry(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]"


def compare_arrays(case: Case, got: np.ndarray, expected: np.ndarray,
                   allowed: np.ndarray, detail: str | None = None) -> ArrayVerdict | None:
    """``None`` when every entry matches, else a verdict about the first that does not."""
    bad = lt.mismatches(got, expected, allowed)
    if not bad.any():
        return None
    index = tuple(int(i) for i in np.unravel_index(int(np.argmax(bad)), bad.shape))
    key = diagnosis_softmax.diagnose(case.function, case.values, expected, got)
    return ArrayVerdict(f"{fmt(expected[index])} at {_entry(index)}", key, detail, index,
                        f"{fmt(got[index])} at {_entry(index)}")


ArrayJudge = Callable[[Case, np.ndarray, Any], "ArrayVerdict | None"]


@dataclass(frozen=True)
class ArrayCheck(Check):
    """A check whose student function returns an array with the shape of its first argument."""

    def _judge(self, case: Case, outcome: Any, reference: Any, seen: list) -> None:
        if outcome.kind != "value":
            return super()._judge(case, outcome, reference, seen)
        got = as_array(outcome.value)
        if got is None:
            raise _Failure(Status.FAILED, case, "wrong_type",
                           wording.array_type_detail(describe(outcome.value)))
        shape = np.shape(case.values[0])
        if got.shape != shape:
            raise _Failure(Status.FAILED, case, "wrong_shape",
                           wording.shape_detail(got.shape, shape))
        verdict = self.judge(case, got, reference)
        if verdict is not None:
            raise _Failure(Status.FAILED, case, verdict.diagnosis, verdict.detail,
                           verdict.expected, verdict.got)


# -- judges shared by the softmax checks -------------------------------------------------------


def reference_array(reference: Any, function: str, *args: Any) -> np.ndarray:
    """The reference's array answer, in the shape of the logits (recorded answers are flat)."""
    return np.asarray(getattr(reference, function)(*args), float).reshape(np.shape(args[0]))


def expected_array(case: Case, reference: Any) -> np.ndarray:
    """:func:`reference_array` on the case's own arguments, once per case (read-only)."""
    return derived("array", case, reference,
                   lambda: reference_array(reference, case.function, *case.values))


def broadcast(got: Any, shape: tuple[int, ...]) -> np.ndarray:
    """What a judge compares: the student's array (a probe value may be a bare number)."""
    return np.broadcast_to(np.asarray(got, float), shape)


def period_of(case: Case) -> int:
    """A tiled case repeats a block of rows: its length is written in the case's note."""
    return int((case.note or "").split("block of ")[1].split(" ")[0])


def block_expected(case: Case, reference: Any) -> np.ndarray:
    """The answer on a tiled input from the reference on one block (m / block times smaller).

    Functions of rows give the same row for the same logits; the gradient's 1/m is the only
    thing that depends on the number of rows, so a block's gradient is rescaled by block / m.
    Computed once per case (read-only).
    """
    return derived("tiled", case, reference, lambda: _block_expected(case, reference))


def _block_expected(case: Case, reference: Any) -> np.ndarray:
    k = period_of(case)
    values = [v[:k] for v in case.values]
    block = reference_array(reference, case.function, *values)
    m = np.shape(case.values[0])[0]
    out = np.tile(block, (m // k, 1))
    if case.function == "softmax_cross_entropy_grad":
        out *= k / m
    return out
