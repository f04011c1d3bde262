# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.support_mismatch, cross_entropy.tiny_probabilities
# diagnosis: epsilon_clipping
# why: np.clip(q, 1e-7, 1 - 1e-7) caps each term at -log(1e-7) = 16.1
# reveals: cross_entropy(p=[0.0, 1.0], q=[1.0, 0.0]) -> 16.11809565095832, expected inf
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.clip(np.asarray(q, dtype=float), 1e-7, 1 - 1e-7)
    return float(-np.sum(p * np.log(q)))
