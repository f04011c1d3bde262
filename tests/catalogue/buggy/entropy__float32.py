# catalogue: buggy
# function: entropy
# check: entropy.basic, entropy.random
# diagnosis: float32_precision
# why: float32 keeps about 7 significant digits, far short of the 1e-9 relative tolerance
# reveals: entropy(p=[0.2, 0.5, 0.3]) -> 1.0296530723571777, expected 1.0296530140645737
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=np.float32)
    p = p[p > 0]
    h = -np.sum(p * np.log(p))
    if base is not None:
        h = h / np.log(np.float32(base))
    return float(h)
