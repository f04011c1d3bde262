"""Checks for ``softmax_cross_entropy(logits, labels)``: the mean over rows of -log softmax."""

from __future__ import annotations

from functools import partial

import numpy as np

from .. import diagnosis_softmax, logit_tolerance as lt
from ..cases import make_case
from .base import Check, Verdict, derived, expected_value

F = "softmax_cross_entropy"
case = partial(make_case, F, ("logits", "labels"))
idx = partial(case, dtypes={"labels": "int64"})
BIG = "np.random.default_rng(8).normal(0.0, 300.0, (10**3, 100))"


def _verdict(c, got, exp, detail=None):
    if lt.close_loss(got, exp, c.values[0]):
        return None
    return Verdict(exp, diagnosis_softmax.diagnose(F, c.values, exp, got), detail)


def _against_reference(c, got, reference):
    return _verdict(c, got, float(expected_value(c, reference)))


def _shifted(c, got, reference):
    z, labels = c.values
    exp = derived("shifted", c, reference, lambda: float(
        reference.softmax_cross_entropy(z - z.max(axis=1, keepdims=True), labels)))
    return _verdict(c, got, exp, "Adding a constant to a row of logits changes neither softmax "
                                 "nor the loss: the expected value is the loss of the shifted "
                                 "logits z - max(z).")


def _row_by_row(c, got, reference):
    """The loss is the mean over rows of cross_entropy(y_r, softmax(z_r))."""
    exp = derived("row by row", c, reference, lambda: _mean_of_rows(c, reference))
    return _verdict(c, got, exp, "Row by row, the loss is cross_entropy(y_r, softmax(z_r)); the "
                                 "expected value is the mean of those, computed with the "
                                 "reference's cross_entropy of notebook 2.")


def _mean_of_rows(c, reference) -> float:
    z, labels = c.values
    m, n = z.shape
    y = labels if labels.ndim == 2 else np.eye(n)[labels]
    with np.errstate(under="ignore"):
        s = np.exp(np.asarray(reference.log_softmax(z), float).reshape(z.shape))
    return sum(float(reference.cross_entropy(y[r], s[r])) for r in range(m)) / m


CHECKS = (
    Check("softmax_cross_entropy.index_labels", F, 2, judge=_against_reference,
          about="labels as class indices: -log softmax of the true class, averaged", cases=(
        idx(logits="[[0.0, 0.0]]", labels="[1]", note="(= log 2)"),
        idx(logits="[[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]", labels="[2, 0]"),
        idx(logits="[[0.5, -1.0, 2.0, 0.0], [3.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0]]",
            labels="[3, 0, 1]"),
    )),
    Check("softmax_cross_entropy.soft_labels", F, 1, judge=_against_reference,
          about="labels as rows of probabilities: every class with y > 0 counts", cases=(
        case(logits="[[1.0, 2.0, 3.0]]", labels="[[0.2, 0.3, 0.5]]"),
        case(logits="[[2.0, 0.0], [0.0, 1.0]]", labels="[[0.9, 0.1], [0.5, 0.5]]"),
        case(logits="[[0.0, 1.0, 4.0], [2.0, 2.0, 0.0]]", labels="[[0.0, 0.25, 0.75], [1.0, 0.0, 0.0]]"),
    )),
    Check("softmax_cross_entropy.large_logits", F, 2, judge=_against_reference,
          about="logits of ±1000: the loss stays finite and exact", cases=(
        idx(logits="[[1000.0, -1000.0]]", labels="[1]", note="(= 2000)"),
        idx(logits="[[1000.0, 1000.0]]", labels="[0]", note="(= log 2)"),
        idx(logits="[[-1000.0, -1000.0, -1000.0]]", labels="[2]", note="(= log 3)"),
        case(logits="[[1000.0, 0.0], [-1000.0, 0.0]]", labels="[[0.5, 0.5], [0.5, 0.5]]"),
    )),
    Check("softmax_cross_entropy.mean_over_rows", F, 1, judge=_against_reference,
          about="a mean: repeating the rows does not change the loss", cases=(
        idx(logits="np.tile([[2.0, 0.0, -1.0], [0.0, 1.0, 0.0]], (500, 1))",
            labels="np.tile([0, 2], 500)",
            about={"logits": "1000 rows, two rows repeated", "labels": "1000 labels"},
            note="(the same loss as for the two rows alone)"),
    )),
    Check("softmax_cross_entropy.shift_invariance", F, 1, judge=_shifted,
          about="adding a constant to a row of logits changes nothing", cases=(
        idx(logits="[[1000.5, 1001.0, 999.0]]", labels="[0]"),
        case(logits="[[700.0, 701.0], [-700.0, -699.0]]", labels="[[0.3, 0.7], [1.0, 0.0]]"),
    )),
    Check("softmax_cross_entropy.cross_entropy_identity", F, 1, judge=_row_by_row,
          draws="moderate_logits_and_labels",
          about="= mean of cross_entropy(y_r, softmax(z_r)) over rows"),
    Check("softmax_cross_entropy.large_array", F, 1, judge=_against_reference,
          about="10^3 rows of 100 logits of size ~300", cases=(
        idx(logits=BIG, labels="np.random.default_rng(9).integers(0, 100, 10**3)",
            about={"logits": "10^3 x 100 logits, normal(0, 300)", "labels": "10^3 labels"}),
    )),
    Check("softmax_cross_entropy.random", F, 1, judge=_against_reference,
          draws="logits_and_labels", hidden=True,
          about="random logits and labels against the reference"),
)
