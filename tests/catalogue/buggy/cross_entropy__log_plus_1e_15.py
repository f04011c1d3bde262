# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.support_mismatch, cross_entropy.tiny_probabilities
# diagnosis: epsilon_clipping
# why: np.log(q + 1e-15) caps each term at 34.5 and makes q = 1e-300 cost 34.5 instead of 690.8
# reveals: cross_entropy(p=[0.0, 1.0], q=[1.0, 0.0]) -> 34.538776394910684, expected inf
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(-np.sum(p * np.log(q + 1e-15)))
