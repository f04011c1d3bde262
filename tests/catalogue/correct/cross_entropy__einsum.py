# catalogue: correct
# function: cross_entropy
# style: np.einsum over the support, an explicit +inf checked with np.any first
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    idx = p > 0
    if np.any(q[idx] <= 0):
        return np.inf
    return float(-np.einsum("i,i->", p[idx], np.log(q[idx])))
