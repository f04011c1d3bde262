"""Name the bug behind a wrong answer, or say what is known about it.

When a student's value disagrees with the reference, the answer key tells what each typical
mistake would have computed on the same input (``bug_models``: the reference package has them,
a students' copy reads them from recorded data). This module only compares: the first model
whose value reproduces the student's names the bug. It holds no formula of its own.

Where no model reproduces the number, a few rules based on evidence still name something (the
same value for inputs whose answers differ, float32-sized error), and otherwise the diagnosis is
a possibility (a finite value where +inf was expected, an unexpected infinity, 0.0 from a
swallowed error) or a plain mismatch, each with the facts the number shows: its sign, its ratio
to the expected value, and how it relates to the input's size, base and zeros. Keys and facts
are worded in :mod:`autograder.wording`.
"""

from __future__ import annotations

import math
from typing import Any, Iterator, NamedTuple, Sequence

import numpy as np

from . import diagnosis_softmax, tolerance, wording


class Finding(NamedTuple):
    """A diagnosis key and, when no model confirmed it, the facts the number shows."""

    key: str
    facts: str | None = None


#: Keys a model reproduces by giving nan too (the naive formulas); any other model must give
#: a finite value to count.
NAN_MODELS = ("nan_from_zero", "labels_in_log")
#: How far a float32 computation may stray from our float32 model (summation order differs).
FLOAT32_SLACK = 1e-5


def model_values(function: str, values: Sequence, reference: Any) -> Iterator[tuple[str, float]]:
    """The bug models' values on this call, from the answer key (live or recorded), as they
    are asked for: the search below stops at the first finite match."""
    try:
        models = reference.bug_models
    except AttributeError:  # an answer key without models: shape rules only
        return iter(())
    return iter(models(function, *values))


def _inputs(values: Sequence) -> dict[str, Any]:
    """Counts the facts use: entries, zeros (and ones) among the probabilities, the base."""
    n = zeros = 0
    tiny = False
    for v in values:
        if isinstance(v, np.ndarray) and v.dtype.kind == "f":
            n = max(n, v.size)
            zeros += int(np.count_nonzero((v == 0) | (v == 1)))
            tiny |= bool(np.any((v > 0) & (v < 1e-12)) or np.any((v < 1) & (v > 1 - 1e-12)))
        elif isinstance(v, np.ndarray):
            n = max(n, v.size)
        elif isinstance(v, float):
            zeros += v in (0.0, 1.0)
            tiny |= 0 < v < 1e-12 or 1 - 1e-12 < v < 1
    return {"n": n, "zeros": zeros, "tiny": tiny}


def _matches(key: str, modelled: float, expected: float, got: float) -> bool:
    if math.isnan(got):
        return key in NAN_MODELS and math.isnan(modelled)
    return not tolerance.close(modelled, expected) and tolerance.close(got, modelled)


def diagnose(function: str, values: Sequence, expected: float, got: float,
             others: Sequence[tuple[float, float]] = (), *, reference: Any,
             fallback: str = "mismatch") -> Finding:
    """The most likely bug, confirmed by a model where one reproduces ``got``.

    ``values`` are the arguments of the failing call; ``others`` are ``(expected, got)`` pairs
    the student produced earlier in the same check (to spot a hard-coded answer);
    ``reference`` is the answer key (the reference package, or recorded answers) that knows
    the bug models; ``fallback`` is the key when nothing is known. A model counts only when it reproduces a finite value (or nan, for the
    naive formulas): matching +inf or -inf is too common to name a bug by unless nothing
    finite fits.
    """
    if function in diagnosis_softmax.FUNCTIONS:  # notebook 4's arrays: their own matcher
        return Finding(diagnosis_softmax.diagnose(function, values, expected, got) or fallback)
    single: list[float] = []
    infinite: list[str] = []
    for key, modelled in model_values(function, values, reference):
        if key == "float32_precision":
            single.append(modelled)
            continue
        if not _matches(key, modelled, expected, got):
            continue
        if not math.isinf(modelled):
            return Finding(key)
        infinite.append(key)
    if infinite:  # only infinite models matched: the first (most specific) one names it
        return Finding(infinite[0])
    facts = _facts(values, expected, got)
    if math.isnan(got):
        return Finding("nan_result", facts)
    if math.isfinite(expected):
        for exp_other, got_other in others:
            if got_other == got and not tolerance.close(exp_other, expected):
                return Finding("hard_coded")
    rel = tolerance.relative_error(got, expected)
    if (1e-10 < rel < 1e-4 and single and math.isfinite(single[0])
            and abs(got - single[0]) <= FLOAT32_SLACK * abs(single[0])):
        return Finding("float32_precision")
    shape = _possibility(function, values, expected, got, rel)
    return Finding(shape or fallback, facts)


def _possibility(function: str, values: Sequence, expected: float, got: float,
                 rel: float) -> str | None:
    """A key worded as a possibility, from the shape of the number alone."""
    counts = _inputs(values)
    if math.isinf(expected) and math.isfinite(got):
        return "finite_for_infinite" if got != 0 else "swallowed_error"
    if math.isinf(got) and math.isfinite(expected):
        return "unexpected_infinity"
    if got == 0.0 and expected != 0.0:
        return "swallowed_error"
    if (counts["zeros"] or counts["tiny"]) and (rel < 1e-2 or abs(got - expected) < 1e-6):
        return "small_bias_near_zero"
    if 1e-10 < rel < 1e-5:
        return "float32_precision"
    if function == "bernoulli_mle" and abs(got - expected) < 0.02:
        return "coarse_optimiser"
    return None


def _facts(values: Sequence, expected: float, got: float) -> str | None:
    """What the number shows when no model reproduces it (worded in :mod:`wording`)."""
    counts = _inputs(values)
    n, zeros = counts["n"], counts["zeros"]
    base = values[1] if len(values) > 1 and isinstance(values[1], (int, float)) else None
    if math.isnan(got) or not (math.isfinite(got) and math.isfinite(expected)):
        return wording.facts(n=n, zeros=zeros) if zeros else None
    ratio = named = None
    if expected != 0 and got != 0:
        ratio = got / expected
        known = {"n": n, "1/n": 1 / n if n else None,
                 "log 2": math.log(2), "1/log 2": 1 / math.log(2)}
        if base not in (None, 0) and base > 0 and base != 1:
            known.update({"the base": base, "1/base": 1 / base, "log(base)": math.log(base),
                          "1/log(base)": 1 / math.log(base)})
        if zeros:
            known["the number of zeros"] = zeros
        named = next((name for name, v in known.items()
                      if v and abs(abs(ratio) - v) <= 1e-9 * v), None)
    small = abs(got - expected) < 1e-2 * max(abs(expected), 1e-300)
    return wording.facts(n=n, zeros=zeros, ratio=ratio,
                         sign_flipped=ratio is not None and ratio < 0, ratio_is=named,
                         difference=got - expected,
                         # a small bias that each zero adds (an epsilon?) shows per zero
                         per_zero=(got - expected) / zeros if zeros and small else None)


def split(found: "Finding | str | None") -> tuple[str | None, str | None]:
    """``(key, facts)`` of a judge's diagnosis, which may be a plain key."""
    if isinstance(found, Finding):
        return found.key, found.facts
    return found, None


def diagnose_exception(exc_type: str | None, message: str) -> str:
    """The key for a call that raised instead of returning."""
    if exc_type == "NotImplementedError":
        return "not_implemented"
    if exc_type == "ValueError" and "math domain error" in message:
        return "log_domain_error"
    if exc_type == "ZeroDivisionError":
        return "division_by_zero"
    if exc_type == "TypeError" and any(s in message for s in (
            "positional argument", "unexpected keyword", "required keyword")):
        return "wrong_signature"
    return "exception"
