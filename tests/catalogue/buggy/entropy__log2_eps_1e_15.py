# catalogue: buggy
# function: entropy
# check: entropy.certainty
# diagnosis: epsilon_clipping
# why: np.log2(p + 1e-15) makes a certain outcome's entropy -1.1e-15: negative, where it must be exactly 0
# reveals: entropy(p=[0.0, 1.0, 0.0]) -> -1.1102230246251565e-15, expected 0.0
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    bits = -np.sum(p * np.log2(p + 1e-15))
    return float(bits / np.log2(base) if base is not None else bits * np.log(2))
