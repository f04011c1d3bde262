"""A first attempt: the textbook formulas typed in as they stand."""

import numpy as np


def entropy(p, base=None):
    h = -np.sum(p * np.log(p))                 # 0 * log 0 is nan
    return h if base is None else h / np.log(base)


def kl_divergence(p, q):
    return np.sum(p * np.log(p / q))           # nan where p = 0


def cross_entropy(p, q):
    return -np.sum(p * np.log(q))              # nan where p = q = 0


def binary_cross_entropy(y, y_hat):
    return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


def bernoulli_log_likelihood(x, theta):
    likelihood = np.prod(theta ** x * (1 - theta) ** (1 - x))   # underflows to 0.0
    return np.log(likelihood)


def bernoulli_mle(x):
    return (np.sum(x) + 1) / (len(x) + 2)      # Laplace smoothing is not the MLE


def log_softmax(z):
    raise NotImplementedError()                      # notebook 4 not started yet


def softmax_cross_entropy(logits, labels):
    raise NotImplementedError()


def softmax_cross_entropy_grad(logits, labels):
    raise NotImplementedError()
