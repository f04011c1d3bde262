"""How close is close enough for functions of logits, derived from float64 rounding.

The same rule as :mod:`autograder.tolerance`: roundings counted in terms of the number and the
size of the terms, never an absolute constant. Functions of logits round at the *logits' size*,
because a correct float64 computation subtracts logits from each other: ``z_i - max(z)`` or
``z_i - logsumexp(z)`` is exact only up to one rounding of ``max |z|``, not of the result. With
logits of ±1000 that is about 1e-13 on a result that may be -1e-5. So, with ``n`` classes:

- log-softmax entries: ``(n + SLACK)·eps·(|exp| + scale)``, where ``scale`` is the largest
  finite ``|z|`` of the row (a sum of ``n`` exponentials, then a log and a few subtractions);
- the mean loss over ``m`` rows: ``(m + n + SLACK)·eps·(|exp| + scale)``, ``scale`` over the
  whole array;
- gradient entries ``(s - y)/m``: a difference of two numbers in ``[0, 1]`` divided by m, so a
  correct computation errs by a few roundings of 1 over m: ``SLACK·eps·|exp| +
  GRAD_SLACK·eps·w/m`` with ``w`` the largest label-row weight (1 for class indices and
  probability rows). With m = 10^5 rows every entry is below 1e-5, and any absolute allowance
  would let float32 arithmetic through.

``±inf`` must match exactly, ``nan`` never matches. ``SLACK`` and ``GRAD_SLACK`` count roundings
generously (a dozen operations, each at most one unit in the last place); the tightest bug the
catalogue knows (float32) is off by about 1e-7 relative, far outside either bound.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .memo import Memo

EPS = float(np.finfo(float).eps)
SLACK = 16.0
GRAD_SLACK = 64.0

#: The checks' inputs and the reference's answers are read-only arrays built once, so the bounds
#: derived from them are the same for every submission a worker grades: computed once.
_memo = Memo(512)


def logit_scale(z: np.ndarray, axis: int | None = 1) -> np.ndarray | float:
    """The largest finite ``|z|`` per row (``axis=1``, kept as a column) or overall (``None``)."""
    return _memo(_logit_scale, z, axis)


def _logit_scale(z: np.ndarray, axis: int | None) -> np.ndarray | float:
    finite = np.where(np.isfinite(z), np.abs(z), 0.0)
    if axis is None:
        return float(finite.max(initial=0.0))
    return finite.max(axis=axis, keepdims=True, initial=0.0)


def _classes(z: np.ndarray) -> int:
    return int(z.shape[-1]) if z.ndim else 1


def allowed_values(exp: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Per-entry allowance for log-softmax values."""
    return _memo(_allowed_values, exp, z)


def _allowed_values(exp: np.ndarray, z: np.ndarray) -> np.ndarray:
    return (_classes(z) + SLACK) * EPS * (np.abs(exp) + logit_scale(z))


def allowed_loss(exp: float, z: np.ndarray) -> float:
    """Allowance for the mean loss."""
    rows = int(z.shape[0]) if z.ndim > 1 else 1
    return (rows + _classes(z) + SLACK) * EPS * (abs(exp) + logit_scale(z, None))


def allowed_grad(exp: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per-entry allowance for gradient entries."""
    return _memo(_allowed_grad, exp, labels)


def _allowed_grad(exp: np.ndarray, labels: np.ndarray) -> np.ndarray:
    m = exp.shape[0]
    weight = 1.0 if labels.ndim == 1 else max(1.0, float(np.abs(labels).sum(axis=1).max()))
    return SLACK * EPS * np.abs(exp) + GRAD_SLACK * EPS * weight / m


def mismatches(got: np.ndarray, exp: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Boolean mask of entries that do not match (infinities exact, nan never).

    Most comparisons match everywhere: that is settled in two passes over the arrays when the
    expected values and the allowance are finite (then ``|got - exp| <= allowed`` holds only
    for a finite ``got`` close enough); the mask is built only when some entry is off.
    """
    if _finite(exp) and _finite(allowed):
        with np.errstate(invalid="ignore", over="ignore"):
            gap = np.subtract(got, exp)
            np.abs(gap, out=gap)
            if (gap <= allowed).all():
                return np.zeros(np.broadcast_shapes(gap.shape, np.shape(allowed)), bool)
    with np.errstate(invalid="ignore"):
        inf = np.isinf(exp) | np.isinf(got)
        bad = np.isnan(got) | np.isnan(exp)
        bad |= inf & (got != exp)
        bad |= ~inf & ~(np.abs(got - exp) <= allowed)
    return bad & ~(inf & (got == exp))


def _finite(a: Any) -> bool:
    return bool(_memo(_all_finite, a)) if isinstance(a, np.ndarray) else bool(np.isfinite(a).all())


def _all_finite(a: np.ndarray) -> bool:
    return bool(np.isfinite(a).all())


def close_loss(got: float, exp: float, z: np.ndarray) -> bool:
    if np.isnan(got) or np.isnan(exp):
        return False
    if np.isinf(got) or np.isinf(exp):
        return got == exp
    return abs(got - exp) <= allowed_loss(exp, z)
