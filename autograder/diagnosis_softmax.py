"""Name the bug behind a wrong log-softmax, softmax cross-entropy or gradient.

The bug models themselves (wrong versions of the functions, some with a working formula in
them) live with the reference, in ``solutions.softmax_bugs``; this module replays them on a
failing input and keeps the first that reproduces the student's answer. On a students' copy,
which has no reference, only the shape rules below speak: nan or infinities from logits of
hundreds are an overflowing or underflowing ``exp``.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from . import logit_tolerance as lt

FUNCTIONS = ("log_softmax", "softmax_cross_entropy", "softmax_cross_entropy_grad")


#: Inputs with more entries than this get the shape rules only: replaying a dozen models on
#: 10^7 logits costs seconds, and the small cases of the same check name the bug already.
LARGE = 10**6


def _models(function: str, values: Sequence) -> list:
    if np.size(values[0]) > LARGE:
        return []
    try:
        from solutions import softmax_bugs
    except ImportError:  # a students' copy: no bug models
        return []
    return softmax_bugs.models(function, tuple(values))


def _matches(function: str, values: Sequence, got: Any, modelled: Any) -> bool:
    z = np.asarray(values[0], float)
    if function == "softmax_cross_entropy":
        return isinstance(modelled, float) and lt.close_loss(float(got), modelled, z)
    modelled = np.asarray(modelled, float)
    if np.shape(got) != modelled.shape:
        return False
    allowed = (lt.allowed_values(modelled, z) if function == "log_softmax"
               else lt.allowed_grad(modelled, np.asarray(values[1])))
    return not lt.mismatches(np.asarray(got, float), modelled, allowed).any()


def _shape_rules(values: Sequence, got: Any) -> str | None:
    z = np.asarray(values[0], float)
    g = np.asarray(got, float)
    big = lt.logit_scale(z, None) > 700  # exp overflows beyond about 709.78
    if np.isnan(g).any():
        return "softmax_overflow" if big else "nan_result"
    if np.isinf(g).any() and big:
        return "max_not_subtracted"
    return None


def diagnose(function: str, values: Sequence, expected: Any, got: Any) -> str | None:
    """The key of the most likely bug, or ``None``.

    ``expected`` is the reference's answer (an array or a float) and ``got`` the student's,
    already known to differ. A model counts when it reproduces ``got`` and not ``expected``.
    """
    for key, thunk in _models(function, values):
        try:
            with np.errstate(all="ignore"):
                modelled = thunk()
        except (ValueError, IndexError, TypeError, ZeroDivisionError, OverflowError, MemoryError):
            continue
        if (_matches(function, values, got, modelled)
                and not _matches(function, values, expected, modelled)):
            return key
    rule = _shape_rules(values, got)
    if rule:
        return rule
    if function == "softmax_cross_entropy" and isinstance(expected, float):
        if math.isfinite(expected) and math.isfinite(float(got)) and expected != 0:
            rel = abs(float(got) - expected) / abs(expected)
            if 1e-10 < rel < 1e-5:
                return "float32_precision"
    return None
