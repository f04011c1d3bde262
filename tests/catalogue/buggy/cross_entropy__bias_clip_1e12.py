# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.support_mismatch, cross_entropy.tiny_probabilities
# diagnosis: epsilon_clipping
# why: np.clip(q, 1e-12, 1 - 1e-12) caps the loss of a confident wrong model and adds one to a certain right one
# reveals: cross_entropy(p=[0.0, 1.0], q=[1.0, 1e-300]) -> 27.63, expected 690.7755278982137
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.clip(np.asarray(q, dtype=float), 1e-12, 1 - 1e-12)
    return float(-np.sum(p * np.log(q)))
