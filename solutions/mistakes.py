"""Bug models: what each typical mistake computes, for the grader to compare with a student's number.

Every model is a small vectorised version of a mistake students make (arguments swapped, mean
instead of sum, log of a product, an epsilon in the log, ``np.nan_to_num``, ``scipy.stats.entropy``
used for cross-entropy, …). The models are built on working formulas, so they live here, in the
answer key, and never in the grader: :func:`bug_models` returns numbers only, and
``autograder.diagnosis`` decides which of them, if any, reproduces the student's value.

On the students' copy, which does not ship this package, the same numbers are read from
``autograder/data/public.json``, recorded for every public case when the casebook is built.

A model's key names a diagnosis worded in ``autograder/wording.py``. Order matters: the grader
takes the first model that matches, so more specific models come first. ``float32_precision``
is a model of its own kind: float32 arithmetic, matched more loosely by the grader.
"""

from __future__ import annotations

import math
from typing import Callable, Iterator

import numpy as np

Model = Callable[[], float]

#: Epsilons students add to probabilities, or clip them to, before taking logs.
EPSILONS = (1e-15, 2.220446049250313e-16, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5)
#: Block sizes of a product taken in pieces before the log (``np.prod`` over chunks).
BLOCKS = (50, 64, 100, 128, 200, 256, 500, 512, 1000)
#: PyTorch's BCELoss clamps each log at this value.
TORCH_LOG_FLOOR = -100.0


def _xlogy(x, y, dt=float):
    """x·log y with 0·log y = 0 (the convention every quantity here uses)."""
    x = np.asarray(x, dt)
    y = np.asarray(y, dt)
    shape = np.broadcast(x, y).shape
    out = np.zeros(shape, dt)
    m = np.broadcast_to(x != 0, shape)
    np.multiply(x, np.log(y, where=m, out=np.zeros(shape, dt)), out=out, where=m)
    return out


def _entropy(p, dt=float):
    return -np.sum(_xlogy(p, p, dt), dtype=dt)


def _cross(p, q, dt=float):
    return -np.sum(_xlogy(p, q, dt), dtype=dt)


def _kl(p, q, dt=float):
    c = _cross(p, q, dt)
    return c - _entropy(p, dt) if np.isfinite(c) else math.inf


def _bce(y, yh, dt=float):
    y, yh = np.asarray(y, dt), np.asarray(yh, dt)
    return -np.mean(_xlogy(y, yh, dt) + _xlogy(1 - y, 1 - yh, dt), dtype=dt)


def _counts(x) -> tuple[float, float]:
    return float(np.count_nonzero(x)), float(np.size(x))


def _loglik(x, t, dt=float):
    k, n = _counts(x)
    t = dt(t)
    return float(_xlogy(k, t, dt) + _xlogy(n - k, 1 - t, dt))


def _h(p, base):
    return _entropy(p) / (1.0 if base is None else math.log(base))


#: The exact functions, to which the epsilon and float32 models apply their change.
EXACT: dict[str, Callable[..., float]] = {
    "entropy": lambda p, base=None, dt=float: _entropy(p, dt) / (
        1.0 if base is None else math.log(base)),
    "kl_divergence": _kl,
    "cross_entropy": _cross,
    "binary_cross_entropy": _bce,
    "bernoulli_log_likelihood": _loglik,
    "bernoulli_mle": lambda x, dt=float: _counts(x)[0] / _counts(x)[1],
}


def _any_log_zero(*arrays) -> bool:
    return any(bool(np.any(np.asarray(a, float) == 0)) for a in arrays)


def _blocks(probabilities: np.ndarray, size: int) -> float:
    """log of the product taken over blocks of ``size`` consecutive terms, summed."""
    total = 0.0
    for start in range(0, probabilities.size, size):
        total += math.log(float(np.prod(probabilities[start:start + size]))) if np.prod(
            probabilities[start:start + size]) > 0 else -math.inf
    return total


# ------------------------------------------------------------------------------ per function


def _entropy_models(p, base=None) -> list[tuple[str, Model]]:
    h = _entropy(p)
    n = np.size(p)
    first = [("nan_from_zero", lambda: -np.sum(p * np.log(p)) / (
        1.0 if base is None else math.log(base)))]
    if base is None:
        first.append(("wrong_base_conversion", lambda: h / math.log(2)))
    else:  # base mistakes first: with n = base, h / base is also "mean instead of sum"
        first += [
            ("ignored_base", lambda: h),
            ("wrong_base_conversion", lambda: h / base),
            ("wrong_base_conversion", lambda: h / math.log(2)),
            ("wrong_base_conversion", lambda: h * math.log(base)),
            ("scipy_positional_base", lambda: math.log(n) - h),
        ]
    unit = 1.0 if base is None else math.log(base)
    return first + [
        ("missing_minus_sign", lambda: -h / unit),
        ("mean_instead_of_sum", lambda: h / unit / n),
        ("assumes_uniform", lambda: math.log(n) / unit),
        ("nan_to_num", lambda: -np.sum(p * np.nan_to_num(np.log(p))) / unit),
    ]


def _kl_models(p, q) -> list[tuple[str, Model]]:
    s = q > 0
    return [
        ("nan_from_zero", lambda: np.sum(p * np.log(p / q))),
        ("nan_from_zero", lambda: np.sum(p * np.log(p) - p * np.log(q))),
        ("zero_weight_log", lambda: math.inf if _any_log_zero(q) else _kl(p, q)),
        ("swapped_arguments", lambda: _kl(q, p)),
        ("symmetrised", lambda: _kl(p, q) + _kl(q, p)),
        ("symmetrised", lambda: (_kl(p, q) + _kl(q, p)) / 2),
        ("symmetrised", lambda: np.sum(np.abs(_xlogy(p, p) - _xlogy(p, q)))),
        ("skips_support_mismatch", lambda: _kl(p[s], q[s])),
        ("skips_support_mismatch", lambda: _kl(p[s] / np.sum(p[s]), q[s] / np.sum(q[s]))),
        ("missing_minus_sign", lambda: -_kl(p, q)),
        ("mean_instead_of_sum", lambda: _kl(p, q) / np.size(p)),
        ("wrong_base_conversion", lambda: _kl(p, q) / math.log(2)),
        ("nan_to_num", lambda: np.sum(np.nan_to_num(p * np.log(p / q)))),
        ("nan_to_num", lambda: np.sum(p * np.nan_to_num(np.log(p / q)))),
    ]


def _cross_models(p, q) -> list[tuple[str, Model]]:
    s = q > 0
    return [
        ("nan_from_zero", lambda: -np.sum(p * np.log(q))),
        ("zero_weight_log", lambda: math.inf if _any_log_zero(q) else _cross(p, q)),
        ("swapped_arguments", lambda: _cross(q, p)),
        ("argmax_target", lambda: -np.log(q[np.argmax(p)])),
        ("skips_support_mismatch", lambda: _cross(p[s], q[s])),
        ("kl_instead_of_cross", lambda: _kl(p, q)),
        ("missing_minus_sign", lambda: -_cross(p, q)),
        ("mean_instead_of_sum", lambda: _cross(p, q) / np.size(p)),
        ("wrong_base_conversion", lambda: _cross(p, q) / math.log(2)),
        ("nan_to_num", lambda: -np.sum(np.nan_to_num(p * np.log(q)))),
        ("nan_to_num", lambda: -np.sum(p * np.nan_to_num(np.log(q)))),
    ]


def _bce_models(y, yh) -> list[tuple[str, Model]]:
    m = np.size(y)
    terms = lambda: y * np.log(yh) + (1 - y) * np.log(1 - yh)  # noqa: E731
    kl = lambda: np.mean(_xlogy(y, y) + _xlogy(1 - y, 1 - y)) + _bce(y, yh)  # noqa: E731
    return [
        ("nan_from_zero", lambda: -np.mean(terms())),
        ("labels_in_log", lambda: -np.mean(y * np.log(y) + (1 - y) * np.log(1 - yh))),
        ("labels_in_log", lambda: -np.mean(y * np.log(yh) + (1 - y) * np.log(1 - y))),
        ("zero_weight_log", lambda: math.inf if _any_log_zero(yh, 1 - yh) else _bce(y, yh)),
        ("sum_instead_of_mean", lambda: _bce(y, yh) * m),
        # before the swap: both give +inf on large samples, only a product underflows there
        ("log_of_product", lambda: -np.log(np.prod(np.where(y == 1, yh, 1 - yh))) / m),
        ("swapped_arguments", lambda: _bce(yh, y)),
        ("missing_complement_term", lambda: -np.mean(_xlogy(y, yh))),
        # after the missing term: with hard labels (1 - y) log(1 - y) is 0 and they agree
        ("labels_in_log", lambda: -np.mean(_xlogy(y, y) + _xlogy(1 - y, 1 - yh))),
        ("labels_in_log", lambda: -np.mean(_xlogy(y, yh) + _xlogy(1 - y, 1 - y))),
        ("argmax_target", lambda: _bce((y > 0.5).astype(float), yh)),
        ("kl_instead_of_cross", kl),
        ("missing_minus_sign", lambda: -_bce(y, yh)),
        ("wrong_base_conversion", lambda: _bce(y, yh) / math.log(2)),
        ("clamped_log", lambda: -np.mean(y * np.maximum(np.log(yh), TORCH_LOG_FLOOR)
                                         + (1 - y) * np.maximum(np.log(1 - yh), TORCH_LOG_FLOOR))),
        ("nan_to_num", lambda: -np.mean(np.nan_to_num(terms()))),
        ("nan_to_num", lambda: -np.mean(y * np.nan_to_num(np.log(yh))
                                        + (1 - y) * np.nan_to_num(np.log(1 - yh)))),
    ]


def _loglik_models(x, t) -> list[tuple[str, Model]]:
    k, n = _counts(x)
    xf = np.asarray(x, float)
    probabilities = np.where(xf == 1, t, 1 - t)
    return [
        ("nan_from_zero", lambda: float(np.sum(xf * np.log(t) + (1 - xf) * np.log(1 - t)))),
        ("nan_from_zero", lambda: k * np.log(t) + (n - k) * np.log(1 - t)),
        ("zero_weight_log", lambda: -math.inf if t in (0.0, 1.0) else _loglik(x, t)),
        ("mean_instead_of_sum", lambda: _loglik(x, t) / n),
        ("ignores_zero_samples", lambda: _xlogy(k, t)),
        ("missing_minus_sign", lambda: -_loglik(x, t)),
        ("log_of_product", lambda: np.log(np.prod(probabilities))),
    ] + [("log_of_product", (lambda b: lambda: _blocks(probabilities, b))(b)) for b in BLOCKS] + [
        ("wrong_base_conversion", lambda: _loglik(x, t) / math.log(2)),
        ("clamped_log", lambda: k * max(math.log(t) if t > 0 else -math.inf, TORCH_LOG_FLOOR)
         + (n - k) * max(math.log1p(-t) if t < 1 else -math.inf, TORCH_LOG_FLOOR)),
        ("nan_to_num", lambda: float(np.sum(np.nan_to_num(xf * np.log(t)
                                                          + (1 - xf) * np.log(1 - t))))),
    ]


def _mle_models(x) -> list[tuple[str, Model]]:
    k, n = _counts(x)
    return [
        ("laplace_smoothing", lambda: (k + 1) / (n + 2)),
        ("count_not_proportion", lambda: k),
        ("divides_by_n_minus_one", lambda: k / (n - 1)),
        ("integer_arithmetic", lambda: k // n),
        ("integer_arithmetic", lambda: round(k / n)),
    ] + [
        # a grid of step 10^-d and rounding to d decimals give the same number: at 1-3 decimals
        # a grid search is the likelier cause, beyond that an explicit round()
        ("coarse_optimiser" if d <= 3 else "rounded_result", (lambda d: lambda: round(k / n, d))(d))
        for d in range(1, 9)
    ]


_MODELS: dict[str, Callable[..., list[tuple[str, Model]]]] = {
    "entropy": _entropy_models,
    "kl_divergence": _kl_models,
    "cross_entropy": _cross_models,
    "binary_cross_entropy": _bce_models,
    "bernoulli_log_likelihood": _loglik_models,
    "bernoulli_mle": _mle_models,
}


# ------------------------------------------------------------------------------ epsilons


#: Which arguments students move away from 0: the prediction alone, or every probability.
_MOVED: dict[str, tuple[tuple[int, ...], ...]] = {
    "entropy": ((0,),),
    "kl_divergence": ((1,), (0, 1)),
    "cross_entropy": ((1,), (0, 1)),
    "binary_cross_entropy": ((1,), (0, 1)),
    "bernoulli_log_likelihood": ((1,),),  # theta is the probability; x are counts
    "bernoulli_mle": (),
}


def _log_only(function: str, values: tuple, eps: float) -> float:
    """The epsilon inside the log only: ``p * log(p + eps)``, the most common form."""
    if function == "entropy":
        p = values[0]
        base = values[1] if len(values) > 1 else None
        return -np.sum(p * np.log(p + eps)) / (1.0 if base is None else math.log(base))
    if function == "cross_entropy":
        return -np.sum(values[0] * np.log(values[1] + eps))
    if function == "kl_divergence":
        p, q = values
        return np.sum(p * np.log((p + eps) / (q + eps)))
    if function == "binary_cross_entropy":
        y, yh = values
        return -np.mean(y * np.log(yh + eps) + (1 - y) * np.log(1 - yh + eps))
    if function == "bernoulli_log_likelihood":
        k, n = _counts(values[0])
        t = values[1]
        return k * math.log(t + eps) + (n - k) * math.log(1 - t + eps)
    return math.nan


def _epsilon_models(function: str, values: tuple) -> list[tuple[str, Model]]:
    """The exact function applied to inputs moved away from 0 (and 1) by an epsilon."""
    exact = EXACT[function]

    def moved(how: str, eps: float, positions: tuple[int, ...]) -> float:
        args = list(values)
        for i in positions:
            v = np.asarray(values[i], float)
            v = {"add": v + eps, "clip": np.clip(v, eps, 1 - eps),
                 "floor": np.maximum(v, eps)}[how]
            args[i] = float(v) if isinstance(values[i], float) else v
        return exact(*args)

    models: list[tuple[str, Model]] = []
    if not _MOVED[function]:
        return models
    for eps in EPSILONS:
        models.append(("epsilon_clipping", (lambda e: lambda: _log_only(function, values, e))(eps)))
        for positions in _MOVED[function]:
            for how in ("clip", "floor", "add"):
                models.append(("epsilon_clipping",
                               (lambda h, e, w: lambda: moved(h, e, w))(how, eps, positions)))
    return models


# ------------------------------------------------------------------------------ float32


def _float32(function: str, values: tuple) -> float:
    """The function computed from float32 inputs in float32 arithmetic."""
    cast = tuple(np.asarray(v, np.float32) if isinstance(v, np.ndarray) and v.dtype.kind == "f"
                 else np.float32(v) if isinstance(v, float) else v for v in values)
    if function == "entropy":
        p = cast[0]
        base = cast[1] if len(cast) > 1 else None
        h = _entropy(p, np.float32)
        return float(h if base is None else h / np.log(np.float32(base)))
    if function == "bernoulli_log_likelihood":
        x, t = cast
        x = np.asarray(x, np.float32)
        return float(np.sum(x * np.log(t) + (1 - x) * np.log(np.float32(1) - t),
                            dtype=np.float32))
    if function == "bernoulli_mle":
        return float(np.mean(np.asarray(values[0], np.float32)))
    return float(EXACT[function](*cast, dt=np.float32))


# ------------------------------------------------------------------------------ the entry point


def bug_models(function: str, *values) -> Iterator[tuple[str, float]]:
    """Each applicable bug model's value on this call, in the order the grader tries them.

    Values are computed as they are asked for, so a grader that stops at the first match pays
    for the models before it only (on a sample of 10^6 each model is a few passes over it). A
    model that does not apply to these arguments (an index out of range, a division by zero)
    is left out. The last entry, when present, is ``("float32_precision", value)``.
    """
    values = tuple(values)
    if function not in _MODELS:
        return
    models = _MODELS[function](*values) + _epsilon_models(function, values)
    models.append(("float32_precision", lambda: _float32(function, values)))
    for key, model in models:
        try:
            with np.errstate(all="ignore"):
                value = float(model())
        except (ValueError, IndexError, ZeroDivisionError, OverflowError, TypeError):
            continue
        yield key, value
