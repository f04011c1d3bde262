# catalogue: correct
# function: entropy
# style: computes bits with np.log2, then converts: nats = bits * ln 2, base b = bits / log2(b)
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p = p[p != 0]
    bits = -np.sum(p * np.log2(p))
    if base is None:
        return float(bits * np.log(2))
    return float(bits / np.log2(base))
