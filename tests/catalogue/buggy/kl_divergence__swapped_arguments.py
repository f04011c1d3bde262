# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.basic, kl_divergence.asymmetry
# diagnosis: swapped_arguments
# why: computes D(q || p) instead of D(p || q); KL divergence is not symmetric
# reveals: kl_divergence(p=[0.9, 0.1], q=[0.5, 0.5]) -> 0.5108256237659907, expected 0.36806420716849714
import numpy as np


def kl_divergence(p, q):
    p, q = np.asarray(q, dtype=float), np.asarray(p, dtype=float)
    mask = p > 0
    if np.any(q[mask] == 0):
        return float("inf")
    return float(np.sum(p[mask] * np.log(p[mask] / q[mask])))
