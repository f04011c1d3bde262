"""Seeded random inputs for the ``*.random`` checks, as Hypothesis strategies of cases.

Every strategy draws exact Python floats and builds the case from their ``repr``, so the
shrunk counterexample a student sees is a call that reproduces the failure bit for bit.
Draws stay inside what the notebooks specify: probability vectors are normalised, and a
model gives positive probability wherever the target does (the ``support_mismatch`` checks
test the other case on purpose).
"""

from __future__ import annotations

from hypothesis import strategies as st

from ..cases import Arg, Case

_weight = st.one_of(st.just(0.0), st.floats(1e-3, 1.0))
_positive = st.floats(1e-3, 1.0)


def _normalised(weights: list[float]) -> list[float]:
    total = sum(weights)
    return [w / total for w in weights]


def _case(function: str, names: tuple[str, ...], *values, dtype=None) -> Case:
    return Case(function, names, tuple(Arg.literal(v, dtype=dtype) for v in values))


def distributions(function: str = "entropy", max_size: int = 12) -> st.SearchStrategy[Case]:
    """One probability vector, zeros allowed."""
    weights = st.lists(_weight, min_size=1, max_size=max_size).filter(lambda w: sum(w) > 0)
    return weights.map(lambda w: _case(function, ("p",), _normalised(w)))


def _pair(pq: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    wp = [a for a, _ in pq]
    wq = [b if a == 0 else max(b, 1e-3) for a, b in pq]  # q > 0 wherever p > 0
    return _normalised(wp), _normalised(wq)


def distribution_pairs(function: str, max_size: int = 12) -> st.SearchStrategy[Case]:
    """(p, q) of one length, with q positive wherever p is."""
    pairs = st.lists(st.tuples(_weight, _weight), min_size=1, max_size=max_size)
    pairs = pairs.filter(lambda pq: sum(a for a, _ in pq) > 0)
    return pairs.map(lambda pq: _case(function, ("p", "q"), *_pair(pq)))


def labels_and_predictions(max_size: int = 50) -> st.SearchStrategy[Case]:
    """Soft or hard labels y in [0, 1] with predictions strictly inside (0, 1)."""
    label = st.one_of(st.just(0.0), st.just(1.0), st.floats(0.0, 1.0))
    pred = st.floats(1e-6, 1 - 1e-6)
    rows = st.lists(st.tuples(label, pred), min_size=1, max_size=max_size)
    return rows.map(lambda r: _case("binary_cross_entropy", ("y", "y_hat"),
                                    [a for a, _ in r], [b for _, b in r]))


_bits = st.lists(st.integers(0, 1), min_size=1, max_size=200)


def samples_and_theta() -> st.SearchStrategy[Case]:
    """0/1 samples and a theta in [0, 1], boundaries included."""
    theta = st.one_of(st.just(0.0), st.just(1.0), st.floats(0.0, 1.0))
    return st.tuples(_bits, theta).map(
        lambda xt: _case("bernoulli_log_likelihood", ("x", "theta"), xt[0], xt[1], dtype="int64"))


def samples() -> st.SearchStrategy[Case]:
    """0/1 samples."""
    return _bits.map(lambda x: _case("bernoulli_mle", ("x",), x, dtype="int64"))
