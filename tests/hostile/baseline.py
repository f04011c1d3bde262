# The baseline wrong submission: six functions with typical bugs, taken from tests/catalogue/buggy
# (entropy__ignored_base, kl_divergence__nan_from_zero, cross_entropy__clipped_q,
# binary_cross_entropy__clipped, bernoulli_log_likelihood__log_of_product,
# bernoulli_mle__laplace_smoothing). It scores strictly between 0 and full marks (29/90 now).
# Every file in tamper/ is appended to this one: a trick may lose points, never gain any.
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))          # ignores base


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(np.sum(p * np.log(p / q)))       # nan where p = 0


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.clip(np.asarray(q, dtype=float), 1e-15, 1.0)   # finite where +inf is due
    return float(-np.sum(p * np.log(q)))


def binary_cross_entropy(y, y_hat):
    eps = 1e-15
    y = np.asarray(y, dtype=float)
    y_hat = np.clip(np.asarray(y_hat, dtype=float), eps, 1 - eps)
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    likelihood = np.prod(theta ** x * (1 - theta) ** (1 - x))   # underflows
    with np.errstate(divide="ignore"):
        return float(np.log(likelihood))


def bernoulli_mle(x):
    x = np.asarray(x, dtype=float)
    return float((x.sum() + 1) / (len(x) + 2))    # Laplace smoothing is not the MLE
