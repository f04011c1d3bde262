# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.zero_probability
# diagnosis: nan_from_zero
# why: where p = 0 and q = 0 the term is 0 * log(0) = 0 * -inf = nan, but it should contribute nothing
# reveals: cross_entropy(p=[0.0, 1.0, 0.0], q=[0.0, 0.7, 0.3]) -> nan, expected 0.35667494393873245
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(-np.sum(p * np.log(q)))
