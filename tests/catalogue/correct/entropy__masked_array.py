# catalogue: correct
# function: entropy
# style: a numpy masked array hides the zeros, so log never sees them
import numpy as np


def entropy(p, base=None):
    p = np.ma.masked_equal(np.asarray(p, dtype=float), 0.0)
    h = -(p * np.ma.log(p)).sum()
    h = 0.0 if h is np.ma.masked else float(h)
    if base is not None:
        h /= np.log(base)
    return h + 0.0
