"""Bug models for the three softmax functions: the mistakes students make, as code.

Each model is a wrong version of a function, vectorised, that the grader replays on a failing
input (:mod:`autograder.diagnosis_softmax`); the first whose output matches the student's names
the bug. They live beside the reference because several of them contain a working formula
(a stable log-softmax with one step wrong), which the students' copy of the kit must not carry.

``models(function, values)`` lists ``(key, thunk)`` pairs, most specific first; a thunk returns
an ndarray (log_softmax, the gradient) or a float (the loss). Keys are worded in
:mod:`autograder.wording`.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .logits import log_softmax

Thunk = Callable[[], Any]
#: Models that build an m x m array run only up to this many rows.
SMALL = 2000


def _naive_log_softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z)
    return np.log(e / e.sum(axis=1, keepdims=True))


def _no_shift(z: np.ndarray) -> np.ndarray:
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def _log_of_shifted_softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.log(e / e.sum(axis=1, keepdims=True))


def _axis0(z: np.ndarray) -> np.ndarray:
    top = z.max(axis=0, keepdims=True)
    return z - top - np.log(np.exp(z - top).sum(axis=0, keepdims=True))


def _whole_array(z: np.ndarray) -> np.ndarray:
    top = z.max()
    return z - top - np.log(np.exp(z - top).sum())


def _float32(z: np.ndarray) -> np.ndarray:
    z32 = z.astype(np.float32)
    top = z32.max(axis=1, keepdims=True)
    return (z32 - top - np.log(np.exp(z32 - top).sum(axis=1, keepdims=True))).astype(float)


#: Log-softmax variants, each with the key of its mistake.
LOG_SOFTMAX: tuple[tuple[str, Callable[[np.ndarray], np.ndarray]], ...] = (
    ("softmax_overflow", _naive_log_softmax),
    ("max_not_subtracted", _no_shift),
    ("log_of_underflowed_softmax", _log_of_shifted_softmax),
    ("wrong_axis", _axis0),
    ("wrong_axis", _whole_array),
    ("float32_precision", _float32),
)


def _one_hot(labels: np.ndarray, n: int) -> np.ndarray:
    if labels.ndim == 2:
        return labels
    y = np.zeros((labels.shape[0], n))
    y[np.arange(labels.shape[0]), labels] = 1.0
    return y


def _loss_from(ls: np.ndarray, y: np.ndarray, over: str = "rows") -> float:
    terms = np.where(y > 0, y * ls, 0.0)
    return float(-terms.sum() / (ls.shape[0] if over == "rows" else ls.size))


def _loss_models(z: np.ndarray, labels: np.ndarray) -> list[tuple[str, Thunk]]:
    m, n = z.shape
    y = _one_hot(labels, n)
    ls = log_softmax(z)
    out = [(key, (lambda f=f: _loss_from(f(z), y))) for key, f in LOG_SOFTMAX]
    out += [
        ("sum_over_rows", lambda: _loss_from(ls, y) * m),
        ("mean_over_all_entries", lambda: _loss_from(ls, y, over="all")),
        ("missing_minus_sign", lambda: -_loss_from(ls, y)),
    ]
    if labels.ndim == 1:
        if m <= SMALL:  # ls[:, labels] is m x m
            out.append(("index_labels_as_columns", lambda: float(-ls[:, labels].mean())))
        out.append(("index_labels_as_weights", lambda: float(-(labels[:, None] * ls).sum() / m)))
    else:
        hard = _one_hot(np.argmax(labels, axis=1), n)
        out.append(("soft_labels_argmax", lambda: _loss_from(ls, hard)))
    return out


def _grad_from(ls: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (np.exp(ls) - y) / ls.shape[0]


def _grad_models(z: np.ndarray, labels: np.ndarray) -> list[tuple[str, Thunk]]:
    m, n = z.shape
    y = _one_hot(labels, n)
    ls = log_softmax(z)
    out = [(key, (lambda f=f: _grad_from(f(z), y))) for key, f in LOG_SOFTMAX]
    out += [
        ("grad_missing_mean", lambda: _grad_from(ls, y) * m),
        ("grad_wrong_divisor", lambda: _grad_from(ls, y) * m / n),
        ("grad_wrong_divisor", lambda: _grad_from(ls, y) / n),
        ("grad_wrong_sign", lambda: -_grad_from(ls, y)),
        ("grad_missing_softmax", lambda: (z - y) / m),
    ]
    if labels.ndim == 1:
        wrong = np.zeros((m, n))
        wrong[:, labels % n] = 1.0  # y[:, labels] = 1: every row gets every label
        out.append(("index_labels_as_columns", lambda: _grad_from(ls, wrong)))
        out.append(("index_labels_as_weights", lambda: _grad_from(ls, labels[:, None] * 1.0)))
    else:
        hard = _one_hot(np.argmax(labels, axis=1), n)
        out.append(("soft_labels_argmax", lambda: _grad_from(ls, hard)))
    return out


def models(function: str, values: tuple) -> list[tuple[str, Thunk]]:
    """The bug models of ``function`` on one call's arguments, most specific first."""
    z = np.asarray(values[0], dtype=float)
    if function == "log_softmax":
        return [(key, (lambda f=f: f(z))) for key, f in LOG_SOFTMAX]
    labels = np.asarray(values[1])
    if labels.ndim == 1:
        labels = labels.astype(np.int64)
    if function == "softmax_cross_entropy":
        return _loss_models(z, labels)
    if function == "softmax_cross_entropy_grad":
        return _grad_models(z, labels)
    return []
