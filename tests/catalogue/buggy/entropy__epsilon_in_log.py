# catalogue: buggy
# function: entropy
# check: entropy.large_input, entropy.certainty
# diagnosis: epsilon_clipping
# why: np.log(p + 1e-12) shifts every term by about 1e-12, which adds up over 10^5 entries (and swamps a near-zero entropy)
# reveals: entropy(p=np.full(100000, 1e-5)) -> 11.512925364970235, expected 11.512925464970229
# reveals: entropy(p=[1.0]) -> -1.000088900581841e-12, expected 0.0
import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    h = -np.sum(p * np.log(p + 1e-12))
    if base is not None:
        h = h / np.log(base)
    return float(h)
