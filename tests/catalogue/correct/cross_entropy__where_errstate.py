# catalogue: correct
# function: cross_entropy
# style: np.where under np.errstate, the log only counts where p > 0
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(q), 0.0)
    return float(terms.sum())
