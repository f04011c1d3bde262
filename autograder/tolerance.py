"""The tolerance policy, written down once.

Every comparison the grader makes goes through this module, so a maintainer changes a tolerance
in one place and the README's table stays true.

Rule (DESIGN.md): a student value ``got`` matches the reference value ``exp`` when

    |got − exp| ≤ ATOL + RTOL·|exp|

with ``ATOL = 1e-12`` and ``RTOL = 1e-9``; ``+inf`` and ``−inf`` must match exactly; ``nan`` never
matches (no function of the student API returns ``nan`` for valid input).

Why these numbers: every correct float64 implementation we tried (loops, ``math.fsum``, masks,
``xlogy``, ``log2`` rescaled) stays within about 1e-11 relative of the exact value, and the smallest
real bug we know (computing in float32) is off by more than 2e-9 relative. The absolute part lets a
value that should be 0 be a few ulps away from it, and keeps subnormal results from being graded on
relative accuracy.
"""

from __future__ import annotations

import math

ATOL = 1e-12
RTOL = 1e-9

#: Slack for "H(p) ≤ log n": relative, so it scales with log n.
BOUND_RTOL = 1e-10
#: Slack for Gibbs' inequality: ``D ≥ −GIBBS_ATOL·(1 + H(p, q))``.
GIBBS_ATOL = 1e-12


def close(got: float, exp: float) -> bool:
    """True when ``got`` matches ``exp`` under the default policy."""
    if math.isnan(got) or math.isnan(exp):
        return False
    if math.isinf(exp) or math.isinf(got):
        return got == exp
    return abs(got - exp) <= ATOL + RTOL * abs(exp)


def allowed_error(exp: float) -> float:
    """The largest ``|got − exp|`` that still passes (``0`` for infinities)."""
    if math.isinf(exp) or math.isnan(exp):
        return 0.0
    return ATOL + RTOL * abs(exp)


def relative_error(got: float, exp: float) -> float:
    """``|got − exp| / |exp|`` (``inf`` when they differ and ``exp`` is 0 or either is infinite)."""
    if got == exp:
        return 0.0
    if math.isnan(got) or math.isnan(exp) or math.isinf(got) or math.isinf(exp) or exp == 0:
        return math.inf
    return abs(got - exp) / abs(exp)


def within_bound(value: float, upper: float) -> bool:
    """``value ≤ upper`` with the relative slack of :data:`BOUND_RTOL`."""
    return value <= upper + BOUND_RTOL * abs(upper) + ATOL


def gibbs_holds(divergence: float, cross_entropy: float) -> bool:
    """``D ≥ −GIBBS_ATOL·(1 + H(p, q))``: non-negativity up to rounding."""
    return divergence >= -GIBBS_ATOL * (1.0 + abs(cross_entropy))
