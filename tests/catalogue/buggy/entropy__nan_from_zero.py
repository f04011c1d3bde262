# catalogue: buggy
# function: entropy
# check: entropy.zero_probability, entropy.certainty
# diagnosis: nan_from_zero
# why: np.log(0) is -inf and 0 * -inf is nan, so any zero entry turns the sum into nan
# reveals: entropy(p=[0.5, 0.5, 0.0]) -> nan, expected 0.6931471805599453
# reveals: entropy(p=[0.0, 1.0, 0.0]) -> nan, expected 0.0
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    h = -np.sum(p * np.log(p))
    if base is not None:
        h = h / np.log(base)
    return float(h)
