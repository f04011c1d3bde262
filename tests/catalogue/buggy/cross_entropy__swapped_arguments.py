# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.hard_target, cross_entropy.soft_target
# diagnosis: swapped_arguments
# why: computes H(q, p) = -sum q log p: the log must be of the prediction q, weighted by the target p
# reveals: cross_entropy(p=[0.0, 1.0, 0.0], q=[0.2, 0.7, 0.1]) -> inf, expected 0.35667494393873245
# reveals: cross_entropy(p=[0.2, 0.8], q=[0.5, 0.5]) -> 0.916290731874155, expected 0.6931471805599453
import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    mask = q > 0
    with np.errstate(divide="ignore"):
        return float(-np.sum(q[mask] * np.log(p[mask])))
