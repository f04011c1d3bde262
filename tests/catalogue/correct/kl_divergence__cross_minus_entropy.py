# catalogue: correct
# function: kl_divergence
# style: D = H(p, q) - H(p) over the support of p, both sums taken term by term in one array
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    on = p > 0
    if not np.all(q[on] > 0):
        return float("inf")
    return float(np.sum(p[on] * np.log(p[on]) - p[on] * np.log(q[on])))
