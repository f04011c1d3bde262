# catalogue: correct
# function: kl_divergence
# style: np.where with np.errstate: the p > 0 branch gives +inf by itself where q = 0
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * (np.log(p) - np.log(q)), 0.0)
    return float(np.sum(terms))
