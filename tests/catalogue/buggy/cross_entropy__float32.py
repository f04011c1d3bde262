# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.soft_target, cross_entropy.random
# diagnosis: float32_precision
# why: casting to float32 (as a deep-learning habit) leaves about 7 significant digits
# reveals: cross_entropy(p=[0.1, 0.6, 0.3], q=[0.2, 0.5, 0.3]) -> 0.9380239844322205, expected 0.938023940877158
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=np.float32)
    q = np.asarray(q, dtype=np.float32)
    mask = p > 0
    if np.any(q[mask] == 0):
        return float("inf")
    return float(-np.sum(p[mask] * np.log(q[mask])))
