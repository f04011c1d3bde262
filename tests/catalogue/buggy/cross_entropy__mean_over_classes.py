# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.hard_target, cross_entropy.soft_target
# diagnosis: mean_instead_of_sum
# why: averages over the classes; cross-entropy sums p_i log q_i over classes (averaging belongs to samples)
# reveals: cross_entropy(p=[0.0, 1.0, 0.0], q=[0.2, 0.7, 0.1]) -> 0.11889164797957748, expected 0.35667494393873245
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    mask = p > 0
    if np.any(q[mask] == 0):
        return float("inf")
    terms = np.zeros_like(p)
    terms[mask] = p[mask] * np.log(q[mask])
    return float(-np.mean(terms))
