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

from . import diagnosis_softmax, tolerance

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
    unit = 1.0 if base is None else math.log(base)
    return models + [
        ("missing_minus_sign", lambda: -h),
        ("mean_instead_of_sum", lambda: h / np.size(p)),
        ("assumes_uniform", lambda: math.log(np.size(p)) / unit),
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
        # before the swap: both give +inf on large samples, only a product underflows there
        ("log_of_product", lambda: -np.log(np.prod(np.where(y == 1, yh, 1 - yh))) / np.size(y)),
        ("swapped_arguments", lambda: _bce(yh, y)),
        ("missing_complement_term", lambda: -np.mean(_xlogy(y, yh))),
        ("argmax_target", lambda: _bce((y > 0.5).astype(float), yh)),
        ("missing_minus_sign", lambda: -_bce(y, yh)),
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
    ] + [
        # a grid of step 10^-d and rounding to d decimals give the same number: at 1-3 decimals
        # a grid search is the likelier cause, beyond that an explicit round()
        ("coarse_optimiser" if d <= 3 else "rounded_result", (lambda d: lambda: round(k / n, d))(d))
        for d in range(1, 9)
    ]


#: Exact versions of each function, used to model float32 arithmetic and epsilon clipping.
_EXACT: dict[str, Callable[..., float]] = {
    "entropy": lambda p, base=None: _entropy(p) / (1.0 if base is None else math.log(base)),
    "kl_divergence": _kl,
    "cross_entropy": _cross,
    "binary_cross_entropy": _bce,
    "bernoulli_log_likelihood": _loglik,
    "bernoulli_mle": lambda x: float(np.count_nonzero(x)) / np.size(x),
}

#: Epsilons students add to probabilities before taking logs.
EPSILONS = (1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6)


def _in_float32(function: str, values: Sequence) -> float:
    """The function computed from float32 inputs in float32 arithmetic (sums in float64 order)."""
    cast = [np.asarray(v, np.float32) if isinstance(v, np.ndarray) and v.dtype.kind == "f"
            else np.float32(v) if isinstance(v, float) else v for v in values]
    with np.errstate(all="ignore"):
        if function == "entropy":
            p = cast[0]
            h = -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0), dtype=np.float32)
            return float(h / (np.float32(1) if len(cast) < 2 or cast[1] is None
                              else np.log(np.float32(cast[1]))))
        if function == "bernoulli_log_likelihood":
            x, t = cast
            x = np.asarray(x, np.float32)
            return float(np.sum(x * np.log(t) + (1 - x) * np.log(np.float32(1) - t),
                                dtype=np.float32))
    return math.nan


def _epsilon_models(function: str, values: Sequence) -> list[tuple[str, Model]]:
    """The exact function applied to inputs moved away from 0 (and 1) by an epsilon."""
    exact = _EXACT[function]
    floats = [i for i, v in enumerate(values) if isinstance(v, np.ndarray) and v.dtype.kind == "f"
              or isinstance(v, float)]
    if function == "bernoulli_log_likelihood":
        floats = [1]  # theta is the probability; x are counts
    models = []
    for eps in EPSILONS:
        for how in ("add", "clip"):
            def model(eps=eps, how=how):
                moved = list(values)
                for i in floats:
                    v = np.asarray(values[i], float)
                    moved[i] = (v + eps) if how == "add" else np.clip(v, eps, 1 - eps)
                    if isinstance(values[i], float):
                        moved[i] = float(moved[i])
                return exact(*moved)
            models.append(("epsilon_clipping", model))
    return models


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
    the student produced earlier in the same check (to spot a hard-coded answer). A bug model
    counts only when it reproduces a finite value: matching +inf or -inf is too common to name
    a bug by.
    """
    if function in diagnosis_softmax.FUNCTIONS:  # notebook 4: models kept with the reference
        return diagnosis_softmax.diagnose(function, values, expected, got)
    if math.isnan(got):
        zero, _ = _has_zero_or_tiny(values)
        return "nan_from_zero" if zero else "nan_result"
    models = _MODELS.get(function, lambda *a: [])(*values)
    infinite: list[tuple[str, float]] = []
    for key, model in models + _epsilon_models(function, values):
        try:
            modelled = _quiet(model)()
        except (ValueError, IndexError, ZeroDivisionError, OverflowError, TypeError):
            continue
        if tolerance.close(modelled, expected) or not tolerance.close(got, modelled):
            continue
        if math.isfinite(modelled):
            return key
        infinite.append((key, modelled))
    if infinite:  # only infinite models matched: the first (most specific) one names it
        return infinite[0][0]
    if math.isfinite(expected):
        for exp_other, got_other in others:
            if got_other == got and not tolerance.close(exp_other, expected):
                return "hard_coded"
    zero, tiny = _has_zero_or_tiny(values)
    rel = tolerance.relative_error(got, expected)
    single = _in_float32(function, values)
    if 1e-10 < rel < 1e-4 and math.isfinite(single) and abs(got - single) <= 1e-5 * abs(single):
        return "float32_precision"
    if math.isinf(expected) and math.isfinite(got):
        return "epsilon_clipping" if got != 0 else "swallowed_error"
    if math.isinf(got) and math.isfinite(expected):
        return "log_of_product" if function in ("bernoulli_log_likelihood",
                                                 "binary_cross_entropy") else "unexpected_infinity"
    if got == 0.0 and expected != 0.0:
        return "swallowed_error"
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
