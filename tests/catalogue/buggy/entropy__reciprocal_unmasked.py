# catalogue: buggy
# function: entropy
# check: entropy.zero_probability
# diagnosis: nan_from_zero
# why: p * log(1 / p) with p = 0 is 0 * log(inf) = 0 * inf = nan
# reveals: entropy(p=[0.5, 0.5, 0.0]) -> nan, expected 0.6931471805599453
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    h = np.sum(p * np.log(1.0 / p))
    if base is not None:
        h = h / np.log(base)
    return float(h)
