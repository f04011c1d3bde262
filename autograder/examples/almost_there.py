"""Almost there: zeros handled, but with an epsilon, a swap and a loose optimiser."""

import numpy as np

EPS = 1e-12


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    h = -np.sum(p * np.log(p + EPS))           # an epsilon instead of a mask
    return float(h if base is None else h / np.log(base))


def kl_divergence(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = q > 0                                  # arguments swapped: weights by q
    return float(np.sum(q[m] * np.log(q[m] / np.where(p[m] > 0, p[m], EPS))))


def cross_entropy(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    q = np.clip(q, EPS, 1.0)                   # a certain mistake costs log(1e12), not inf
    m = p > 0
    return float(-np.sum(p[m] * np.log(q[m])))


def binary_cross_entropy(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    y_hat = np.clip(y_hat, EPS, 1 - EPS)
    return float(-np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))   # sum, not mean


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=np.float32)        # float32 loses digits
    t = np.float32(theta)
    return float(np.sum(x * np.log(t) + (1 - x) * np.log(1 - t)))


def bernoulli_mle(x):
    grid = np.linspace(0.0, 1.0, 1001)[1:-1]   # a grid search stops at its spacing
    x = np.asarray(x)
    k, n = np.count_nonzero(x), x.size
    return float(grid[np.argmax(k * np.log(grid) + (n - k) * np.log(1 - grid))])


def log_softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))    # shifted, but the log comes after softmax
    return np.log(e / e.sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    logp = log_softmax(logits)
    labels = np.asarray(labels)
    if labels.ndim == 1:
        return float(-np.sum(logp[np.arange(len(labels)), labels]))   # sum, not mean
    return float(-np.sum(labels * logp))


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    s = e / e.sum(axis=1, keepdims=True)
    labels = np.asarray(labels)
    y = np.eye(z.shape[1])[labels] if labels.ndim == 1 else labels
    return s - y                                     # the 1/m is missing
