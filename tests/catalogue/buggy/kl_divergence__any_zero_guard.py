# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.zero_probability
# diagnosis: zero_weight_log
# why: returns +inf whenever q has a zero, even where p is 0 too (such a term contributes nothing)
# reveals: kl_divergence(p=[0.0, 0.4, 0.6], q=[0.0, 0.5, 0.5]) -> inf, expected 0.020135513550688863
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if np.any(q == 0):
        return float("inf")
    m = p > 0
    return float(np.sum(p[m] * np.log(p[m] / q[m])))
