# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.basic, kl_divergence.gibbs
# diagnosis: missing_minus_sign
# why: sum p log(q/p) is -D(p||q); the ratio is upside down (or the leading minus was dropped)
# reveals: kl_divergence(p=[0.5, 0.5], q=[0.25, 0.75]) -> -0.14384103622589045, expected 0.14384103622589045
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    mask = p > 0
    if np.any(q[mask] == 0):
        return float("inf")
    return float(np.sum(p[mask] * np.log(q[mask] / p[mask])))
