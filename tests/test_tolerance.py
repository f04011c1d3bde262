"""The tolerance policy: bounds derived from float64 rounding, exact zeros and infinities."""

import math

import numpy as np
import pytest

from autograder import logit_tolerance as lt, tolerance


def allowed(function, *values):
    return tolerance.allowed_error(function, tuple(np.asarray(v, float) if isinstance(v, list)
                                                  else v for v in values))


@pytest.mark.parametrize("function, values", [
    ("entropy", ([0.0, 1.0, 0.0],)),
    ("entropy", ([1.0],)),
    ("entropy", ([0.0, 0.0, 1.0], 2)),
    ("kl_divergence", ([0.1, 0.2, 0.7], [0.1, 0.2, 0.7])),
    ("cross_entropy", ([0.0, 1.0], [0.0, 1.0])),
    ("binary_cross_entropy", ([1.0, 0.0], [1.0, 0.0])),
    ("bernoulli_log_likelihood", (np.array([0, 0, 0]), 0.0)),
    ("bernoulli_mle", (np.array([0, 0, 0]),)),
])
def test_answers_the_definitions_make_exact_must_be_exact(function, values):
    assert allowed(function, *values) == 0.0


@pytest.mark.parametrize("function, values", [
    ("kl_divergence", ([0.5, 0.5], [1.0, 0.0])),
    ("cross_entropy", ([0.3, 0.7], [1.0, 0.0])),
    ("binary_cross_entropy", ([0.5], [0.0])),
    ("bernoulli_log_likelihood", (np.array([1, 0]), 1.0)),
])
def test_infinite_answers_match_exactly(function, values):
    assert allowed(function, *values) == 0.0
    assert tolerance.close(math.inf, math.inf, 0.0)
    assert not tolerance.close(1e300, math.inf, 1e300)
    assert not tolerance.close(-math.inf, math.inf, 0.0)


def test_nan_never_matches():
    assert not tolerance.close(math.nan, 1.0, 1.0)
    assert not tolerance.close(math.nan, math.nan, 1.0)


def test_an_epsilon_inside_the_log_fails_where_the_answer_is_small():
    p = np.array([1e-12, 1 - 1e-12])
    exact = -math.fsum(x * math.log(x) for x in p)
    biased = float(-np.sum(p * np.log2(p + 1e-15)) * math.log(2))
    assert not tolerance.matches("entropy", (p,), biased, exact)
    assert tolerance.matches("entropy", (p,), float(-np.sum(p * np.log(p))), exact)
    point = np.array([0.0, 1.0, 0.0])
    assert not tolerance.matches("entropy", (point,), float(-np.sum(point * np.log2(point + 1e-15))), 0.0)
    assert tolerance.matches("entropy", (point,), -0.0, 0.0)  # the sign of zero is not graded


def test_float32_is_outside_and_float64_rounding_inside():
    p = np.array([0.1, 0.2, 0.3, 0.4])
    exact = -math.fsum(x * math.log(x) for x in p)
    single = -float(np.sum(p.astype(np.float32) * np.log(p.astype(np.float32))))
    assert not tolerance.matches("entropy", (p,), single, exact)
    assert tolerance.matches("entropy", (p,), -float(np.sum(p * np.log(p))), exact)


def test_bound_is_in_terms_of_the_terms_not_the_result():
    # the same answer (0) from terms that cancel, and from terms that are all zero
    assert allowed("kl_divergence", [0.5, 0.5], [0.5 + 1e-9, 0.5 - 1e-9]) > 1e-16
    assert allowed("kl_divergence", [0.5, 0.5], [0.5, 0.5]) == 0.0
    # more terms, more slack, but far below float32's 1e-8
    small = allowed("entropy", np.full(4, 0.25)) / math.log(4)
    large = allowed("entropy", np.full(10**6, 1e-6)) / math.log(10**6)
    assert small < 1e-14 and small < large < 1e-9


def test_log_of_one_minus_y_hat_is_allowed_its_rounding():
    y, y_hat = np.array([0.0]), np.array([1e-300])
    assert tolerance.matches("binary_cross_entropy", (y, y_hat), 0.0, 1e-300)  # log(1 - 1e-300)
    assert not tolerance.matches("binary_cross_entropy", (np.array([1.0]), y_hat),
                                 -math.log(1e-15), -math.log(1e-300))


def test_identity_slack():
    assert tolerance.within_bound(math.log(4) + 1e-16, math.log(4), 0.0)
    assert not tolerance.within_bound(math.log(4) * (1 + 1e-12), math.log(4), 1e-15)
    assert tolerance.gibbs_holds(-1e-17, 1e-16)
    assert not tolerance.gibbs_holds(-1e-15, 1e-16)


def test_ratio_and_relative_error():
    assert tolerance.ratio("entropy", (np.array([0.5, 0.5]),), math.log(2), math.log(2)) == 0
    assert tolerance.ratio("entropy", (np.array([1.0]),), 1e-300, 0.0) == math.inf
    assert tolerance.relative_error(1.1, 1.0) == pytest.approx(0.1)
    assert tolerance.relative_error(1.0, 0.0) == math.inf


def test_without_a_bound_close_is_the_looser_rule_diagnoses_match_models_by():
    assert tolerance.close(1.0 + 1e-10, 1.0)
    assert not tolerance.close(1.0 + 1e-8, 1.0)


# -- the bounds are cached per argument object: the cache must never answer for changed data


def test_a_bound_follows_an_argument_changed_in_place():
    p = np.array([0.5, 0.5, 0.0])
    before = tolerance.allowed_error("entropy", (p,))
    p[:] = [1.0, 0.0, 0.0]  # a certain outcome: the answer 0 is exact
    assert before > 0 and tolerance.allowed_error("entropy", (p,)) == 0.0
    frozen = np.array([0.5, 0.5, 0.0])
    frozen.flags.writeable = False
    assert tolerance.allowed_error("entropy", (frozen,)) == before
    assert tolerance.allowed_error("entropy", [frozen]) == before


def test_logit_bounds_follow_logits_changed_in_place():
    z = np.array([[1.0, 2.0], [3.0, -4.0]])
    assert lt.logit_scale(z, None) == 4.0
    z[1, 1] = -400.0
    assert lt.logit_scale(z, None) == 400.0
    assert lt.allowed_values(np.zeros_like(z), z)[1, 0] == pytest.approx(
        (2 + lt.SLACK) * lt.EPS * 400.0)


def _slow_mismatches(got, exp, allowed):
    got, exp, allowed = np.broadcast_arrays(np.asarray(got, float), np.asarray(exp, float),
                                            np.asarray(allowed, float))
    bad = np.zeros(got.shape, bool)
    for i in np.ndindex(got.shape):
        g, e, a = got[i], exp[i], allowed[i]
        if np.isnan(g) or np.isnan(e):
            bad[i] = True
        elif np.isinf(g) or np.isinf(e):
            bad[i] = g != e
        else:
            bad[i] = not abs(g - e) <= a
    return bad


@pytest.mark.parametrize("got, exp, allowed", [
    ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0 + 1e-15], [1e-14, 1e-14, 1e-14]),  # all match
    ([1.0, 2.0, 3.1], [1.0, 2.0, 3.0], [1e-14, 1e-14, 1e-14]),
    ([1.0, np.nan, 3.0], [1.0, 2.0, 3.0], [1e-14, 1e-14, 1e-14]),
    ([1.0, np.inf, 3.0], [1.0, 2.0, 3.0], [1e-14, 1e-14, 1e-14]),
    ([-np.inf, 0.0], [-np.inf, 0.0], [np.inf, 0.0]),
    ([-5.0, 0.0], [-np.inf, 0.0], [np.inf, 0.0]),  # an infinite allowance lets nothing finite by
    ([5.0, np.inf], [5.0, 1.0], [np.inf, np.inf]),  # ... nor an infinity where the answer is finite
    ([-np.inf, 1.0], [-np.inf, 1.0], [1e-14, 1e-14]),
])
def test_mismatches_is_the_entrywise_rule(got, exp, allowed):
    got, exp, allowed = (np.array(v, float) for v in (got, exp, allowed))
    for frozen in (False, True):
        for a in (exp, allowed):
            a.flags.writeable = not frozen
        assert np.array_equal(lt.mismatches(got, exp, allowed),
                              _slow_mismatches(got, exp, allowed))
