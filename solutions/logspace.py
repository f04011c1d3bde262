"""Working in log space: log-sum-exp and the log of the logistic sigmoid.

Probabilities of long sequences and of confident predictions leave the range
of float64 long before their logarithms do, so the notebooks do arithmetic on
logs. These two helpers are the standard stable forms: shift by the largest
term before exponentiating, and never take the log of a number that has
already rounded to 0 or 1.
"""

from __future__ import annotations

import math

import numpy as np

from ._validate import as_vector

__all__ = ["log_sigmoid", "log_sum_exp"]


def log_sum_exp(a) -> float:
    r"""Logarithm of a sum of exponentials, without overflow or underflow.

    Parameters
    ----------
    a : array_like, shape (n,)
        Real numbers; ``-inf`` (a log-probability of 0) and ``+inf`` are
        allowed, nan is not.

    Returns
    -------
    float
        :math:`\log \sum_i e^{a_i}`; ``-inf`` when every entry is ``-inf``.

    Raises
    ------
    ValueError
        If `a` is not 1-D, is empty or contains nan.
    TypeError
        If `a` cannot be read as real numbers.

    Notes
    -----
    .. math::

        \log \sum_i e^{a_i} = m + \log\Bigl(1 + \sum_{i \ne k} e^{a_i - m}\Bigr),
        \qquad m = a_k = \max_i a_i .

    Every exponent is at most 0, so nothing overflows, and the term for the
    maximum is kept out of the sum and added back by ``log1p``, so a sum of
    tiny remaining terms is not lost against the 1. The result lies in
    :math:`[m, m + \log n]`. If the :math:`a_i` are log-probabilities, the
    result is the log of the total probability.

    Examples
    --------
    >>> math.isclose(log_sum_exp([1000.0, 1000.0]), 1000 + math.log(2), rel_tol=1e-15)
    True
    >>> math.isclose(log_sum_exp([-1000.0, -1000.0]), -1000 + math.log(2), rel_tol=1e-15)
    True
    >>> log_sum_exp([0.0, -np.inf])
    0.0
    >>> log_sum_exp([-np.inf, -np.inf])
    -inf
    """
    a = as_vector(a, "a")
    k = int(np.argmax(a))  # argmax stops at the first nan
    top = float(a[k])
    if math.isnan(top):
        raise ValueError(f"a must not contain nan; got nan at index {k}")
    if math.isinf(top):
        return top  # all -inf gives -inf; any +inf gives +inf
    with np.errstate(under="ignore"):
        shifted = np.exp(a - top)
    shifted[k] = 0.0
    return top + math.log1p(float(shifted.sum()))


def log_sigmoid(z):
    r"""Logarithm of the logistic sigmoid, elementwise and stable.

    Parameters
    ----------
    z : array_like or float
        Logits (log-odds), any shape; ``±inf`` allowed, nan not.

    Returns
    -------
    ndarray or float
        :math:`\log \sigma(z)` with the shape of `z`; a Python float when `z`
        is a scalar. Always :math:`\le 0`.

    Raises
    ------
    ValueError
        If `z` contains nan.
    TypeError
        If `z` cannot be read as real numbers.

    Notes
    -----
    .. math::

        \log \sigma(z) = -\log\left(1 + e^{-z}\right) = -\operatorname{softplus}(-z)
                       = \min(z, 0) - \log\left(1 + e^{-|z|}\right).

    The last form only ever exponentiates a non-positive number, so it cannot
    overflow, and ``log1p`` keeps the tiny correction when :math:`e^{-|z|}`
    is far below 1. It gives :math:`\log\sigma(-1000) = -1000` and
    :math:`\log\sigma(1000) = 0` where the naive ``log(1 / (1 + exp(-z)))``
    gives ``-inf`` with an overflow warning. Since :math:`1 - \sigma(z) =
    \sigma(-z)`, ``log_sigmoid(-z)`` is :math:`\log(1 - \sigma(z))`.

    Examples
    --------
    >>> math.isclose(log_sigmoid(0.0), -math.log(2), rel_tol=1e-15)
    True
    >>> print(log_sigmoid(-1000.0), log_sigmoid(1000.0) == 0)
    -1000.0 True
    >>> log_sigmoid([-np.inf, np.inf]).tolist()
    [-inf, 0.0]
    """
    try:
        z = np.asarray(z, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"z must be a real number or an array-like of them; got {type(z).__name__} ({error})"
        ) from None
    nan = np.isnan(z)
    if nan.any():
        flat = int(np.argmax(nan))
        index = flat if z.ndim == 1 else tuple(int(i) for i in np.unravel_index(flat, z.shape))
        where = f" at index {index}" if z.ndim else ""
        raise ValueError(f"z must not contain nan; got nan{where}")
    with np.errstate(under="ignore"):
        out = np.minimum(z, 0.0)
        out -= np.log1p(np.exp(-np.abs(z)))
    if out.ndim == 0:
        return float(out)
    return out
