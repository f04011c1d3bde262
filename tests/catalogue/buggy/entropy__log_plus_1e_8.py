# catalogue: buggy
# function: entropy
# check: entropy.basic
# diagnosis: epsilon_clipping
# why: np.log(p + 1e-8) shifts each log by about 1e-8 / p, so every answer is about n * 1e-8 too small
# reveals: entropy(p=[0.5, 0.5]) -> 0.6931471605599454, expected 0.6931471805599453
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    h = -np.sum(p * np.log(p + 1e-8))
    if base:
        h /= np.log(base)
    return float(h)
