# catalogue: buggy
# function: entropy
# check: entropy.basic, entropy.zero_probability
# diagnosis: assumes_uniform
# why: returns log n, the entropy of the uniform distribution on n outcomes; right only when p is uniform
# reveals: entropy(p=[0.1, 0.2, 0.3, 0.4]) -> 1.3862943611198906, expected 1.2798542258336676
# reveals: entropy(p=[0.5, 0.5, 0.0]) -> 1.0986122886681098, expected 0.6931471805599453
import numpy as np


def entropy(p, base=None):
    h = np.log(len(p))
    if base is not None:
        h = h / np.log(base)
    return float(h)
