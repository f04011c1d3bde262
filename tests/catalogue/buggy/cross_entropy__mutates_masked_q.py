# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.zero_probability
# diagnosis: input_changed
# why: sets q to 1 where p = 0 so the log never sees a 0, in the caller's array
# reveals: cross_entropy(p=[0.5, 0.5, 0.0], q=[0.3, 0.7, 0.0]) is right, but q becomes [0.3, 0.7, 1.0]
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    q[p == 0] = 1.0
    with np.errstate(divide="ignore"):
        return float(-np.sum(p * np.log(q))) + 0.0
