# catalogue: buggy
# function: entropy
# check: entropy.base
# diagnosis: wrong_base_conversion
# why: divides by the base itself instead of by log(base): log_b(x) = log(x) / log(b)
# reveals: entropy(p=[0.5, 0.5], base=2) -> 0.34657359027997264, expected 1.0
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    h = -np.sum(p * np.log(p))
    if base is not None:
        h = h / base
    return float(h)
