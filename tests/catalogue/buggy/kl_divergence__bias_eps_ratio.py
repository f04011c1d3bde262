# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch, kl_divergence.tiny_probabilities
# diagnosis: epsilon_clipping
# why: log((p + 1e-10) / (q + 1e-10)) is finite where q = 0 and shifts every small term
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> 11.2, expected inf
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    eps = 1e-10
    return float(np.sum(p * np.log((p + eps) / (q + eps))))
