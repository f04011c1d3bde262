"""Softmax classifiers from logits: log-softmax, cross-entropy and its gradient.

A classifier's last layer produces *logits* :math:`z` (unnormalised
log-probabilities); softmax turns each row into a probability vector. Done
naively (``exp``, then divide, then ``log``) this overflows for logits near
1000 and underflows to ``log 0`` for logits near -1000. Every function here
works in log space: subtract the row's largest logit, and where the other
terms add up to less than 1, keep the largest term's 1 out of the sum and add it
back with ``log1p``.

Shapes: ``logits`` is ``(m, n)``, m examples (rows) and n classes; ``labels``
is either ``(m,)`` integer class indices or ``(m, n)`` rows of probabilities
(soft labels). The loss is a mean over rows.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["log_softmax", "softmax", "softmax_cross_entropy", "softmax_cross_entropy_grad"]


def _logits(z, name: str = "logits") -> tuple[np.ndarray, np.ndarray]:
    """``z`` as a 2-D float64 array (no nan, no +inf, a finite entry in every row) and its
    row maxima as a column."""
    try:
        z = np.asarray(z, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a 2-D array-like of real numbers; got "
                        f"{type(z).__name__} ({error})") from None
    if z.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array (rows of logits); got shape {z.shape}")
    if z.size == 0:
        raise ValueError(f"{name} must have at least one row and one column; got shape {z.shape}")
    top = z.max(axis=1, keepdims=True)  # nan propagates through max
    if not np.all(np.isfinite(top)):
        row = int(np.argmax(~np.isfinite(top[:, 0])))
        bad = "nan" if np.isnan(z[row]).any() else ("+inf" if top[row, 0] > 0 else "only -inf")
        raise ValueError(f"{name} must hold finite numbers (-inf allowed) with a finite entry in "
                         f"every row; row {row} has {bad}")
    return z, top


def _labels(labels, shape: tuple[int, int]) -> np.ndarray:
    """Class indices ``(m,)`` as int64, or probability rows ``(m, n)`` as float64."""
    m, n = shape
    y = np.asarray(labels)
    if y.ndim == 1:
        if y.shape[0] != m:
            raise ValueError(f"labels must have one entry per row of logits ({m}); got {y.shape[0]}")
        if y.dtype.kind == "f" and np.all(y == np.round(y)):
            y = y.astype(np.int64)
        if y.dtype.kind not in "iu":
            raise TypeError(f"class-index labels must be integers; got dtype {y.dtype}")
        if y.size and (y.min() < 0 or y.max() >= n):
            i = int(np.argmax((y < 0) | (y >= n)))
            raise ValueError(f"labels must be class indices in [0, {n}); got {int(y[i])} at "
                             f"index {i}")
        return y.astype(np.int64, copy=False)
    if y.ndim == 2:
        if y.shape != shape:
            raise ValueError(f"probability labels must have the shape of logits {shape}; got "
                             f"{y.shape}")
        y = np.asarray(y, dtype=float)
        if not (y.min() >= 0 and y.max() < math.inf):
            raise ValueError("probability labels must be finite and non-negative")
        return y
    raise ValueError(f"labels must be class indices (m,) or probability rows (m, n); got shape "
                     f"{y.shape}")


def _shifted_lse(z: np.ndarray, top: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``z - max`` per row, and the log-sum-exp of each shifted row as a column.

    The sum includes the largest term's 1. Where the other terms add up to less than 1, the
    rounding of ``1 + t`` would cost ``t`` its relative accuracy, so those rows are summed again
    without the 1 and finished with ``log1p``.
    """
    shifted = z - top  # every entry <= 0; -inf stays -inf
    with np.errstate(under="ignore"):
        e = np.exp(shifted)
    total = e.sum(axis=1, keepdims=True)
    lse = np.log(total)
    close = total[:, 0] < 2.0
    if close.any():
        rows = shifted[close]
        rest = np.where(rows < 0, e[close], 0.0).sum(axis=1)
        rest += np.count_nonzero(rows == 0, axis=1) - 1  # ties with the maximum count fully
        lse[close, 0] = np.log1p(rest)
    return shifted, lse


def log_softmax(z) -> np.ndarray:
    r"""Log-softmax of each row of a 2-D array of logits.

    Parameters
    ----------
    z : array_like, shape (m, n)
        Logits, one row per example. ``-inf`` (a class ruled out) is allowed;
        nan and ``+inf`` are not, and every row needs a finite entry.

    Returns
    -------
    ndarray, shape (m, n)
        :math:`\log \operatorname{softmax}(z)_{ri}`; every entry is :math:`\le 0` and
        the exponentials of a row sum to 1.

    Raises
    ------
    ValueError
        If `z` is not 2-D, is empty, or has nan, ``+inf`` or a row of ``-inf``.
    TypeError
        If `z` cannot be read as real numbers.

    Notes
    -----
    .. math::

        \log \operatorname{softmax}(z)_i = z_i - \log \sum_j e^{z_j}
                                        = (z_i - z_k) - \log\Bigl(1 + \sum_{j \ne k}
                                          e^{z_j - z_k}\Bigr), \qquad z_k = \max_j z_j .

    Every exponent is at most 0 (no overflow), and a logit 2000 below the
    largest gives :math:`-2000`, not :math:`\log 0`. Adding a constant to a row
    changes nothing (shift invariance), which is why subtracting the largest
    logit is allowed.

    Examples
    --------
    >>> out = log_softmax([[1000.0, 1000.0], [0.0, -1000.0]])
    >>> np.allclose(out, [[-math.log(2), -math.log(2)], [0.0, -1000.0]], rtol=1e-15, atol=0)
    True
    >>> float(np.exp(log_softmax([[1.0, 2.0, 3.0]])).sum())
    1.0
    """
    shifted, lse = _shifted_lse(*_logits(z, "z"))
    shifted -= lse
    return shifted


def softmax(z) -> np.ndarray:
    r"""Softmax of each row of a 2-D array of logits: :math:`e^{z_i} / \sum_j e^{z_j}`.

    Computed as ``exp(log_softmax(z))``, so it never overflows.

    Examples
    --------
    >>> softmax([[0.0, 0.0], [1000.0, 0.0]]).tolist()
    [[0.5, 0.5], [1.0, 0.0]]
    """
    with np.errstate(under="ignore"):
        return np.exp(log_softmax(z))


def softmax_cross_entropy(logits, labels) -> float:
    r"""Mean cross-entropy of softmax predictions against labels, from logits.

    Parameters
    ----------
    logits : array_like, shape (m, n)
        Logits, one row per example (see :func:`log_softmax`).
    labels : array_like, shape (m,) or (m, n)
        Either integer class indices in ``[0, n)`` or rows of probabilities
        (soft labels; used as given, not renormalised).

    Returns
    -------
    float
        :math:`L = \frac1m \sum_r H(y_r, \operatorname{softmax}(z_r))`, in nats;
        ``+inf`` when a label with positive weight has logit ``-inf``.

    Notes
    -----
    .. math::

        L = -\frac1m \sum_{r=1}^m \sum_i y_{ri} \log \operatorname{softmax}(z_r)_i ,
        \qquad y_{ri} \log(\cdot) = 0 \text{ when } y_{ri} = 0,

    which for class indices is :math:`-\frac1m \sum_r \log\operatorname{softmax}(z_r)_{c_r}`,
    the average negative log-likelihood of the true classes. Row by row it is
    ``cross_entropy(y_r, softmax(z_r))``.

    Examples
    --------
    >>> math.isclose(softmax_cross_entropy([[0.0, 0.0]], [1]), math.log(2), rel_tol=1e-15)
    True
    >>> softmax_cross_entropy([[1000.0, -1000.0]], [1])
    2000.0
    >>> softmax_cross_entropy([[2.0, 0.0], [2.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]]) == \
    ...     softmax_cross_entropy([[2.0, 0.0], [2.0, 0.0]], [0, 0])
    True
    """
    z, top = _logits(logits)
    y = _labels(labels, z.shape)
    shifted, lse = _shifted_lse(z, top)
    m = z.shape[0]
    if y.ndim == 1:  # -log softmax of the true class: lse - (z_c - max), both terms >= 0
        return float((lse[:, 0] - shifted[np.arange(m), y]).sum() / m) + 0.0
    terms = np.zeros_like(shifted)
    np.multiply(y, shifted, out=terms, where=y > 0)  # 0 * log 0 = 0
    # -sum_i y_i (shifted_i - lse) = lse * sum_i y_i - sum_i y_i shifted_i: two terms >= 0
    return float(((lse[:, 0] * y.sum(axis=1)).sum() - terms.sum()) / m) + 0.0


def softmax_cross_entropy_grad(logits, labels) -> np.ndarray:
    r"""Gradient of :func:`softmax_cross_entropy` with respect to the logits.

    Parameters
    ----------
    logits : array_like, shape (m, n)
    labels : array_like, shape (m,) or (m, n)
        As for :func:`softmax_cross_entropy`.

    Returns
    -------
    ndarray, shape (m, n)
        :math:`\partial L / \partial z_{ri}`.

    Notes
    -----
    .. math::

        \frac{\partial L}{\partial z_{ri}} = \frac{\operatorname{softmax}(z_r)_i\,
        \textstyle\sum_j y_{rj} - y_{ri}}{m} = \frac{\operatorname{softmax}(z_r)_i - y_{ri}}{m}
        \quad\text{when each label row sums to 1.}

    Each row then sums to 0. Where the true class already has probability
    close to 1, :math:`s - 1` is computed as ``expm1(log s)``, so the tiny
    remaining gradient keeps its digits.

    Examples
    --------
    >>> softmax_cross_entropy_grad([[0.0, 0.0], [0.0, 0.0]], [0, 1]).tolist()
    [[-0.25, 0.25], [0.25, -0.25]]
    >>> g = softmax_cross_entropy_grad([[40.0, 0.0]], [0])
    >>> math.isclose(g[0, 0], -math.exp(-40), rel_tol=1e-14)
    True
    """
    z, top = _logits(logits)
    y = _labels(labels, z.shape)
    ls, lse = _shifted_lse(z, top)
    ls -= lse
    m = z.shape[0]
    with np.errstate(under="ignore"):
        s = np.exp(ls)
    rows = np.arange(m)
    if y.ndim == 1:
        s[rows, y] = np.expm1(ls[rows, y])
        return s / m
    total = y.sum(axis=1, keepdims=True)
    grad = s * total - y
    hard = (y == 1.0) & (total == 1.0)  # one-hot rows: s - 1 without cancellation
    grad[hard] = np.expm1(ls[hard])
    return grad / m
