"""Behaviour of the reference library: values, conventions, errors, doctests, identities."""

from __future__ import annotations

import doctest
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import solutions as ref
from solutions import information, likelihood, logspace

LN2 = math.log(2)
DETERMINISTIC = settings(derandomize=True, database=None, deadline=None, max_examples=150)


# --- hand-computed values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: ref.entropy([0.5, 0.5]), LN2),
        (lambda: ref.entropy([0.25] * 4, base=2), 2.0),
        (lambda: ref.entropy([0.5, 0.25, 0.25], base=2), 1.5),
        (lambda: ref.entropy((0.1, 0.9)), -(0.1 * math.log(0.1) + 0.9 * math.log(0.9))),
        (lambda: ref.kl_divergence([0.5, 0.5], [0.25, 0.75]), 0.5 * math.log(2) + 0.5 * math.log(2 / 3)),
        (lambda: ref.kl_divergence([1.0, 0.0], [0.5, 0.5]), LN2),
        (lambda: ref.cross_entropy([0.0, 1.0, 0.0], [0.2, 0.7, 0.1]), -math.log(0.7)),
        (lambda: ref.cross_entropy([0.5, 0.5], [0.25, 0.75]), -0.5 * (math.log(0.25) + math.log(0.75))),
        (lambda: ref.binary_cross_entropy([1, 0, 1], [0.9, 0.2, 0.6]), -(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3),
        (lambda: ref.binary_cross_entropy([0.3], [0.6]), -(0.3 * math.log(0.6) + 0.7 * math.log(0.4))),
        (lambda: ref.bernoulli_log_likelihood([1, 1, 0], 0.6), 2 * math.log(0.6) + math.log(0.4)),
        (lambda: ref.bernoulli_log_likelihood(np.ones(3000), 0.5), -3000 * LN2),
        (lambda: ref.bernoulli_mle([1, 0, 0, 0, 1]), 0.4),
        (lambda: ref.log_sum_exp([0.0, 0.0, 0.0, 0.0]), math.log(4)),
        (lambda: ref.log_sum_exp([1000.0, 1000.0]), 1000 + LN2),
        (lambda: ref.log_sum_exp([5.0]), 5.0),
        (lambda: ref.log_sigmoid(0.0), -LN2),
        (lambda: ref.log_sigmoid(-1000.0), -1000.0),
        (lambda: ref.log_sigmoid(-40.0), -40.0 - math.exp(-40.0)),
        (lambda: ref.log_sigmoid(40.0), -math.exp(-40.0)),
        (lambda: ref.bernoulli_log_likelihood_from_logits([1, 0, 1], [0.0, 0.0, 0.0]), -3 * LN2),
        (lambda: ref.bernoulli_log_likelihood_from_logits([1, 0, 1], 1000.0), -1000.0),
        (lambda: ref.bernoulli_log_likelihood_from_logits([1, 1], math.inf), 0.0),
    ],
)
def test_hand_computed_values(call, expected):
    assert call() == pytest.approx(expected, rel=1e-14, abs=1e-300)


def test_results_are_python_floats():
    results = [
        ref.entropy([0.5, 0.5]),
        ref.kl_divergence([0.5, 0.5], [0.5, 0.5]),
        ref.cross_entropy([0.5, 0.5], [0.5, 0.5]),
        ref.binary_cross_entropy([1.0], [0.5]),
        ref.bernoulli_log_likelihood([1.0], 0.5),
        ref.bernoulli_mle([1.0]),
        ref.log_sum_exp([1.0]),
        ref.log_sigmoid(1.0),
        ref.bernoulli_log_likelihood_from_logits([1.0], [1.0]),
        ref.minimise_cross_entropy([1.0, 0.0]),
    ]
    assert all(type(r) is float for r in results)


def test_log_sigmoid_keeps_shape():
    z = np.array([[-1000.0, 0.0], [1000.0, 3.0]])
    out = ref.log_sigmoid(z)
    assert isinstance(out, np.ndarray) and out.shape == (2, 2)
    assert out[0, 0] == -1000.0 and out[1, 0] == 0.0


def test_empirical_distribution():
    assert ref.empirical_distribution([2, 0, 2, 2]).tolist() == [0.25, 0.0, 0.75]
    assert ref.empirical_distribution(np.array([1.0, 1.0]), n_categories=4).tolist() == [0, 1, 0, 0]


# --- zero conventions and infinities -----------------------------------------------------------


def test_zero_log_zero_is_zero():
    assert ref.entropy([0.5, 0.5, 0.0]) == ref.entropy([0.5, 0.5])
    assert ref.entropy([1.0, 0.0, 0.0]) == 0.0
    assert ref.kl_divergence([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]) == pytest.approx(LN2, rel=1e-15)
    assert ref.kl_divergence([0.5, 0.0], [0.5, 0.0]) == 0.0
    assert ref.cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0
    assert ref.binary_cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0
    assert ref.bernoulli_log_likelihood([0, 0, 0], 0.0) == 0.0
    assert ref.bernoulli_log_likelihood([1, 1], 1.0) == 0.0


def test_infinite_where_a_possible_outcome_gets_probability_zero():
    assert ref.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert ref.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert ref.cross_entropy([0.0, 1.0, 0.0], [0.0, 0.0, 1.0]) == math.inf
    assert ref.binary_cross_entropy([1.0, 0.0], [0.0, 0.0]) == math.inf
    assert ref.binary_cross_entropy([0.5], [1.0]) == math.inf
    assert ref.bernoulli_log_likelihood([0, 1], 0.0) == -math.inf
    assert ref.bernoulli_log_likelihood([0, 1], 1.0) == -math.inf
    assert ref.bernoulli_log_likelihood_from_logits([0, 1], -math.inf) == -math.inf


def test_extreme_ratios_stay_finite_and_accurate():
    # p/q overflows (q subnormal) or underflows (p subnormal): the log p - log q fallback.
    got = ref.kl_divergence([0.5, 0.5], [1.0, 5e-324])
    assert got == pytest.approx(0.5 * math.log(0.5) + 0.5 * (math.log(0.5) + 744.4400719213812), rel=1e-14)
    assert math.isfinite(ref.kl_divergence([1.0, 5e-324], [0.5, 0.5]))


def test_kl_of_a_distribution_with_itself_is_exactly_zero():
    rng = np.random.default_rng(0)
    for p in (rng.dirichlet(np.ones(1000)), np.array([1.0, 0.0]), np.array([1e-300, 1.0, 0.0])):
        assert ref.kl_divergence(p, p) == 0.0
        assert ref.kl_divergence(p, p.copy()) == 0.0


def test_inputs_are_not_modified():
    p = np.array([0.5, 0.0, 0.5])
    q = np.array([0.25, 0.25, 0.5])
    for func in (ref.kl_divergence, ref.cross_entropy, ref.binary_cross_entropy):
        func(p, q)
    ref.entropy(p)
    assert p.tolist() == [0.5, 0.0, 0.5] and q.tolist() == [0.25, 0.25, 0.5]


EDGE_CALLS = [
    lambda: ref.entropy([0.0, 1.0, 0.0, 5e-324]),
    lambda: ref.entropy([0.0, 0.0]),
    lambda: ref.kl_divergence([0.0, 1.0], [0.0, 1.0]),
    lambda: ref.kl_divergence([0.5, 0.5], [0.0, 1.0]),
    lambda: ref.kl_divergence([0.5, 0.5], [5e-324, 1.0]),
    lambda: ref.kl_divergence([5e-324, 1.0], [1.0, 1e-300]),
    lambda: ref.cross_entropy([0.0, 1.0], [0.0, 1.0]),
    lambda: ref.cross_entropy([1.0, 0.0], [0.0, 1.0]),
    lambda: ref.binary_cross_entropy([0.0, 1.0, 1.0, 0.3], [0.0, 1.0, 0.0, 1.0]),
    lambda: ref.bernoulli_log_likelihood([0, 1], 0.0),
    lambda: ref.bernoulli_log_likelihood([0, 0], 0.0),
    lambda: ref.bernoulli_log_likelihood([1, 1], 1.0),
    lambda: ref.log_sum_exp([-np.inf, -np.inf]),
    lambda: ref.log_sum_exp([1000.0, -1000.0, -np.inf]),
    lambda: ref.log_sum_exp([np.inf, 0.0]),
    lambda: ref.log_sigmoid([-1000.0, 1000.0, np.inf, -np.inf, 0.0]),
    lambda: ref.bernoulli_log_likelihood_from_logits([0, 1, 0], [np.inf, -np.inf, 1000.0]),
    lambda: ref.bernoulli_log_likelihood_from_logits([0, 0], np.inf),
    lambda: ref.minimise_cross_entropy([0, 0, 0]),
    lambda: ref.minimise_cross_entropy([1, 1]),
]


@pytest.mark.parametrize("call", EDGE_CALLS)
def test_no_warning_and_no_nan_for_valid_input(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = call()
    assert not np.any(np.isnan(result))


# --- validation --------------------------------------------------------------------------------

BAD_CALLS = [
    (lambda: ref.entropy([[0.5, 0.5], [0.5, 0.5]]), ValueError, "p must be a 1-D array; got shape (2, 2)"),
    (lambda: ref.entropy(0.5), ValueError, "p must be a 1-D array; got shape ()"),
    (lambda: ref.entropy([]), ValueError, "p must not be empty"),
    (lambda: ref.entropy(["a"]), TypeError, "p must be a 1-D array-like of real numbers"),
    (lambda: ref.entropy([0.5, 0.6, -0.1]), ValueError, "p must not contain negative entries, nan or inf; got -0.1 at index 2"),
    (lambda: ref.entropy([0.5, np.nan]), ValueError, "got nan at index 1"),
    (lambda: ref.entropy([0.5, np.inf]), ValueError, "p must not contain negative entries, nan or inf; got inf at index 1"),
    (lambda: ref.entropy([0.5, 0.5], base=1), ValueError, "base must be a positive number other than 1; got 1.0"),
    (lambda: ref.entropy([0.5, 0.5], base=-2), ValueError, "base must be a positive number other than 1; got -2.0"),
    (lambda: ref.entropy([0.5, 0.5], base="2"), TypeError, "base must be a real number; got '2'"),
    (lambda: ref.kl_divergence([0.5, 0.5, 0.0], [0.5, 0.5, 0.0, 0.0]), ValueError, "p and q must have the same length; got 3 and 4"),
    (lambda: ref.kl_divergence([0.5, 0.5], [0.5, -0.5]), ValueError, "q must not contain negative entries, nan or inf; got -0.5 at index 1"),
    (lambda: ref.kl_divergence([0.5, 0.0], [0.5, np.inf]), ValueError, "q must not contain negative entries, nan or inf; got inf at index 1"),
    (lambda: ref.kl_divergence([0.5, 0.5], [np.nan, 0.5]), ValueError, "q must not contain negative entries, nan or inf; got nan at index 0"),
    (lambda: ref.kl_divergence([-0.5, 0.5], [0.5, 0.5]), ValueError, "p must not contain negative entries, nan or inf; got -0.5 at index 0"),
    (lambda: ref.cross_entropy([0.5, 0.5], [0.5]), ValueError, "p and q must have the same length; got 2 and 1"),
    (lambda: ref.cross_entropy([0.0, 1.0], [-1.0, 1.0]), ValueError, "q must not contain negative entries, nan or inf; got -1.0 at index 0"),
    (lambda: ref.cross_entropy([np.inf, 1.0], [0.5, 0.5]), ValueError, "p must not contain negative entries, nan or inf; got inf at index 0"),
    (lambda: ref.binary_cross_entropy([0.5, 1.5], [0.5, 0.5]), ValueError, "y must lie in [0, 1]; got 1.5 at index 1"),
    (lambda: ref.binary_cross_entropy([0.5], [np.nan]), ValueError, "y_hat must lie in [0, 1]; got nan at index 0"),
    (lambda: ref.binary_cross_entropy([0.5], [0.5, 0.5]), ValueError, "y and y_hat must have the same length; got 1 and 2"),
    (lambda: ref.bernoulli_log_likelihood([0, 1, 1, 2], 0.5), ValueError, "x must contain only 0s and 1s; got 2.0 at index 3"),
    (lambda: ref.bernoulli_log_likelihood([0, 1], 1.5), ValueError, "theta must lie in [0, 1]; got 1.5"),
    (lambda: ref.bernoulli_log_likelihood([0, 1], np.nan), ValueError, "theta must lie in [0, 1]; got nan"),
    (lambda: ref.bernoulli_log_likelihood([0, 1], "0.5"), TypeError, "theta must be a real number; got '0.5'"),
    (lambda: ref.bernoulli_log_likelihood([0, 1], [0.5, 0.5]), TypeError, "theta must be a real number"),
    (lambda: ref.bernoulli_log_likelihood([], 0.5), ValueError, "x must not be empty"),
    (lambda: ref.bernoulli_mle([0, 0.5]), ValueError, "x must contain only 0s and 1s; got 0.5 at index 1"),
    (lambda: ref.bernoulli_mle([[0, 1]]), ValueError, "x must be a 1-D array; got shape (1, 2)"),
    (lambda: ref.log_sum_exp([0.0, np.nan]), ValueError, "a must not contain nan; got nan at index 1"),
    (lambda: ref.log_sum_exp([]), ValueError, "a must not be empty"),
    (lambda: ref.log_sigmoid([0.0, np.nan]), ValueError, "z must not contain nan; got nan at index 1"),
    (lambda: ref.log_sigmoid("z"), TypeError, "z must be a real number or an array-like of them"),
    (lambda: ref.bernoulli_log_likelihood_from_logits([0, 1], [0.0]), ValueError, "x and z must have the same length; got 2 and 1"),
    (lambda: ref.bernoulli_log_likelihood_from_logits([0, 3], 0.0), ValueError, "x must contain only 0s and 1s; got 3.0 at index 1"),
    (lambda: ref.empirical_distribution([0, -1]), ValueError, "x must contain only non-negative whole numbers; got -1.0 at index 1"),
    (lambda: ref.empirical_distribution([0, 2], n_categories=2), ValueError, "n_categories must exceed every sample; got n_categories=2"),
    (lambda: ref.empirical_distribution([0, 1], n_categories=2.0), TypeError, "n_categories must be an int; got 2.0"),
    (lambda: ref.minimise_cross_entropy([0, 1, 7]), ValueError, "x must contain only 0s and 1s; got 7.0 at index 2"),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_CALLS, ids=[m for _, _, m in BAD_CALLS])
def test_bad_input_raises_a_sentence_naming_the_parameter(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


# --- doctests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("module", [information, likelihood, logspace], ids=lambda m: m.__name__)
def test_doctests_pass(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_public_api_is_exported():
    assert sorted(ref.__all__) == sorted(
        [
            "entropy", "kl_divergence", "cross_entropy", "binary_cross_entropy",
            "bernoulli_log_likelihood", "bernoulli_mle", "log_sum_exp", "log_sigmoid",
            "bernoulli_log_likelihood_from_logits", "empirical_distribution",
            "minimise_cross_entropy", "log_softmax", "softmax", "softmax_cross_entropy",
            "softmax_cross_entropy_grad",
        ]
    )
    assert all(callable(getattr(ref, name)) for name in ref.__all__)


# --- properties (Hypothesis) -------------------------------------------------------------------


@st.composite
def distributions(draw, size=None, zeros=True):
    """Probability vectors with some exact zeros, tiny entries and a wide spread of sizes."""
    n = size if size is not None else draw(st.integers(1, 40))
    entry = st.floats(1e-300, 1.0)
    if zeros:
        entry = st.one_of(st.just(0.0), entry)
    raw = np.array(draw(st.lists(entry, min_size=n, max_size=n)))
    if raw.sum() == 0:
        raw[draw(st.integers(0, n - 1))] = 1.0
    return raw / raw.sum()


@st.composite
def distribution_pairs(draw):
    n = draw(st.integers(1, 40))
    return draw(distributions(size=n)), draw(distributions(size=n))


def binary_samples():
    return st.lists(st.sampled_from([0.0, 1.0]), min_size=1, max_size=300).map(np.array)


@DETERMINISTIC
@given(distribution_pairs())
def test_cross_entropy_is_entropy_plus_divergence(pair):
    p, q = pair
    h_pq, h_p, d = ref.cross_entropy(p, q), ref.entropy(p), ref.kl_divergence(p, q)
    if math.isinf(h_pq):
        assert d == math.inf
        return
    assert h_pq == pytest.approx(h_p + d, rel=1e-12, abs=1e-12 * (h_p + abs(d)) + 1e-300)


@DETERMINISTIC
@given(distribution_pairs())
def test_gibbs_inequality(pair):
    p, q = pair
    assert ref.kl_divergence(p, q) >= -1e-12 * (1 + ref.cross_entropy(p, q))
    assert ref.kl_divergence(p, p) == 0.0


@DETERMINISTIC
@given(distributions())
def test_entropy_bounds(p):
    h = ref.entropy(p)
    assert 0.0 <= h <= math.log(p.size) * (1 + 1e-10) + 1e-300


@DETERMINISTIC
@given(distributions(), st.sampled_from([2.0, 10.0, math.e, 0.5, 3.7]))
def test_base_change(p, base):
    assert ref.entropy(p, base=base) == pytest.approx(ref.entropy(p) / math.log(base), rel=1e-14, abs=1e-300)


@DETERMINISTIC
@given(distribution_pairs(), st.randoms(use_true_random=False))
def test_permutation_invariance(pair, random):
    p, q = pair
    order = list(range(p.size))
    random.shuffle(order)
    for func in (ref.kl_divergence, ref.cross_entropy):
        assert func(p[order], q[order]) == pytest.approx(func(p, q), rel=1e-12, abs=1e-300)
    assert ref.entropy(p[order]) == pytest.approx(ref.entropy(p), rel=1e-12, abs=1e-300)


@DETERMINISTIC
@given(binary_samples(), st.floats(0.0, 1.0))
def test_mean_negative_log_likelihood_is_cross_entropy_with_the_empirical_distribution(x, theta):
    nll = -ref.bernoulli_log_likelihood(x, theta) / x.size
    empirical = ref.empirical_distribution(x, n_categories=2)
    # 1 - theta is rounded here while the likelihood uses log1p(-theta): an absolute slack.
    assert ref.cross_entropy(empirical, [1 - theta, theta]) == pytest.approx(nll, rel=1e-12, abs=1e-15)
    assert ref.binary_cross_entropy(x, np.full(x.size, theta)) == pytest.approx(nll, rel=1e-12, abs=1e-300)


@DETERMINISTIC
@given(binary_samples())
def test_numerical_minimiser_finds_the_sample_mean(x):
    assert ref.minimise_cross_entropy(x) == pytest.approx(ref.bernoulli_mle(x), rel=1e-10, abs=0)


@DETERMINISTIC
@given(binary_samples(), st.floats(-15.0, 15.0))
def test_logits_agree_with_probabilities(x, z):
    # Rounding theta = sigma(z) costs log(1 - theta) a relative error of about eps * e^|z|,
    # which is the reason to work from logits; |z| <= 15 keeps it below 1e-9.
    theta = 1 / (1 + math.exp(-z))
    if 0 < theta < 1:
        expected = ref.bernoulli_log_likelihood(x, theta)
        assert ref.bernoulli_log_likelihood_from_logits(x, z) == pytest.approx(expected, rel=1e-9)
        assert ref.bernoulli_log_likelihood_from_logits(x, np.full(x.size, z)) == pytest.approx(
            ref.bernoulli_log_likelihood_from_logits(x, z), rel=1e-13
        )


@DETERMINISTIC
@given(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=50))
def test_log_sum_exp_bounds_and_shift(a):
    a = np.array(a)
    lse = ref.log_sum_exp(a)
    assert a.max() <= lse <= a.max() + math.log(a.size) + 1e-12
    assert ref.log_sum_exp(a - 7.0) == pytest.approx(lse - 7.0, rel=1e-12, abs=1e-12)


def test_minimiser_handles_boundaries_and_large_samples():
    assert ref.minimise_cross_entropy(np.zeros(10)) == 0.0
    assert ref.minimise_cross_entropy(np.ones(10)) == 1.0
    x = np.zeros(10**6)
    x[:3] = 1.0
    assert ref.minimise_cross_entropy(x) == pytest.approx(3e-6, rel=1e-12)
