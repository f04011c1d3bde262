# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.zero_probability
# diagnosis: nan_from_zero
# why: where p = 0, p / q = 0 and 0 * log(0) = 0 * -inf = nan instead of a zero term
# reveals: kl_divergence(p=[0.5, 0.5, 0.0], q=[0.25, 0.25, 0.5]) -> nan, expected 0.6931471805599453
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(np.sum(p * np.log(p / q)))
