# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.support_mismatch
# diagnosis: skips_support_mismatch
# why: setting non-finite terms to 0 removes the nan of 0 log 0 and also the +inf of a true class with q = 0
# reveals: cross_entropy(p=[0.0, 1.0], q=[1.0, 0.0]) -> 0.0, expected inf
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = -p * np.log(q)
    terms[np.isnan(terms) | np.isinf(terms)] = 0
    return float(np.sum(terms))
