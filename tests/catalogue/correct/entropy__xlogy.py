# catalogue: correct
# function: entropy
# style: scipy.special.xlogy(p, p), which defines 0 * log 0 = 0
import numpy as np
from scipy.special import xlogy


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    h = -np.sum(xlogy(p, p))
    return float(h if base is None else h / np.log(base))
