# catalogue: buggy
# function: entropy
# check: entropy.certainty, entropy.tiny_probabilities
# diagnosis: epsilon_clipping
# why: log2(p + 1e-15) keeps log away from 0 but moves every term: a certain outcome gets entropy -1.1e-15
# reveals: entropy(p=[0.0, 1.0, 0.0]) -> -1.1102230246251565e-15, expected 0.0
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    bits = -np.sum(p * np.log2(p + 1e-15))
    if base is None:
        return float(bits * np.log(2))
    return float(bits / np.log2(base))
