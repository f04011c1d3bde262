# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.zero_probability
# diagnosis: nan_from_zero
# why: D = sum p log p - sum p log q written without masking: a zero in p gives 0 * -inf = nan in the first sum
# reveals: kl_divergence(p=[0.5, 0.5, 0.0], q=[0.25, 0.25, 0.5]) -> nan, expected 0.6931471805599453
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(np.sum(p * np.log(p)) - np.sum(p * np.log(q)))
