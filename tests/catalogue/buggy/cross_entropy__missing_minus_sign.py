# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.hard_target, cross_entropy.soft_target
# diagnosis: missing_minus_sign
# why: sum p log q is <= 0; the cross-entropy is its negative
# reveals: cross_entropy(p=[0.0, 1.0, 0.0], q=[0.2, 0.7, 0.1]) -> -0.35667494393873245, expected 0.35667494393873245
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    mask = p > 0
    if np.any(q[mask] == 0):
        return float("inf")
    return float(np.sum(p[mask] * np.log(q[mask])))
