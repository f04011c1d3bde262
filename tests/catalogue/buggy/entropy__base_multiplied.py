# catalogue: buggy
# function: entropy
# check: entropy.base
# diagnosis: wrong_base_conversion
# why: multiplies by log(base) instead of dividing: log_b(x) = log(x) / log(b)
# reveals: entropy(p=[0.5, 0.5], base=2) -> 0.4804530139182014, expected 1.0
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    nz = p[p > 0]
    h = -np.sum(nz * np.log(nz))
    if base is not None:
        h = h * np.log(base)
    return float(h)
