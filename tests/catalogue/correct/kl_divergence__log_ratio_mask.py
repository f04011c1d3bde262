# catalogue: correct
# function: kl_divergence
# style: boolean masks and log of the ratio p / q
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    support = p > 0
    if (q[support] == 0).any():
        return np.inf
    ratio = p[support] / q[support]
    return float(np.dot(p[support], np.log(ratio)))
