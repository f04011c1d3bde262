"""The tolerance policy: the rule of DESIGN.md, its edges and its slack for identities."""

import math

import numpy as np
import pytest

from autograder import tolerance


@pytest.mark.parametrize("got, exp", [
    (1.0, 1.0),
    (1.0 + 0.9e-9, 1.0),            # inside the relative part
    (0.9e-12, 0.0),                 # inside the absolute part: a zero may be a few ulps off
    (math.inf, math.inf),
    (-math.inf, -math.inf),
    (float(np.float64(2.0) * (1 + 5e-12)), 2.0),
])
def test_close_accepts(got, exp):
    assert tolerance.close(got, exp)


@pytest.mark.parametrize("got, exp", [
    (1.0 + 2e-9, 1.0),              # float32-sized error
    (2e-12, 0.0),
    (1e300, math.inf),              # a huge number is not infinity
    (math.inf, -math.inf),
    (math.nan, 1.0),
    (math.nan, math.nan),           # nan is never an expected value here
    (-0.6931471805599453, 0.6931471805599453),
])
def test_close_rejects(got, exp):
    assert not tolerance.close(got, exp)


def test_float32_bug_is_outside_and_float64_rounding_inside():
    p = np.array([0.1, 0.2, 0.3, 0.4])
    exact = -float(np.sum(p * np.log(p)))
    single = -float(np.sum(p.astype(np.float32) * np.log(p.astype(np.float32))))
    assert not tolerance.close(single, exact)
    assert tolerance.close(-math.fsum(x * math.log(x) for x in p), exact)


def test_identity_slack():
    n = 4
    assert tolerance.within_bound(math.log(n) * (1 + 5e-11), math.log(n))
    assert not tolerance.within_bound(math.log(n) * (1 + 1e-8), math.log(n))
    assert tolerance.gibbs_holds(-1e-13, 1.0)
    assert not tolerance.gibbs_holds(-1e-9, 1.0)


def test_allowed_error_and_relative_error():
    assert tolerance.allowed_error(0.0) == tolerance.ATOL
    assert tolerance.allowed_error(math.inf) == 0.0
    assert tolerance.relative_error(1.1, 1.0) == pytest.approx(0.1)
    assert tolerance.relative_error(1.0, 0.0) == math.inf
