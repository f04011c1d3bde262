"""Checks for ``bernoulli_mle(x)``: the fraction of ones, which minimises cross-entropy."""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from .. import diagnosis, tolerance
from ..cases import make_case
from .base import Check, Verdict

F = "bernoulli_mle"
case = partial(make_case, F, ("x",), dtypes={"x": "int64"})


def _bernoulli_cross_entropy(ones: float, theta: float) -> float:
    """H(p_hat, Bernoulli(theta)) for a sample with a fraction ``ones`` of ones (0 log 0 = 0).

    The judge's own arithmetic on the student's theta: the reference is asked only about the
    case's samples, so a student's copy can answer from recorded data.
    """
    total = 0.0
    for w, t in ((ones, theta), (1.0 - ones, 1.0 - theta)):
        if w > 0:
            total -= w * math.log(t) if t > 0 else -math.inf
    return total


def _argmin(c, got, reference):
    """No theta in [0, 1] has a lower cross-entropy with the data than the student's estimate."""
    (x,) = c.values
    best = float(reference.bernoulli_mle(x))
    ones = float(np.count_nonzero(x)) / len(x)
    lowest = _bernoulli_cross_entropy(ones, best)
    inside = 0.0 <= got <= 1.0
    yours = _bernoulli_cross_entropy(ones, got) if inside else math.nan
    slack = (tolerance.bernoulli_cross_entropy_error(ones, best)
             + tolerance.bernoulli_cross_entropy_error(ones, got)) if inside else 0.0
    if inside and yours <= lowest + slack:
        return None
    return Verdict(best, diagnosis.diagnose(F, c.values, best, got, reference=reference),
                   f"The cross-entropy between the data and Bernoulli(theta) is {lowest!r} at "
                   f"theta = {best!r} and {yours!r} at your estimate; maximising likelihood "
                   f"and minimising cross-entropy pick the same theta.")


CHECKS = (
    Check("bernoulli_mle.basic", F, 3, about="the fraction of ones", cases=(
        case(x="[1, 0, 1, 1]", note="(= 3/4)"),
        case(x="[1, 0, 0]", note="(= 1/3)"),
        case(x="[0, 1, 1, 0, 1, 0, 1, 1, 1, 0]", note="(= 6/10)"),
    )),
    Check("bernoulli_mle.all_same", F, 2, about="all zeros or all ones: the MLE sits on the boundary",
          cases=(
        case(x="[0, 0, 0, 0]", note="(no ones)"),
        case(x="[1, 1, 1]", note="(no zeros)"),
    )),
    Check("bernoulli_mle.large_sample", F, 2, about="10^5 samples, exactly", cases=(
        case(x="(np.random.default_rng(2).random(10**5) < 0.37).astype(int)",
             about={"x": "10^5 draws"}),
    )),
    Check("bernoulli_mle.argmin_cross_entropy", F, 2, judge=_argmin,
          about="the estimate minimises the cross-entropy with the data", cases=(
        case(x="[1, 0, 0, 1, 1, 0, 1]"),
        case(x="(np.arange(999) % 3 == 0).astype(int)", about={"x": "999 draws, 333 ones"}),
    )),
    Check("bernoulli_mle.random", F, 1, draws="samples", hidden=True,
          about="random samples against the reference"),
)
