"""A complete, correct submission, written the way a careful student would."""

import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    nz = p[p > 0]
    h = -np.sum(nz * np.log(nz))
    return float(h if base is None else h / np.log(base))


def kl_divergence(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    support = p > 0
    if np.any(q[support] == 0):
        return float("inf")
    return float(np.sum(p[support] * (np.log(p[support]) - np.log(q[support]))))


def cross_entropy(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    support = p > 0
    if np.any(q[support] == 0):
        return float("inf")
    return float(-np.sum(p[support] * np.log(q[support])))


def binary_cross_entropy(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    total = 0.0
    for weight, prob in ((y, y_hat), (1 - y, 1 - y_hat)):
        used = weight > 0
        if np.any(prob[used] == 0):
            return float("inf")
        total -= np.sum(weight[used] * np.log(prob[used]))
    return float(total / y.size)


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x)
    ones = np.count_nonzero(x)
    zeros = x.size - ones
    total = 0.0
    if ones:
        total += ones * np.log(theta) if theta > 0 else -np.inf
    if zeros:
        total += zeros * np.log1p(-theta) if theta < 1 else -np.inf
    return float(total)


def bernoulli_mle(x):
    x = np.asarray(x)
    return np.count_nonzero(x) / x.size


def log_softmax(z):
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))


def _one_hot(labels, shape):
    labels = np.asarray(labels)
    if labels.ndim == 2:
        return labels.astype(float)
    y = np.zeros(shape)
    y[np.arange(shape[0]), labels] = 1.0
    return y


def softmax_cross_entropy(logits, labels):
    logp = log_softmax(logits)
    y = _one_hot(labels, logp.shape)
    return float(-np.sum(np.where(y > 0, y * logp, 0.0)) / logp.shape[0])


def softmax_cross_entropy_grad(logits, labels):
    logp = log_softmax(logits)
    return (np.exp(logp) - _one_hot(labels, logp.shape)) / logp.shape[0]
