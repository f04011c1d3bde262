# catalogue: buggy
# function: entropy
# check: entropy.certainty
# diagnosis: small_bias_near_zero
# why: np.clip(p, 1e-15, 1 - 1e-15) gives a certain outcome about 7e-14 of entropy instead of exactly 0
# reveals: entropy(p=[0.0, 1.0, 0.0]) -> 7.007675351198402e-14, expected 0.0
import numpy as np


def entropy(p, base=None):
    p = np.clip(np.asarray(p, dtype=float), 1e-15, 1 - 1e-15)
    h = -np.sum(p * np.log(p))
    return float(h if base is None else h / np.log(base))
