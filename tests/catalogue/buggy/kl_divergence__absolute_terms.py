# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.basic, kl_divergence.random
# diagnosis: symmetrised
# why: takes abs() of each term p log(p/q); single terms can be negative, only their sum is >= 0
# reveals: kl_divergence(p=[0.5, 0.5], q=[0.25, 0.75]) -> 0.5493061443340549, expected 0.14384103622589045
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    mask = p > 0
    if np.any(q[mask] == 0):
        return float("inf")
    return float(np.sum(np.abs(p[mask] * np.log(p[mask] / q[mask]))))
