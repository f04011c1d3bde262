# catalogue: buggy
# function: entropy
# check: entropy.zero_probability
# diagnosis: epsilon_clipping
# why: np.clip(p, 1e-10, 1) turns each zero into 1e-10, which adds -1e-10 log(1e-10) = 2.3e-9 per zero
# reveals: entropy(p=[0.5, 0.5, 0.0]) -> 0.6931471828625304, expected 0.6931471805599453
import numpy as np


def entropy(p, base=None):
    p = np.clip(np.asarray(p, dtype=float), 1e-10, 1.0)  # avoid log(0)
    h = -np.sum(p * np.log(p))
    return float(h if base is None else h / np.log(base))
