# catalogue: buggy
# function: entropy
# check: entropy.zero_probability, entropy.certainty
# diagnosis: input_changed
# why: np.asarray does not copy, so p[p == 0] = 1.0 writes ones into the caller's array (1 log 1 = 0 keeps the value right)
# reveals: entropy(p=[0.5, 0.5, 0.0]) -> 0.6931471805599453 but p becomes [0.5, 0.5, 1.0]
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p[p == 0] = 1.0
    h = -np.sum(p * np.log(p))
    return float(h if base is None else h / np.log(base)) + 0.0
