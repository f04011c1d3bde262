# catalogue: correct
# function: entropy
# style: scipy.special.entr, which is -x log x for x > 0 and 0 at x = 0
import numpy as np
from scipy.special import entr


def entropy(p, base=None):
    h = np.sum(entr(np.asarray(p, dtype=float)))
    if base is not None:
        h /= np.log(base)
    return float(h)
