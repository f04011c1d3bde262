# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.support_mismatch, cross_entropy.tiny_probabilities
# diagnosis: epsilon_clipping
# why: np.clip(q, 1e-15, 1) caps -log q at about 34.5, so q = 0 < p gives a finite loss instead of +inf
# reveals: cross_entropy(p=[0.5, 0.5], q=[1.0, 0.0]) -> 17.269388197455342, expected inf
# reveals: cross_entropy(p=[1.0, 0.0], q=[1e-300, 1.0]) -> 34.538776394910684, expected 690.7755278982137
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.clip(np.asarray(q, dtype=float), 1e-15, 1.0)
    return float(-np.sum(p * np.log(q)))
