# catalogue: buggy
# function: entropy
# check: entropy.basic, entropy.base
# diagnosis: wrong_base_conversion
# why: always uses log2 (bits), so the default result is in bits instead of nats and base 10 is wrong too
# reveals: entropy(p=[0.5, 0.5]) -> 1.0, expected 0.6931471805599453
# reveals: entropy(p=[0.5, 0.5], base=10) -> 1.0, expected 0.30102999566398114
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log2(p)))
