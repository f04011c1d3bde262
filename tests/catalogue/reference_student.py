# A complete, correct submission, written the way a careful student would in plain numpy.
# The catalogue's test harness appends one override file to this one; a later `def` wins.
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    nz = p[p > 0]                      # 0 log 0 = 0: zero entries add nothing
    h = -np.sum(nz * np.log(nz))
    if base is not None:
        h = h / np.log(base)
    return float(h) + 0.0              # + 0.0 turns -0.0 into 0.0


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    mask = p > 0
    if np.any(q[mask] == 0):           # p > 0 where q = 0: infinitely surprised
        return float("inf")
    pm, qm = p[mask], q[mask]
    return float(np.sum(pm * (np.log(pm) - np.log(qm))))


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    mask = p > 0
    if np.any(q[mask] == 0):
        return float("inf")
    return float(-np.sum(p[mask] * np.log(q[mask]))) + 0.0


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    terms = np.zeros_like(y)
    pos = y > 0                        # the y log(y_hat) term only where y > 0
    neg = y < 1                        # the (1 - y) log(1 - y_hat) term only where y < 1
    with np.errstate(divide="ignore"):  # log(0) = -inf is the right answer when its weight is > 0
        terms[pos] += y[pos] * np.log(y_hat[pos])
        terms[neg] += (1 - y[neg]) * np.log1p(-y_hat[neg])
    return float(-np.mean(terms)) + 0.0


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x)
    n = x.size
    k = np.count_nonzero(x)            # number of ones
    ll = 0.0
    with np.errstate(divide="ignore"):
        if k > 0:                      # 0 * log(0) = 0: skip a term whose count is 0
            ll += k * np.log(theta)
        if n - k > 0:
            ll += (n - k) * np.log1p(-theta)
    return float(ll)


def bernoulli_mle(x):
    x = np.asarray(x, dtype=float)
    return float(np.mean(x))


def log_softmax(z):
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=1, keepdims=True)      # every exponent <= 0: no overflow
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def _targets(labels, shape):
    labels = np.asarray(labels)
    if labels.ndim == 1:                            # class indices -> one-hot rows
        y = np.zeros(shape)
        y[np.arange(shape[0]), labels] = 1.0
        return y
    return labels.astype(float)


def softmax_cross_entropy(logits, labels):
    logp = log_softmax(logits)
    y = _targets(labels, logp.shape)
    terms = np.where(y > 0, y * logp, 0.0)          # 0 * log 0 = 0
    return float(-terms.sum() / logp.shape[0]) + 0.0


def softmax_cross_entropy_grad(logits, labels):
    logp = log_softmax(logits)
    y = _targets(labels, logp.shape)
    return (np.exp(logp) - y) / logp.shape[0]
