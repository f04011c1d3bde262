# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch, kl_divergence.tiny_probabilities
# diagnosis: epsilon_clipping
# why: log((p + 1e-10) / (q + 1e-10)) keeps q = 0 < p finite (about 11.5 per unit of p) instead of +inf
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> 10.819778284560282, expected inf
import numpy as np


def kl_divergence(p, q):
    eps = 1e-10
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(np.sum(p * np.log((p + eps) / (q + eps))))
