"""Random cases for the softmax checks: rows of logits, with class indices or soft labels.

Registered in :data:`autograder.casebook.DRAWS` beside the other draws. The first third are
small whole logits (short counterexamples); the rest are real logits of growing size, some
scaled to hundreds so that an unshifted ``exp`` overflows.
"""

from __future__ import annotations

import numpy as np

from .cases import Arg, Case


def _shape(i: int, count: int) -> tuple[int, int]:
    return 1 + (i * 8) // count, 2 + (i * 5) // count  # 1-8 rows, 2-6 classes


def _logits(rng: np.random.Generator, i: int, count: int, large: bool = True) -> np.ndarray:
    m, n = _shape(i, count)
    if i < count // 3:
        return rng.integers(-3, 4, (m, n)).astype(float)
    scale = 300.0 if large and i % 4 == 3 else 3.0
    return rng.normal(0.0, scale, (m, n))


def logit_rows(function: str, rng: np.random.Generator, count: int) -> list[Case]:
    """2-D arrays of logits, 1 to 8 rows of 2 to 6 classes."""
    return [Case(function, ("z",), (Arg.literal(_logits(rng, i, count)),))
            for i in range(count)]


def logits_and_labels(function: str, rng: np.random.Generator, count: int,
                      large: bool = True) -> list[Case]:
    """Logits with class indices (even draws) or probability rows (odd draws)."""
    cases = []
    for i in range(count):
        z = _logits(rng, i, count, large)
        m, n = z.shape
        if i % 2 == 0:
            labels = Arg.literal(rng.integers(0, n, m), dtype="int64")
        else:
            w = np.where(rng.random((m, n)) < 0.3, 0.0, rng.random((m, n)))
            w[np.arange(m), rng.integers(0, n, m)] += 0.5  # every row has some weight
            labels = Arg.literal(w / w.sum(axis=1, keepdims=True))
        cases.append(Case(function, ("logits", "labels"), (Arg.literal(z), labels)))
    return cases


def moderate_logits_and_labels(function: str, rng: np.random.Generator,
                               count: int) -> list[Case]:
    """As :func:`logits_and_labels` with logits of a few units only: softmax(z) itself does not
    underflow, so an identity through ``cross_entropy(y, softmax(z))`` holds in float64 too."""
    return logits_and_labels(function, rng, count, large=False)


DRAWS = {f.__name__: f for f in (logit_rows, logits_and_labels, moderate_logits_and_labels)}
