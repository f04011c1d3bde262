"""The Bernoulli model: log-likelihood, maximum likelihood and its link to cross-entropy.

A sample of 0/1 outcomes enters every function here only through two exact
integers, the number of ones ``k`` and the sample size ``n``. That makes the
log-likelihood a two-term formula that costs one pass over the data (to count
and to check the samples) and is accurate to a couple of roundings whatever
the sample size.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._validate import as_vector, check_binary_samples, check_same_length, check_theta
from .logspace import log_sigmoid

__all__ = [
    "bernoulli_log_likelihood",
    "bernoulli_log_likelihood_from_logits",
    "bernoulli_mle",
    "empirical_distribution",
    "minimise_cross_entropy",
]


def _count_times_log(count: int, log_value: float) -> float:
    """``count * log_value`` with the convention that no samples contribute 0 (even at -inf)."""
    return count * log_value if count else 0.0


def bernoulli_log_likelihood(x, theta) -> float:
    r"""Log-likelihood of 0/1 samples under a Bernoulli(`theta`) model.

    Parameters
    ----------
    x : array_like, shape (n,)
        Observed outcomes, each 0 or 1.
    theta : float
        Probability of a 1, in ``[0, 1]``.

    Returns
    -------
    float
        :math:`\log L(\theta) \le 0`; ``-inf`` exactly when some sample is
        impossible under `theta` (a 1 with ``theta == 0`` or a 0 with
        ``theta == 1``).

    Raises
    ------
    ValueError
        If `x` is not 1-D, is empty or has an entry other than 0 and 1, or if
        `theta` lies outside ``[0, 1]``.
    TypeError
        If `x` cannot be read as real numbers or `theta` is not a real number.

    Notes
    -----
    .. math::

        \log L(\theta) = \sum_{i=1}^{n} \log p(x_i; \theta)
            = k \log \theta + (n - k) \log(1 - \theta),
        \qquad k = \sum_i x_i,

    where a term whose count is 0 is 0 (so ``theta == 0`` with no ones gives
    ``0.0``, not ``nan``). It is a sum of logs, never the log of a product:
    the product of a few thousand probabilities underflows to 0.0.
    :math:`\log(1 - \theta)` is computed as ``log1p(-theta)``, which stays
    accurate for :math:`\theta` near 0. Divided by :math:`-n`, the
    log-likelihood is the cross-entropy between the empirical distribution of
    `x` and Bernoulli(:math:`\theta`), so maximising one minimises the other;
    the maximiser is :func:`bernoulli_mle`.

    Examples
    --------
    >>> expected = 3 * math.log(0.75) + math.log(0.25)
    >>> math.isclose(bernoulli_log_likelihood([1, 0, 1, 1], 0.75), expected, rel_tol=1e-15)
    True
    >>> bernoulli_log_likelihood([0, 0], 0.0)     # certain, and right
    0.0
    >>> bernoulli_log_likelihood([0, 1], 0.0)     # a 1 was impossible
    -inf
    >>> bool(np.isfinite(bernoulli_log_likelihood(np.ones(10_000), 0.5)))   # no underflow
    True
    """
    theta = check_theta(theta)
    x = as_vector(x, "x")
    ones = check_binary_samples(x, "x")
    zeros = x.size - ones
    log_hit = math.log(theta) if theta > 0 else -math.inf
    log_miss = math.log1p(-theta) if theta < 1 else -math.inf
    return _count_times_log(ones, log_hit) + _count_times_log(zeros, log_miss)


def bernoulli_mle(x) -> float:
    r"""Maximum-likelihood estimate of a Bernoulli parameter: the fraction of ones.

    Parameters
    ----------
    x : array_like, shape (n,)
        Observed outcomes, each 0 or 1.

    Returns
    -------
    float
        :math:`\hat\theta = k / n`, correctly rounded.

    Raises
    ------
    ValueError
        If `x` is not 1-D, is empty or has an entry other than 0 and 1.
    TypeError
        If `x` cannot be read as real numbers.

    Notes
    -----
    .. math::

        \hat\theta = \operatorname*{arg\,max}_{\theta \in [0, 1]} \log L(\theta)
                   = \frac{k}{n}, \qquad k = \#\{i : x_i = 1\}.

    Setting :math:`\frac{d}{d\theta}\log L = k/\theta - (n-k)/(1-\theta)` to 0
    gives :math:`k/n`; when :math:`k = 0` or :math:`k = n` the maximum is at
    the boundary, 0 or 1. Equivalently, :math:`\hat\theta` minimises the
    cross-entropy between the empirical distribution and the model (see
    :func:`minimise_cross_entropy`). The count is an exact integer and
    ``k / n`` is one correctly rounded division, so the result is exact to
    the last bit, unlike a floating-point mean of a long sample.

    Examples
    --------
    >>> bernoulli_mle([1, 0, 1, 1])
    0.75
    >>> bernoulli_mle([0, 0, 0])
    0.0
    """
    x = as_vector(x, "x")
    return check_binary_samples(x, "x") / x.size


def bernoulli_log_likelihood_from_logits(x, z) -> float:
    r"""Bernoulli log-likelihood of 0/1 samples with the model given as logits.

    Parameters
    ----------
    x : array_like, shape (n,)
        Observed outcomes, each 0 or 1.
    z : float or array_like, shape (n,)
        Log-odds of a 1: one logit for every sample, or a single shared
        logit. ``±inf`` allowed, nan not.

    Returns
    -------
    float
        :math:`\sum_i \left[x_i \log\sigma(z_i) + (1 - x_i)\log\sigma(-z_i)\right]`.

    Raises
    ------
    ValueError
        If `x` is not 1-D, is empty or has an entry other than 0 and 1; if
        `z` is an array of a different length or contains nan.
    TypeError
        If an input cannot be read as real numbers.

    Notes
    -----
    .. math::

        \log p(x; z) = x \log\sigma(z) + (1 - x)\log\sigma(-z)
                     = \log\sigma\bigl((2x - 1)\, z\bigr),
        \qquad \sigma(z) = \frac{1}{1 + e^{-z}},

    since :math:`1 - \sigma(z) = \sigma(-z)`. Working from logits with
    :func:`log_sigmoid` never forms :math:`\sigma(z)`, which rounds to exactly
    0 or 1 once :math:`|z| > 37` and then makes the log-likelihood ``-inf``
    or loses it entirely. With :math:`\theta = \sigma(z)` it agrees with
    :func:`bernoulli_log_likelihood`.

    Examples
    --------
    >>> ll = bernoulli_log_likelihood_from_logits([1, 0], 0.0)
    >>> math.isclose(ll, 2 * math.log(0.5), rel_tol=1e-15)
    True
    >>> bernoulli_log_likelihood_from_logits([1, 0], [1000.0, -1000.0])   # confident, right
    0.0
    >>> bernoulli_log_likelihood_from_logits([1, 0], [-1000.0, -1000.0])  # wrong on one
    -1000.0
    """
    x = as_vector(x, "x")
    ones = check_binary_samples(x, "x")
    z_vector = as_vector(z, "z") if np.ndim(z) else None
    if z_vector is None:  # one logit shared by every sample: count, as for theta
        shared = log_sigmoid(z)
        flipped = log_sigmoid(-np.asarray(z, dtype=float))
        return _count_times_log(ones, shared) + _count_times_log(x.size - ones, flipped)
    check_same_length(x, z_vector, "x and z")
    signed = (2.0 * x - 1.0) * z_vector  # exact: the factor is +1 or -1
    return float(np.sum(log_sigmoid(signed))) + 0.0


def empirical_distribution(x, n_categories=None) -> np.ndarray:
    r"""Relative frequencies of the integer samples ``0, 1, ..., K-1``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Samples: non-negative whole numbers (ints, or floats such as ``2.0``).
    n_categories : int, optional
        The number of categories :math:`K`. Defaults to ``max(x) + 1``; give
        it when the largest category may be absent from the sample.

    Returns
    -------
    ndarray, shape (K,)
        :math:`\hat p_j = \#\{i : x_i = j\} / n`, a float64 array.

    Raises
    ------
    ValueError
        If `x` is not 1-D, is empty or has an entry that is not a
        non-negative whole number, or if some sample is not below
        `n_categories`.
    TypeError
        If `x` cannot be read as numbers or `n_categories` is not an int.

    Notes
    -----
    .. math::

        \hat p_j = \frac{1}{n} \sum_{i=1}^{n} [x_i = j], \qquad j = 0, \dots, K - 1.

    The average negative log-likelihood of the sample under a model
    :math:`q` is the cross-entropy :math:`H(\hat p, q)`, and it is smallest
    at :math:`q = \hat p`, where it equals the entropy :math:`H(\hat p)`.

    Examples
    --------
    >>> empirical_distribution([0, 2, 2, 1]).tolist()
    [0.25, 0.25, 0.5]
    >>> empirical_distribution([1, 1], n_categories=3).tolist()
    [0.0, 1.0, 0.0]
    """
    x = as_vector(x, "x")
    whole = (x >= 0) & (x < math.inf) & (x == np.floor(x))
    if not whole.all():
        index = int(np.argmin(whole))
        raise ValueError(
            f"x must contain only non-negative whole numbers; got {float(x[index])!r} "
            f"at index {index}"
        )
    largest = int(x.max())
    if n_categories is None:
        n_categories = largest + 1
    elif isinstance(n_categories, (bool, np.bool_)) or not isinstance(
        n_categories, numbers.Integral
    ):
        raise TypeError(f"n_categories must be an int; got {n_categories!r}")
    elif n_categories <= largest:
        raise ValueError(
            f"n_categories must exceed every sample; got n_categories={n_categories} "
            f"and the sample {largest}"
        )
    counts = np.bincount(x.astype(np.intp), minlength=int(n_categories))
    return counts / x.size


def minimise_cross_entropy(x) -> float:
    r"""Find the Bernoulli parameter that minimises cross-entropy, numerically.

    Parameters
    ----------
    x : array_like, shape (n,)
        Observed outcomes, each 0 or 1.

    Returns
    -------
    float
        The minimiser :math:`\theta^\ast` of :math:`J(\theta)` below, found by
        bisection; 0.0 when every sample is 0, 1.0 when every sample is 1.

    Raises
    ------
    ValueError
        If `x` is not 1-D, is empty or has an entry other than 0 and 1.
    TypeError
        If `x` cannot be read as real numbers.

    Notes
    -----
    With :math:`\hat p = (\hat p_0, \hat p_1)` the empirical distribution of
    `x`, the objective is the cross-entropy

    .. math::

        J(\theta) = H\bigl(\hat p, \mathrm{Bernoulli}(\theta)\bigr)
                  = -\hat p_1 \log\theta - \hat p_0 \log(1 - \theta)
                  = -\tfrac{1}{n}\log L(\theta),

    the mean negative log-likelihood. :math:`J` is convex on :math:`(0, 1)`,
    and its slope :math:`J'(\theta) = \hat p_0 / (1 - \theta) - \hat p_1 /
    \theta` is negative left of the minimum and positive right of it, so
    halving the bracket :math:`(0, 1)` on the sign of the slope closes in on
    the minimiser until the bracket cannot be split further in float64
    (about 60 to 110 halvings). The answer agrees with :func:`bernoulli_mle`,
    :math:`\hat p_1 = k/n`, to a few units in the last place: the
    analytical argmin, reached without using it.

    Bisection uses the slope rather than values of :math:`J` because near the
    minimum :math:`J` is flat to within rounding over a band about
    :math:`\sqrt{\epsilon} \approx 10^{-8}` wide, so a method that only
    compares values (golden-section search) cannot do better than that. If
    :math:`\hat p_1 \in \{0, 1\}` the slope has one sign everywhere and the
    minimum is at the boundary, which is returned.

    Examples
    --------
    >>> x = [1, 0, 1, 1, 0, 1, 1, 0]
    >>> abs(minimise_cross_entropy(x) - bernoulli_mle(x)) < 1e-15
    True
    >>> minimise_cross_entropy([0, 0, 0])
    0.0
    """
    x = as_vector(x, "x")
    ones = check_binary_samples(x, "x")
    if ones == 0:
        return 0.0
    if ones == x.size:
        return 1.0
    p_zero, p_one = empirical_distribution(x, n_categories=2).tolist()
    low, high = 0.0, 1.0
    while True:
        middle = 0.5 * (low + high)
        if not low < middle < high:
            return middle
        slope = p_zero / (1.0 - middle) - p_one / middle
        if slope > 0:
            high = middle
        elif slope < 0:
            low = middle
        else:
            return middle
