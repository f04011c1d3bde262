# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.support_mismatch
# diagnosis: skips_support_mismatch
# why: keeps only entries with q > 0, so a target outcome the model calls impossible is dropped instead of giving +inf
# reveals: cross_entropy(p=[0.5, 0.5], q=[1.0, 0.0]) -> -0.0, expected inf
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    mask = (p > 0) & (q > 0)
    return float(-np.sum(p[mask] * np.log(q[mask])))
