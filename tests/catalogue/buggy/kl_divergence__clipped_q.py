# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch, kl_divergence.tiny_probabilities
# diagnosis: epsilon_clipping
# why: np.clip(q, 1e-15, 1) turns the +inf of q = 0 < p into a finite number and changes every q below 1e-15
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> 16.576241016895395, expected inf
# reveals: kl_divergence(p=[0.5, 0.5], q=[1e-300, 1.0]) -> 16.576241016895395, expected 344.69461676854695
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.clip(np.asarray(q, dtype=float), 1e-15, 1)
    mask = p > 0
    return float(np.sum(p[mask] * np.log(p[mask] / q[mask])))
