# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.soft_target
# diagnosis: argmax_target
# why: uses only the most likely class of p (-log q[argmax p]); right for one-hot targets, wrong for soft ones
# reveals: cross_entropy(p=[0.5, 0.5], q=[0.9, 0.1]) -> 0.10536051565782628, expected 1.203972804325936
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    k = np.argmax(p)
    if q[k] == 0:
        return float("inf")
    return float(-np.log(q[k]))
