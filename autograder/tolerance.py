"""The tolerance policy, derived from float64 rounding and written down once.

Every comparison a check makes goes through this module: a maintainer changes a tolerance here
and nowhere else, and the README's table stays true.

The rule
--------
A student value ``got`` matches the reference value ``exp`` on the inputs ``values`` when

    |got − exp| ≤ allowed_error(function, values)

``+inf`` and ``−inf`` must match exactly and ``nan`` never matches (no function of the student
API returns ``nan`` for valid input). The bound depends on the *inputs*, never on the answer: it
is what float64 rounding can do to a correct computation of the same terms.

Where it comes from
-------------------
Each function is a sum of ``m`` terms ``t_i`` (a weight times a log). Computed in float64 by
any correct method, a term carries a few roundings relative to its own size (a log is good to
about one unit in the last place, each product, quotient and change of base adds half of one),
and summing ``m`` terms in any order adds at most ``(m − 1)·u·Σ|t_i|`` (Higham, *Accuracy and
Stability of Numerical Algorithms*, §4.2), with ``u = 2**-53``. So a correct value is within

    (m + R)·u·M + u·A                                               (1)

of the exact one, ``R = ROUNDINGS_PER_TERM``, ``M = Σ|t_i|`` the *magnitude of the terms* and
``A`` the absolute error some correct methods make on a term whatever its size, one rounding
each: ``log(1/p)`` and ``log(p/q)`` round the quotient, ``log(1 − ŷ)`` rounds ``1 − ŷ``.

==========================  ===========================================  ==================
function                    magnitude of term ``i``                      ``A``
==========================  ===========================================  ==================
entropy                     ``p·|log p|`` (over ``|log base|``)          ``Σ p`` for ``p<1``
kl_divergence               ``p·(|log p| + |log q|)``: computed as       ``Σ p`` where
                            ``log p − log q`` it cancels; ``0`` where    ``p ≠ q``
                            ``p = q``
cross_entropy               ``p·|log q|``, and where ``p ≠ q`` also      ``Σ p`` where
                            ``p·(2|log p| + |log q|)``: computed as      ``p ≠ q``
                            ``H(p) + D(p‖q)``
binary_cross_entropy        ``y·|log ŷ| + (1 − y)·|log(1 − ŷ)|``, the    ``1 − y`` where
                            mean over ``n``                              ``0 < ŷ < 1/2``
bernoulli_log_likelihood    ``k·|log θ| + (n − k)·|log(1 − θ)|``,        ``n − k`` if
                            ``m = n`` (a sum over samples)               ``0 < θ < 1/2``
bernoulli_mle               ``k/n``: the sum of 0/1 values is exact,     —
                            one division rounds
==========================  ===========================================  ==================

Two more sources enter where correct code has them. Implementations that normalise their input
first (``scipy.stats.entropy`` does) compute ``H(p/s)`` with ``s`` the float sum of ``p``; since
``H(p/s) − H(p) ≈ (s − 1)·(Σ p − H)``, that adds ``δ·(M + Σ p)`` with
``δ = |fsum(p) − 1| + k·u`` for ``k > 2`` nonzero entries, and ``|fsum(p) − 1|`` for one or two
(zeros add exactly; two entries are rounded once, the same in any order). And a result in the subnormal range is graded in absolute terms: each
rounding there is worth ``2**-1074``.

The comparison allows twice the bound: once for the student's rounding, once for the
reference's. Consequences, all intended:

- exact zeros stay exact: a certain outcome (``p`` all 0 and 1), ``D(p‖p)``, a confident and right
  prediction and a log-likelihood of ``θ = 0`` with no ones have every term exactly ``0`` in any
  correct float64 code, so ``M = 0`` and the answer must be ``0.0`` (``−0.0`` also passes: the
  sign of zero is not graded);
- an ``eps`` inside a log shows wherever the answer is small: ``entropy([1e-12, 1 - 1e-12])`` is
  ``2.86e-11`` and may move by about ``4e-16``, not by the ``2e-15`` that ``log(p + 1e-15)`` adds;
- the slack relative to the answer is about ``2·(m + R)·u``: 3e-15 to 5e-15 for a few terms,
  5e-10 for 10^6 (with the normalisation term); float32 arithmetic is off by 1e-8 or more.

Identities are judged with the bounds of both sides added (see the checks), and
:func:`close` without a bound is the looser rule bug models are recognised by, never a grade.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from .memo import Memo

#: Unit roundoff of float64: a correctly rounded operation is off by at most this, relatively.
UNIT = 2.0 ** -53
#: Roundings a correct method spends on one term: the log (2: good to one ulp), the product,
#: a base change (log of the base and a division: 3) and a rescaling such as ``log2 → ln`` (2).
ROUNDINGS_PER_TERM = 8
#: One rounding in the subnormal range: results that small are graded in absolute terms.
SUBNORMAL_STEP = 2.0 ** -1074
#: The student's rounding and the reference's.
SIDES = 2

#: Recognising a bug model's output (diagnosis), never grading: |a − b| ≤ 1e-12 + 1e-9·|b|.
MATCH_ATOL = 1e-12
MATCH_RTOL = 1e-9


# ------------------------------------------------------------------------------ comparing


def close(got: float, exp: float, allowed: float | None = None) -> bool:
    """True when ``got`` matches ``exp`` within ``allowed`` (infinities exactly, nan never).

    Without ``allowed``, the loose rule diagnoses use to tell whether a bug model reproduces
    a number (:data:`MATCH_ATOL`, :data:`MATCH_RTOL`); grading always passes a bound.
    """
    if math.isnan(got) or math.isnan(exp):
        return False
    if math.isinf(exp) or math.isinf(got):
        return got == exp
    if allowed is None:
        allowed = MATCH_ATOL + MATCH_RTOL * abs(exp)
    return abs(got - exp) <= allowed


def matches(function: str, values: Sequence[Any], got: float, exp: float) -> bool:
    """The grading rule: ``got`` is the right answer of ``function(*values)``, given ``exp``."""
    return close(got, exp, allowed_error(function, values))


def ratio(function: str, values: Sequence[Any], got: float, exp: float) -> float:
    """Observed error over allowed error (``> 1`` fails); ``0`` when equal, ``inf`` for a miss
    that no bound covers (a wrong infinity, a nan, a nonzero value where zero is exact)."""
    if got == exp:
        return 0.0
    if not (math.isfinite(got) and math.isfinite(exp)):
        return math.inf
    allowed = allowed_error(function, values)
    return abs(got - exp) / allowed if allowed > 0 else math.inf


def relative_error(got: float, exp: float) -> float:
    """``|got − exp| / |exp|`` (``inf`` when they differ and ``exp`` is 0 or either is infinite)."""
    if got == exp:
        return 0.0
    if math.isnan(got) or math.isnan(exp) or math.isinf(got) or math.isinf(exp) or exp == 0:
        return math.inf
    return abs(got - exp) / abs(exp)


# ------------------------------------------------------------------------------ identities


def rounding(value: float) -> float:
    """One more rounding of ``value`` on each side (a product or quotient of the results)."""
    return SIDES * UNIT * abs(value)


def within_bound(value: float, upper: float, allowed: float) -> bool:
    """``value ≤ upper`` up to ``allowed`` plus the rounding of ``upper`` itself."""
    return value <= upper + allowed + rounding(upper)


def gibbs_holds(divergence: float, allowed: float) -> bool:
    """``D ≥ 0`` up to the rounding a correct ``D`` may carry (``allowed``)."""
    return divergence >= -allowed


def bernoulli_cross_entropy_error(ones: float, theta: float) -> float:
    """Rounding of ``−[a·log θ + (1 − a)·log(1 − θ)]`` computed as two terms with ``math.log``."""
    magnitude = 0.0
    for w, t in ((ones, theta), (1.0 - ones, 1.0 - theta)):
        if w > 0 and t > 0:  # at t = 0 the value is +inf, compared exactly
            magnitude += w * (abs(math.log(t)) + 1.0)
    return (2 + ROUNDINGS_PER_TERM) * UNIT * magnitude


# ------------------------------------------------------------------------------ the bounds


def _floats(v: Any) -> np.ndarray:
    return np.asarray(v, dtype=float).ravel()


def _abs_log(x: np.ndarray) -> np.ndarray:
    """``|log x|`` elementwise, quietly (``inf`` at 0; callers weight it by zero or use it)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.abs(np.log(x))


def _normalisation_shift(p: np.ndarray) -> float:
    """How far a float sum of ``p`` may be from 1.

    Zeros add exactly, and a sum of one or two nonzero entries is rounded once, so it equals
    ``fsum(p)`` (the correctly rounded exact sum) in any order; with ``k > 2`` the order
    matters, and each of the ``k`` additions may round by ``u``.
    """
    k = int(np.count_nonzero(p))
    return abs(math.fsum(p.tolist()) - 1.0) + (k * UNIT if k > 2 else 0.0)


def _bound(terms: int, magnitude: float, absolute: float = 0.0, extra: float = 0.0) -> float:
    """Twice (1) plus ``u·absolute`` and ``extra``, with the subnormal floor: the allowed error."""
    if magnitude == 0.0 and absolute == 0.0 and extra == 0.0:
        return 0.0
    if not math.isfinite(magnitude + absolute + extra):
        return 0.0  # an infinite term: the answer is an infinity, matched exactly
    one = ((terms + ROUNDINGS_PER_TERM) * (UNIT * magnitude + SUBNORMAL_STEP)
           + UNIT * absolute + extra)
    return SIDES * one


def _entropy(p: Any, base: Any = None) -> float:
    p = _floats(p)
    w = p[p > 0]
    magnitude = float(np.sum(w * _abs_log(w)))
    absolute = float(np.sum(w[w < 1.0]))  # p·log(1/p) rounds 1/p
    shift = _normalisation_shift(p) * (magnitude + float(w.sum()))
    scale = 1.0 if base is None else 1.0 / abs(math.log(float(base)))
    return _bound(w.size, magnitude * scale, absolute * scale, shift * scale)


def _kl_divergence(p: Any, q: Any) -> float:
    p, q = _floats(p), _floats(q)
    if np.array_equal(p, q):
        return 0.0  # every term is p·log 1 = 0: exactly zero in any correct code
    s = p > 0
    if np.any(q[s] == 0):
        return 0.0  # +inf
    ps, qs = p[s], q[s]
    differ = ps != qs
    magnitude = float(np.sum(np.where(differ, ps * (_abs_log(ps) + _abs_log(qs)), 0.0)))
    absolute = float(np.sum(ps[differ]))  # log(p/q) rounds p/q
    shift = (_normalisation_shift(p) + _normalisation_shift(q)) * (magnitude + float(ps.sum()))
    return _bound(2 * int(s.sum()), magnitude, absolute, shift)


def _cross_entropy(p: Any, q: Any) -> float:
    p, q = _floats(p), _floats(q)
    s = p > 0
    if np.any(q[s] == 0):
        return 0.0  # +inf
    ps, qs = p[s], q[s]
    lp, lq = _abs_log(ps), _abs_log(qs)
    differ = ps != qs
    magnitude = float(np.sum(ps * lq + np.where(differ, ps * (2.0 * lp + lq), 0.0)))
    absolute = float(np.sum(ps[differ]))  # H(p) + D(p||q) with D from log(p/q)
    return _bound(3 * int(s.sum()), magnitude, absolute)


def _binary_cross_entropy(y: Any, y_hat: Any) -> float:
    y, t = _floats(y), _floats(y_hat)
    if np.any((y > 0) & (t == 0)) or np.any((y < 1) & (t == 1)):
        return 0.0  # +inf
    n = max(y.size, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        hit = np.where(y > 0, y * _abs_log(t), 0.0)
        miss = np.where(y < 1, (1.0 - y) * np.abs(np.log1p(-t)), 0.0)
    rounded = np.where((y < 1) & (t > 0) & (t < 0.5), 1.0 - y, 0.0)  # log(1 - y_hat)
    return _bound(y.size, float(np.sum(hit + miss)) / n, float(np.sum(rounded)) / n)


def _bernoulli_log_likelihood(x: Any, theta: Any) -> float:
    x = np.asarray(x).ravel()
    n, k = x.size, int(np.count_nonzero(x))
    theta = float(theta)
    if (k and theta == 0.0) or (n - k and theta == 1.0):
        return 0.0  # −inf
    magnitude = absolute = 0.0
    if k:
        magnitude += k * abs(math.log(theta))
    if n - k:
        magnitude += (n - k) * abs(math.log1p(-theta))
        absolute += (n - k) * (0.0 < theta < 0.5)  # log(1 - theta) rounds 1 - theta
    return _bound(n, magnitude, absolute)


def _bernoulli_mle(x: Any) -> float:
    x = np.asarray(x).ravel()
    return _bound(1, float(np.count_nonzero(x)) / max(x.size, 1))


_BOUNDS = {
    "entropy": _entropy,
    "kl_divergence": _kl_divergence,
    "cross_entropy": _cross_entropy,
    "binary_cross_entropy": _binary_cross_entropy,
    "bernoulli_log_likelihood": _bernoulli_log_likelihood,
    "bernoulli_mle": _bernoulli_mle,
}


_BOUNDS_KNOWN = Memo(4096)


def allowed_error(function: str, values: Sequence[Any]) -> float:
    """The largest ``|got − exp|`` a correct ``function(*values)`` may show (``0``: exact).

    ``0`` also where the answer is an infinity (infinities match exactly). Computed once per
    process for a check's read-only inputs (:class:`~autograder.memo.Memo`), and reused for
    every submission a batch worker grades.
    """
    try:
        bound = _BOUNDS[function]
    except KeyError:
        raise ValueError(f"no tolerance is derived for {function!r}") from None
    return _BOUNDS_KNOWN(bound, *values)
