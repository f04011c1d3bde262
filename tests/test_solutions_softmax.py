"""The softmax reference: accuracy against a 50-digit mpmath oracle, conventions, errors, doctests.

The oracle works on the exact doubles the reference receives (``mpmath.mpf(float)`` is exact).
Log-softmax entries and the loss must be within 1e-12 relative of the exact value; gradient
entries too when labels are class indices (``s - 1`` is computed without cancellation), and
within 1e-12 of the entry's scale ``(s + y) / m`` for probability rows, where ``s - y`` cancels
in any float64 evaluation.
"""

from __future__ import annotations

import doctest
import math

import mpmath
import numpy as np
import pytest

import solutions as ref
from solutions import logits as softmax_module

RTOL = 1e-12


def mp_log_softmax(z):
    """Exact log-softmax; shifted by the row's max so that tiny results keep their digits."""
    out = []
    for row in np.asarray(z, float):
        top = mpmath.mpf(float(row.max()))
        shifted = [mpmath.mpf(float(v)) - top for v in row]  # exact at 50 digits
        k = int(np.argmax(row))
        lse = mpmath.log1p(mpmath.fsum(mpmath.exp(v) for j, v in enumerate(shifted) if j != k))
        out.append([v - lse for v in shifted])
    return out


def mp_loss_and_grad(z, labels):
    with mpmath.workdps(150):  # exp(ls) - 1 cancels: enough digits for a result of 1e-300
        return _mp_loss_and_grad(z, labels)


def _mp_loss_and_grad(z, labels):
    ls = mp_log_softmax(z)
    m, n = np.shape(z)
    y = np.eye(n)[labels] if np.ndim(labels) == 1 else np.asarray(labels, float)
    loss = -mpmath.fsum(mpmath.mpf(float(y[r, i])) * ls[r][i]
                        for r in range(m) for i in range(n) if y[r, i] > 0) / m
    # s * sum(y) - y written as y (s - 1) + s (sum(y) - y), with s - 1 = expm1(log s): no
    # cancellation even where s is within 1e-300 of 1
    grad = []
    for r in range(m):
        total = mpmath.fsum(mpmath.mpf(float(v)) for v in y[r])
        grad.append([(mpmath.mpf(float(y[r, i])) * mpmath.expm1(ls[r][i])
                      + mpmath.exp(ls[r][i]) * (total - mpmath.mpf(float(y[r, i])))) / m
                     for i in range(n)])
    return loss, grad, y


def _logits(seed):
    rng = np.random.default_rng(seed)
    m, n = rng.integers(1, 6), rng.integers(2, 7)
    scale = [1.0, 30.0, 1000.0][seed % 3]
    return rng.normal(0.0, scale, (m, n))


SEEDS = range(24)


@pytest.mark.parametrize("seed", SEEDS)
def test_log_softmax_is_exact_to_1e_12(seed):
    z = _logits(seed)
    got = ref.log_softmax(z)
    with mpmath.workdps(50):
        exact = mp_log_softmax(z)
    for r, row in enumerate(exact):
        for i, e in enumerate(row):
            if e < -1e300 or got[r, i] == 0:
                assert abs(mpmath.mpf(float(got[r, i])) - e) < 1e-300 or got[r, i] == float(e)
                continue
            assert abs((mpmath.mpf(float(got[r, i])) - e) / e) <= RTOL, (r, i)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", ["indices", "soft"])
def test_loss_and_gradient_are_exact(seed, kind):
    z = _logits(seed)
    rng = np.random.default_rng(100 + seed)
    m, n = z.shape
    labels = rng.integers(0, n, m) if kind == "indices" else rng.dirichlet(np.ones(n), m)
    loss, grad, y = mp_loss_and_grad(z, labels)
    got = ref.softmax_cross_entropy(z, labels)
    if loss != 0:
        assert abs((got - loss) / loss) <= RTOL
    g = ref.softmax_cross_entropy_grad(z, labels)
    s = np.exp(ref.log_softmax(z))
    for r in range(m):
        for i in range(n):
            exact = grad[r][i]
            error = abs(mpmath.mpf(float(g[r, i])) - exact)
            scale = abs(exact) if kind == "indices" else (s[r, i] + y[r, i]) / m
            assert error <= RTOL * scale + 1e-300, (r, i, g[r, i], exact)


def test_conventions_at_1000():
    assert ref.log_softmax([[1000.0, 0.0, -1000.0]]).tolist() == [[0.0, -1000.0, -2000.0]]
    assert ref.softmax_cross_entropy([[1000.0, -1000.0]], [1]) == 2000.0
    assert ref.softmax_cross_entropy([[0.0, -math.inf]], [1]) == math.inf
    assert ref.softmax_cross_entropy([[0.0, -math.inf]], [[1.0, 0.0]]) == 0.0
    g = ref.softmax_cross_entropy_grad([[1000.0, -1000.0], [1000.0, 1000.0]], [1, 0])
    assert np.isfinite(g).all() and np.allclose(g.sum(axis=1), 0.0, atol=1e-16)


def test_shift_invariance_and_labels_agree():
    z = np.random.default_rng(1).normal(size=(5, 4))
    labels = np.array([0, 3, 1, 1, 2])
    np.testing.assert_allclose(ref.log_softmax(z + 700.0), ref.log_softmax(z), rtol=0, atol=1e-12)
    one_hot = np.eye(4)[labels]
    assert ref.softmax_cross_entropy(z, labels) == pytest.approx(
        ref.softmax_cross_entropy(z, one_hot), rel=1e-15)
    rows = [ref.cross_entropy(one_hot[r], ref.softmax(z)[r]) for r in range(5)]
    assert ref.softmax_cross_entropy(z, labels) == pytest.approx(np.mean(rows), rel=1e-14)


BAD = [
    (lambda: ref.log_softmax([1.0, 2.0]), ValueError, "z must be a 2-D array"),
    (lambda: ref.log_softmax([[1.0, np.nan]]), ValueError, "row 0 has nan"),
    (lambda: ref.log_softmax([[1.0, np.inf]]), ValueError, "row 0 has +inf"),
    (lambda: ref.softmax_cross_entropy([[0.0, 0.0]], [2]), ValueError, "class indices in [0, 2)"),
    (lambda: ref.softmax_cross_entropy([[0.0, 0.0]], [0, 1]), ValueError, "one entry per row"),
    (lambda: ref.softmax_cross_entropy([[0.0, 0.0]], [[0.5, 0.5, 0.0]]), ValueError,
     "the shape of logits"),
    (lambda: ref.softmax_cross_entropy([[0.0, 0.0]], [0.5]), TypeError, "must be integers"),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD, ids=[m for _, _, m in BAD])
def test_bad_input_raises_a_sentence(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def test_doctests_pass():
    result = doctest.testmod(softmax_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
