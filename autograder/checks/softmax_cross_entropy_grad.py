"""Checks for ``softmax_cross_entropy_grad(logits, labels)``: (softmax(z) - y) / m."""

from __future__ import annotations

from functools import partial

import numpy as np

from .. import logit_tolerance as lt
from ..cases import make_case
from .arrays import ArrayCheck, block_expected, broadcast, compare_arrays, expected_array
from .base import derived

F = "softmax_cross_entropy_grad"
case = partial(make_case, F, ("logits", "labels"))
idx = partial(case, dtypes={"labels": "int64"})
BIG = "np.tile(np.random.default_rng(10).normal(0.0, 3.0, (10, 100)), (10**2, 1))"
BIG_LABELS = "np.tile(np.arange(0, 100, 10), 10**2)"
#: the largest |third derivative| of log-sum-exp along one coordinate: max of s(1-s)(1-2s)
THIRD = 1 / (6 * 3**0.5)


def _allowed(c, exp):
    return lt.allowed_grad(exp, c.values[1])


def _against_reference(c, got, reference):
    exp = expected_array(c, reference)
    return compare_arrays(c, broadcast(got, exp.shape), exp, _allowed(c, exp))


def _tiled(c, got, reference):
    exp = block_expected(c, reference)
    return compare_arrays(c, broadcast(got, exp.shape), exp, _allowed(c, exp))


def _rows_sum_to_zero(c, got, reference):
    """Each row of (s - y)/m sums to 0 when the label row sums to 1; then the reference."""
    z = c.values[0]
    m, n = z.shape
    got = broadcast(got, z.shape)
    sums = got.sum(axis=1)
    allowed = n * lt.GRAD_SLACK * lt.EPS / m
    with np.errstate(invalid="ignore"):
        bad = ~(np.abs(sums) <= allowed)
    if bad.any():
        r = int(np.argmax(bad))
        verdict = _against_reference(c, got, reference)
        if verdict is not None:
            return verdict
        return compare_arrays(c, np.array([[sums[r]]]), np.zeros((1, 1)), np.full((1, 1), allowed))
    return _against_reference(c, got, reference)


def _finite_differences(c, got, reference):
    """Central differences of the reference's loss, with a tolerance from their error bound.

    For step h the central difference is off by at most h^2/6 * max|f'''| (truncation; for the
    mean loss |f'''| <= THIRD / m) plus 2 * delta / (2h), delta the rounding error of one loss
    evaluation, a few roundings of the loss and of the logits' size (SLACK * eps * (|L| +
    scale)). h = cube root of eps times the logits' size balances the two; the check allows
    four times the bound.
    """
    fd, bound, h = derived("central differences", c, reference,
                           lambda: _central_differences(c, reference))
    got = broadcast(got, c.values[0].shape)
    return compare_arrays(c, got, fd, np.full(fd.shape, 4 * bound),
                          f"The expected value is a central difference (L(z + h e) - "
                          f"L(z - h e)) / 2h with h = {h:.2g}; it agrees with the exact "
                          f"gradient to about {bound:.1g}.")


def _central_differences(c, reference):
    """The central differences of the reference's loss, their error bound and the step."""
    z, labels = c.values
    m, n = z.shape
    scale = max(1.0, lt.logit_scale(z, None))
    h = lt.EPS ** (1 / 3) * scale
    loss = reference.softmax_cross_entropy
    fd = np.empty(z.shape)
    delta = 0.0
    for r in range(m):
        for i in range(n):
            up, down = z.copy(), z.copy()
            up[r, i] += h
            down[r, i] -= h
            f_up, f_down = float(loss(up, labels)), float(loss(down, labels))
            delta = max(delta, lt.SLACK * lt.EPS * (abs(f_up) + scale))
            fd[r, i] = (f_up - f_down) / ((up[r, i] - z[r, i]) + (z[r, i] - down[r, i]))
    bound = h * h / 6 * THIRD / m + delta / h
    return fd, bound, h


CHECKS = (
    ArrayCheck("softmax_cross_entropy_grad.index_labels", F, 2, judge=_against_reference,
               about="class indices: softmax minus one-hot, divided by m", cases=(
        idx(logits="[[0.0, 0.0], [0.0, 0.0]]", labels="[0, 1]",
            note="(= [[-0.25, 0.25], [0.25, -0.25]])"),
        idx(logits="[[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]", labels="[2, 0]"),
        idx(logits="[[0.5, -1.0, 2.0, 0.0], [3.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0]]",
            labels="[3, 0, 1]"),
    )),
    ArrayCheck("softmax_cross_entropy_grad.soft_labels", F, 1, judge=_against_reference,
               about="rows of probabilities: softmax minus y, divided by m", cases=(
        case(logits="[[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]",
             labels="[[0.2, 0.3, 0.5], [0.0, 0.5, 0.5]]"),
        case(logits="[[2.0, 0.0], [0.0, 1.0]]", labels="[[0.9, 0.1], [0.5, 0.5]]"),
    )),
    ArrayCheck("softmax_cross_entropy_grad.large_logits", F, 2, judge=_against_reference,
               about="logits of ±1000: no nan, no overflow", cases=(
        idx(logits="[[1000.0, -1000.0], [1000.0, 1000.0]]", labels="[1, 0]"),
        idx(logits="[[-1000.0, -1000.0, -999.0], [800.0, 0.0, 0.0]]", labels="[2, 1]"),
    )),
    ArrayCheck("softmax_cross_entropy_grad.rows_sum_to_zero", F, 1, judge=_rows_sum_to_zero,
               draws="logits_and_labels", about="each row of the gradient sums to 0"),
    ArrayCheck("softmax_cross_entropy_grad.finite_differences", F, 2, judge=_finite_differences,
               about="agrees with central differences of the loss", cases=(
        idx(logits="[[0.5, -1.0, 2.0], [0.0, 0.3, -0.2]]", labels="[2, 0]"),
        case(logits="[[1.0, 0.0, -1.0, 2.0], [3.0, 2.0, 1.0, 0.0]]",
             labels="[[0.1, 0.2, 0.3, 0.4], [0.0, 0.0, 1.0, 0.0]]"),
    )),
    ArrayCheck("softmax_cross_entropy_grad.large_array", F, 1, judge=_tiled,
               about="10^3 rows of 100 logits", cases=(
        idx(logits=BIG, labels=BIG_LABELS,
            about={"logits": "10^3 x 100 logits, normal(0, 3)", "labels": "10^3 labels"},
            note="(a block of 10 rows, repeated)"),
    )),
    ArrayCheck("softmax_cross_entropy_grad.random", F, 1, judge=_against_reference,
               draws="logits_and_labels", hidden=True,
               about="random logits and labels against the reference"),
)
