# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.zero_probability
# diagnosis: zero_weight_log
# why: returns +inf as soon as q has a zero, even for a class with p = 0, which contributes nothing
# reveals: cross_entropy(p=[0.5, 0.5, 0.0], q=[0.3, 0.7, 0.0]) -> inf, expected 0.7803238741323343
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if (q == 0).any():
        return np.inf
    return float(-np.sum(p * np.log(q)))
