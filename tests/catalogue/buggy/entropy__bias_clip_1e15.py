# catalogue: buggy
# function: entropy
# check: entropy.tiny_probabilities, entropy.certainty
# diagnosis: small_bias_near_zero
# why: np.clip(p, 1e-15, 1) turns 1e-300 into 1e-15 and adds a term that is not there
# reveals: entropy(p=[1e-300, 1.0]) -> 3.45e-14, expected 6.907755278982137e-298
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    c = np.clip(p, 1e-15, 1.0)
    h = -np.sum(np.where(p > 0, c * np.log(c), 0.0))
    return float(h if base is None else h / np.log(base)) + 0.0
