"""Name the bug behind a wrong answer.

When a student's value disagrees with the reference, we replay the same input through *bug
models*: small vectorised versions of the mistakes students make (arguments swapped, mean
instead of sum, log of a product, Laplace smoothing, …). The first model whose output matches the
student's value within tolerance names the bug. Where no model reproduces the exact value, a few
shape rules (nan with zeros in the input, finite where +inf was expected, float32-sized error)
still say something specific. Keys are worded in :mod:`autograder.wording`.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np

from . import tolerance

Model = Callable[..., float]


def _quiet(fn: Model) -> Model:
    def run(*args):
        with np.errstate(all="ignore"):
            return float(fn(*args))
    return run


def _xlogy(x, y):
    """x·log y with 0·log y = 0 (the convention every quantity here uses)."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    out = np.zeros(np.broadcast(x, y).shape)
    m = np.broadcast_to(x != 0, out.shape)
    np.multiply(x, np.log(y, where=m, out=np.zeros(out.shape)), out=out, where=m)
    return out


def _entropy(p):
    return -np.sum(_xlogy(p, p))


def _cross(p, q):
    return -np.sum(_xlogy(p, q))


def _kl(p, q):
    return _cross(p, q) - _entropy(p) if np.isfinite(_cross(p, q)) else math.inf


def _bce(y, yh):
    return -np.mean(_xlogy(y, yh) + _xlogy(1 - y, 1 - yh))


def _loglik(x, t):
    k = float(np.count_nonzero(x))
    n = float(np.size(x))
    return float(_xlogy(k, t) + _xlogy(n - k, 1 - t))


def _naive_entropy(p):
    return -np.sum(p * np.log(p))


def _entropy_models(p, base=None) -> list[tuple[str, Model]]:
    h = _entropy(p)
    if base is None:
        models = [("wrong_base_conversion", lambda: h / math.log(2))]
    else:  # base mistakes first: with n = base, h / base is also "mean instead of sum"
        models = [
            ("ignored_base", lambda: h),
            ("wrong_base_conversion", lambda: h / base),
            ("wrong_base_conversion", lambda: h / math.log(2)),
        ]
    return models + [
        ("missing_minus_sign", lambda: -h),
        ("mean_instead_of_sum", lambda: h / np.size(p)),
    ]


def _kl_models(p, q) -> list[tuple[str, Model]]:
    return [
        ("swapped_arguments", lambda: _kl(q, p)),
        ("symmetrised", lambda: _kl(p, q) + _kl(q, p)),
        ("symmetrised", lambda: (_kl(p, q) + _kl(q, p)) / 2),
        ("symmetrised", lambda: np.sum(np.abs(_xlogy(p, p) - _xlogy(p, q)))),
        ("skips_support_mismatch", lambda: _kl(p[q > 0], q[q > 0])),
        ("missing_minus_sign", lambda: -_kl(p, q)),
        ("mean_instead_of_sum", lambda: _kl(p, q) / np.size(p)),
        ("wrong_base_conversion", lambda: _kl(p, q) / math.log(2)),
    ]


def _cross_models(p, q) -> list[tuple[str, Model]]:
    return [
        ("swapped_arguments", lambda: _cross(q, p)),
        ("argmax_target", lambda: -np.log(q[np.argmax(p)])),
        ("skips_support_mismatch", lambda: _cross(p[q > 0], q[q > 0])),
        ("missing_minus_sign", lambda: -_cross(p, q)),
        ("mean_instead_of_sum", lambda: _cross(p, q) / np.size(p)),
        ("wrong_base_conversion", lambda: _cross(p, q) / math.log(2)),
    ]


def _bce_models(y, yh) -> list[tuple[str, Model]]:
    return [
        ("sum_instead_of_mean", lambda: _bce(y, yh) * np.size(y)),
        ("swapped_arguments", lambda: _bce(yh, y)),
        ("missing_complement_term", lambda: -np.mean(_xlogy(y, yh))),
        ("missing_minus_sign", lambda: -_bce(y, yh)),
        ("log_of_product", lambda: -np.log(np.prod(np.where(y == 1, yh, 1 - yh))) / np.size(y)),
        ("wrong_base_conversion", lambda: _bce(y, yh) / math.log(2)),
    ]


def _loglik_models(x, t) -> list[tuple[str, Model]]:
    n = np.size(x)
    return [
        ("mean_instead_of_sum", lambda: _loglik(x, t) / n),
        ("ignores_zero_samples", lambda: _xlogy(float(np.count_nonzero(x)), t)),
        ("missing_minus_sign", lambda: -_loglik(x, t)),
        ("log_of_product", lambda: np.log(np.prod(np.where(x == 1, t, 1 - t)))),
        ("wrong_base_conversion", lambda: _loglik(x, t) / math.log(2)),
    ]


def _mle_models(x) -> list[tuple[str, Model]]:
    k = float(np.count_nonzero(x))
    n = float(np.size(x))
    return [
        ("laplace_smoothing", lambda: (k + 1) / (n + 2)),
        ("count_not_proportion", lambda: k),
        ("integer_arithmetic", lambda: k // n),
        ("integer_arithmetic", lambda: round(k / n)),
    ]


_MODELS: dict[str, Callable[..., list[tuple[str, Model]]]] = {
    "entropy": _entropy_models,
    "kl_divergence": _kl_models,
    "cross_entropy": _cross_models,
    "binary_cross_entropy": _bce_models,
    "bernoulli_log_likelihood": _loglik_models,
    "bernoulli_mle": _mle_models,
}


def _has_zero_or_tiny(values: Sequence) -> tuple[bool, bool]:
    zero = tiny = False
    for v in values:
        if isinstance(v, np.ndarray) and v.dtype.kind == "f":
            zero |= bool(np.any(v == 0) or np.any(v == 1))
            tiny |= bool(np.any((v > 0) & (v < 1e-12)) or np.any((v < 1) & (v > 1 - 1e-12)))
        elif isinstance(v, float):
            zero |= v in (0.0, 1.0)
            tiny |= 0 < v < 1e-12 or 1 - 1e-12 < v < 1
    return zero, tiny


def diagnose(function: str, values: Sequence, expected: float, got: float,
             others: Sequence[tuple[float, float]] = ()) -> str | None:
    """The key of the most likely bug, or ``None`` when nothing specific fits.

    ``values`` are the arguments of the failing call; ``others`` are ``(expected, got)`` pairs
    the student produced earlier in the same check (to spot a hard-coded answer).
    """
    if math.isnan(got):
        zero, _ = _has_zero_or_tiny(values)
        return "nan_from_zero" if zero else "nan_result"
    for key, model in _MODELS.get(function, lambda *a: [])(*values):
        try:
            modelled = _quiet(model)()
        except (ValueError, IndexError, ZeroDivisionError, OverflowError):
            continue
        if not tolerance.close(modelled, expected) and tolerance.close(got, modelled):
            return key
    for exp_other, got_other in others:
        if got_other == got and not tolerance.close(exp_other, expected):
            return "hard_coded"
    zero, tiny = _has_zero_or_tiny(values)
    if math.isinf(expected) and math.isfinite(got):
        return "epsilon_clipping" if got != 0 else "swallowed_error"
    if math.isinf(got) and math.isfinite(expected):
        return "log_of_product" if function in ("bernoulli_log_likelihood",
                                                 "binary_cross_entropy") else "unexpected_infinity"
    if got == 0.0 and expected != 0.0:
        return "swallowed_error"
    rel = tolerance.relative_error(got, expected)
    if (zero or tiny) and (rel < 1e-2 or abs(got - expected) < 1e-6):
        return "epsilon_clipping"
    if function == "bernoulli_mle" and abs(got - expected) < 0.02:
        return "coarse_optimiser"
    if 1e-10 < rel < 1e-5:
        return "float32_precision"
    return None


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
