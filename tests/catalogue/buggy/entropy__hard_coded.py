# catalogue: buggy
# function: entropy
# check: entropy.basic
# diagnosis: hard_coded
# why: returns log 2 (the entropy of a fair coin) whatever p is
# reveals: entropy(p=[0.25, 0.25, 0.25, 0.25]) -> 0.6931471805599453, expected 1.3862943611198906
import numpy as np


def entropy(p, base=None):
    return float(np.log(2))
