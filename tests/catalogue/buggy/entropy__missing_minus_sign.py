# catalogue: buggy
# function: entropy
# check: entropy.basic, entropy.bounds
# diagnosis: missing_minus_sign
# why: sum p log p is <= 0; the entropy is its negative
# reveals: entropy(p=[0.5, 0.5]) -> -0.6931471805599453, expected 0.6931471805599453
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    h = np.sum(p * np.log(p))
    if base is not None:
        h = h / np.log(base)
    return float(h)
