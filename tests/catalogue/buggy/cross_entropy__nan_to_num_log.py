# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.support_mismatch
# diagnosis: nan_to_num
# why: np.nan_to_num(np.log(q)) turns log 0 = -inf into -1.8e308, so a true class with q = 0 costs 1.8e308, not +inf
# reveals: cross_entropy(p=[0.0, 1.0], q=[1.0, 0.0]) -> 1.7976931348623157e+308, expected inf
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore"):
        logq = np.nan_to_num(np.log(np.asarray(q, dtype=float)))
    return float(-np.sum(p * logq))
