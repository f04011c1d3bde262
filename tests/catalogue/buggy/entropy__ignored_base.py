# catalogue: buggy
# function: entropy
# check: entropy.base
# diagnosis: ignored_base
# why: the base argument is accepted but never used, so the result is always in nats
# reveals: entropy(p=[0.5, 0.5], base=2) -> 0.6931471805599453, expected 1.0
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))
