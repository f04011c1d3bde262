# catalogue: buggy
# function: entropy
# check: entropy.basic
# diagnosis: mean_instead_of_sum
# why: np.mean divides the sum by the number of entries: entropy is a sum over outcomes, not an average
# reveals: entropy(p=[0.25, 0.25, 0.25, 0.25]) -> 0.34657359027997264, expected 1.3862943611198906
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    h = -np.mean(p * np.log(p))
    if base is not None:
        h = h / np.log(base)
    return float(h)
