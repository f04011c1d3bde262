# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch
# diagnosis: skips_support_mismatch
# why: masks out q = 0 as well as p = 0, so an outcome q calls impossible is silently dropped instead of giving +inf
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> -0.34657359027997264, expected inf
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    mask = (p > 0) & (q > 0)
    return float(np.sum(p[mask] * np.log(p[mask] / q[mask])))
