# catalogue: correct
# function: kl_divergence
# style: computes bits with np.log2 of the ratio, then converts to nats
import math

import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    support = np.flatnonzero(p)
    if np.any(q[support] == 0):
        return math.inf
    bits = np.sum(p[support] * np.log2(p[support] / q[support]))
    return float(bits) * math.log(2)
