"""Accuracy of the reference library against a 50-digit mpmath oracle.

The oracle is applied to the exact doubles the reference receives:
``mpmath.mpf(float)`` converts a float64 without rounding, and nothing is
rounded again until the exact value is compared. A case passes when the
relative error is at most 1e-12 (the project's bar; every case here is in
fact within a few units in the last place). Results that are not normal
floats (0, subnormal, inf) are compared exactly or skipped as the comments
say, and so are KL divergences below about 1e-15, whose leading digits
cancel in any float64 evaluation; see ``test_tiny_kl_is_graded_absolutely``.

Large inputs (10^6 and 10^7 elements) are built from a few hundred distinct
values repeated and shuffled, so that the oracle can sum by distinct value
with counts while the reference still adds up every element in a scrambled
order.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

import solutions as ref

mpmath.mp.dps = 50
mpf = mpmath.mpf
RTOL = 1e-12
TINY = np.finfo(float).tiny


# --- exact oracles (every input float converted exactly) ------------------------------------


def _grouped(*arrays):
    """Distinct rows of the stacked arrays with their counts: the oracle sums by group."""
    stacked = np.stack(arrays, axis=1)
    rows, counts = np.unique(stacked, axis=0, return_counts=True)
    return [(tuple(mpf(float(v)) for v in row), int(c)) for row, c in zip(rows, counts)]


def mp_entropy(p):
    return -mpmath.fsum(c * v * mpmath.log(v) for (v,), c in _grouped(p) if v > 0)


def mp_kl(p, q):
    terms = []
    for (pi, qi), c in _grouped(p, q):
        if pi > 0:
            if qi == 0:
                return mpmath.inf
            terms.append(c * pi * mpmath.log(pi / qi))
    return mpmath.fsum(terms)


def mp_cross_entropy(p, q):
    terms = []
    for (pi, qi), c in _grouped(p, q):
        if pi > 0:
            if qi == 0:
                return mpmath.inf
            terms.append(-c * pi * mpmath.log(qi))
    return mpmath.fsum(terms)


def mp_bce(y, y_hat):
    terms = []
    for (yi, hi), c in _grouped(y, y_hat):
        if yi > 0:
            terms.append(c * yi * mpmath.log(hi))
        if yi < 1:
            terms.append(c * (1 - yi) * mpmath.log(1 - hi))
    return -mpmath.fsum(terms) / len(y)


def mp_bernoulli_ll(x, theta):
    k = int(np.count_nonzero(np.asarray(x) == 1))
    n, t = len(x), mpf(theta)
    return (k * mpmath.log(t) if k else 0) + ((n - k) * mpmath.log(1 - t) if n - k else 0)


def mp_log_sigmoid(z):
    return -mpmath.log1p(mpmath.exp(-mpf(z)))


def mp_ll_from_logits(x, z):
    return mpmath.fsum(
        c * mp_log_sigmoid(zi if xi == 1 else -zi) for (xi, zi), c in _grouped(x, z)
    )


def mp_log_sum_exp(a):
    return mpmath.log(mpmath.fsum(mpmath.exp(mpf(float(v))) for v in a))


# --- the battery -----------------------------------------------------------------------------

RNG = np.random.default_rng(20240601)


def _dist(n, zeros=0, tiny=0, seed_values=None):
    """A random probability vector with some exact zeros and some 1e-300 entries."""
    p = RNG.random(n) if seed_values is None else seed_values
    p[:zeros] = 0.0
    p[zeros : zeros + tiny] = 1e-300
    p = p / p.sum()
    return RNG.permutation(p)


def _tiled(values, size):
    """``size`` elements drawn from ``values``, shuffled."""
    return RNG.choice(values, size=size)


def _normalised(a):
    return a / a.sum()


_distinct = RNG.random(300) + 1e-3
BIG_P = _normalised(_tiled(_distinct, 10**6))
BIG_Q = _normalised(_tiled(RNG.random(300) + 1e-3, 10**6))
UNIFORM = np.full(10**6, 1e-6)
NEAR_DEGENERATE = np.array([1 - 3e-12, 1e-12, 1e-12, 1e-12])
WITH_TINY = _dist(1000, zeros=100, tiny=100)
SOFT = _dist(1000)

CASES = {
    # entropy
    "entropy/random": (ref.entropy, (SOFT,), mp_entropy),
    "entropy/zeros-and-1e-300": (ref.entropy, (WITH_TINY,), mp_entropy),
    "entropy/uniform-1e6": (ref.entropy, (UNIFORM,), mp_entropy),
    "entropy/random-1e6": (ref.entropy, (BIG_P,), mp_entropy),
    "entropy/near-degenerate": (ref.entropy, (NEAR_DEGENERATE,), mp_entropy),
    "entropy/subnormal-entries": (ref.entropy, (np.array([0.5, 0.5, 5e-324, 1e-310]),), mp_entropy),
    # KL divergence
    "kl/random": (ref.kl_divergence, (SOFT, _dist(1000)), mp_kl),
    "kl/p-zeros-q-1e-300": (ref.kl_divergence, (WITH_TINY, _dist(1000, tiny=50)), mp_kl),
    "kl/q-subnormal": (ref.kl_divergence, (np.array([0.5, 0.5]), np.array([1.0, 5e-324])), mp_kl),
    "kl/p-subnormal": (ref.kl_divergence, (np.array([1.0, 5e-324]), np.array([0.5, 0.5])), mp_kl),
    "kl/random-1e6": (ref.kl_divergence, (BIG_P, BIG_Q), mp_kl),
    "kl/uniform-vs-random-1e6": (ref.kl_divergence, (UNIFORM, BIG_Q), mp_kl),
    "kl/near-degenerate": (ref.kl_divergence, (NEAR_DEGENERATE, np.full(4, 0.25)), mp_kl),
    # cross-entropy
    "ce/random": (ref.cross_entropy, (SOFT, _dist(1000)), mp_cross_entropy),
    "ce/one-hot-q-1e-300": (
        ref.cross_entropy,
        (np.eye(1, 1000, 7)[0], _dist(1000, tiny=10)),
        mp_cross_entropy,
    ),
    "ce/zeros-q-1e-300": (ref.cross_entropy, (WITH_TINY, _dist(1000, tiny=300)), mp_cross_entropy),
    "ce/random-1e6": (ref.cross_entropy, (BIG_P, BIG_Q), mp_cross_entropy),
    "ce/near-degenerate": (ref.cross_entropy, (NEAR_DEGENERATE, NEAR_DEGENERATE), mp_cross_entropy),
    # binary cross-entropy
    "bce/soft": (ref.binary_cross_entropy, (RNG.random(1000), RNG.random(1000)), mp_bce),
    "bce/extreme-predictions": (
        ref.binary_cross_entropy,
        (np.array([0.0, 1.0, 0.0, 1.0, 0.3]), np.array([1e-17, 1 - 1e-16, 1e-300, 0.5, 1e-17])),
        mp_bce,
    ),
    "bce/confident-and-right-1e6": (
        ref.binary_cross_entropy,
        (np.zeros(10**6), _tiled(np.array([1e-17, 1e-16, 3e-18]), 10**6)),
        mp_bce,
    ),
    "bce/hard-labels-1e6": (
        ref.binary_cross_entropy,
        ((RNG.random(10**6) < 0.3).astype(float), _tiled(RNG.random(200), 10**6)),
        mp_bce,
    ),
}

X_1E6 = (RNG.random(10**6) < 0.37).astype(float)
X_1E7 = np.zeros(10**7)
X_1E7[RNG.choice(10**7, 1234567, replace=False)] = 1.0
for theta in (0.37, 1e-17, 1 - 1e-16, 1e-300, 0.5):
    CASES[f"bernoulli_ll/theta={theta!r}/1e6"] = (
        ref.bernoulli_log_likelihood,
        (X_1E6, theta),
        mp_bernoulli_ll,
    )
CASES["bernoulli_ll/1e7"] = (ref.bernoulli_log_likelihood, (X_1E7, 0.1234567), mp_bernoulli_ll)

LOGITS = np.array([1000.0, -1000.0, 40.0, -40.0, 1e-3, -1e-3, 0.0, 36.7, -745.0])
for z in LOGITS.tolist():
    CASES[f"log_sigmoid/{z!r}"] = (ref.log_sigmoid, (z,), mp_log_sigmoid)
CASES["ll_from_logits/mixed"] = (
    ref.bernoulli_log_likelihood_from_logits,
    (np.tile([1.0, 0.0, 1.0], 3), np.tile(LOGITS, 1)[:9]),
    mp_ll_from_logits,
)
CASES["ll_from_logits/1e6"] = (
    ref.bernoulli_log_likelihood_from_logits,
    (X_1E6, _tiled(np.linspace(-1000, 1000, 101), 10**6)),
    mp_ll_from_logits,
)
for name, a in {
    "huge": [1000.0, 999.0, -1000.0],
    "very-negative": [-1000.0, -1000.5, -1001.0],
    "one-dominant": [0.0, -46.0, -50.0],
    "mixed": list(RNG.normal(0, 30, 200)),
    "with-minus-inf": [-np.inf, 2.0, 3.0],
}.items():
    CASES[f"log_sum_exp/{name}"] = (ref.log_sum_exp, (np.array(a),), mp_log_sum_exp)


def relative_error(got: float, exact) -> float:
    return float(abs((mpf(got) - exact) / exact))


def _is_normal(exact) -> bool:
    return mpmath.isfinite(exact) and TINY <= abs(exact) <= np.finfo(float).max


@pytest.mark.parametrize("case", sorted(CASES))
def test_matches_mpmath_oracle(case):
    func, args, oracle = CASES[case]
    got = func(*args)
    exact = oracle(*args)
    if not _is_normal(exact):
        # 0, inf and results below the normal range: compare with the double nearest the
        # exact value, to within one subnormal step.
        assert got == pytest.approx(float(exact), rel=0, abs=5e-324) or got == float(exact)
        return
    assert relative_error(got, exact) <= RTOL, (case, got, exact)


def test_bernoulli_counts_are_exact_so_size_does_not_matter():
    # k log(theta) + (n - k) log1p(-theta) has two roundings whatever n is.
    for x in (X_1E6, X_1E7):
        got = ref.bernoulli_log_likelihood(x, 0.3)
        assert relative_error(got, mp_bernoulli_ll(x, 0.3)) <= 4 * np.finfo(float).eps


def test_tiny_kl_is_graded_absolutely():
    # D(p||q) ~ 1e-20: its terms are ~1e-10 of both signs, so float64 rounding of the
    # terms alone is ~1e-26 absolute; relative accuracy is not graded below ~1e-15
    # (the project's tolerance policy), absolute accuracy is.
    p = np.array([0.5, 0.5])
    q = np.array([0.5 + 1e-10, 0.5 - 1e-10])
    exact = mp_kl(p, q)
    assert float(exact) < 1e-15
    assert abs(ref.kl_divergence(p, q) - float(exact)) <= 1e-18
