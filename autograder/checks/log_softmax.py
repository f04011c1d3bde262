"""Checks for ``log_softmax(z)``: each row of logits minus its log-sum-exp."""

from __future__ import annotations

from functools import partial

import numpy as np

from .. import logit_tolerance as lt
from ..cases import make_case
from .arrays import (ArrayCheck, block_expected, broadcast, compare_arrays, expected_array,
                     reference_array)
from .base import derived

F = "log_softmax"
case = partial(make_case, F, ("z",))
BIG = "np.tile(np.random.default_rng(7).normal(0.0, 300.0, (10, 100)), (10**2, 1))"


def _against_reference(c, got, reference):
    exp = expected_array(c, reference)
    return compare_arrays(c, broadcast(got, exp.shape), exp, lt.allowed_values(exp, c.values[0]))


def _shifted(c, got, reference):
    """log_softmax(z) = log_softmax(z - max_row(z)): the reference on the shifted logits."""
    z = c.values[0]
    exp = derived("shifted", c, reference,
                  lambda: reference_array(reference, F, z - z.max(axis=1, keepdims=True)))
    return compare_arrays(c, broadcast(got, exp.shape), exp, lt.allowed_values(exp, z),
                          "Adding a constant to a row of logits does not change its softmax: "
                          "the expected value is log_softmax of the row minus its largest logit.")


def _tiled(c, got, reference):
    exp = block_expected(c, reference)
    return compare_arrays(c, broadcast(got, exp.shape), exp, lt.allowed_values(exp, c.values[0]))


CHECKS = (
    ArrayCheck("log_softmax.basic", F, 2, judge=_against_reference,
               about="small logits: z_i minus the log-sum-exp of the row", cases=(
        case(z="[[1.0, 2.0, 3.0]]"),
        case(z="[[0.0, 0.0]]", note="(= [-log 2, -log 2])"),
        case(z="[[0.5, -0.25, 1.5, 0.0], [2.0, 2.0, -1.0, 0.0]]"),
    )),
    ArrayCheck("log_softmax.rows", F, 2, judge=_against_reference,
               about="each row is normalised on its own (axis=1)", cases=(
        case(z="[[0.0, 1.0, 2.0], [10.0, 10.0, 10.0]]"),
        case(z="[[3.0, 0.0], [0.0, 0.0], [-2.0, 1.0], [5.0, 4.0]]"),
    )),
    ArrayCheck("log_softmax.large_logits", F, 2, judge=_against_reference,
               about="logits of ±1000: no overflow, no log 0", cases=(
        case(z="[[1000.0, 1000.0]]", note="(= [-log 2, -log 2])"),
        case(z="[[1000.0, 0.0, -1000.0]]", note="(= [0, -1000, -2000])"),
        case(z="[[-1000.0, -1000.0, -999.0]]"),
        case(z="[[800.0, 0.0], [0.0, -800.0]]"),
    )),
    ArrayCheck("log_softmax.shift_invariance", F, 1, judge=_shifted,
               about="adding a constant to a row changes nothing", cases=(
        case(z="[[1000.5, 1001.0, 999.0]]"),
        case(z="[[0.0, 1.0, 2.0], [700.0, 701.0, 702.0], [-700.0, -699.0, -698.0]]"),
    )),
    ArrayCheck("log_softmax.large_array", F, 2, judge=_tiled,
               about="10^3 rows of 100 logits of size ~300", cases=(
        case(z=BIG, about={"z": "10^3 x 100 logits, normal(0, 300)"},
             note="(a block of 10 rows, repeated)"),
    )),
    ArrayCheck("log_softmax.random", F, 1, judge=_against_reference, draws="logit_rows",
               hidden=True, about="random logits against the reference"),
)
