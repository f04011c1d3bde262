# catalogue: correct
# function: entropy
# style: np.where under np.errstate; the nan/-inf of the unused branch is discarded
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p), 0.0)
    h = -terms.sum()
    if base is not None:
        h = h / np.log(base)
    return float(h)
