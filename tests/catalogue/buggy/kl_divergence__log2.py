# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.basic
# diagnosis: wrong_base_conversion
# why: np.log2 gives bits; the divergence is asked for in nats
# reveals: kl_divergence(p=[0.5, 0.5], q=[0.9, 0.1]) -> 0.7369655941662061, expected 0.5108256237659907
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    m = p > 0
    return float(np.sum(p[m] * np.log2(p[m] / q[m])))
