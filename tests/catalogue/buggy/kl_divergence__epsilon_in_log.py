# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch, kl_divergence.tiny_probabilities
# diagnosis: epsilon_clipping
# why: adding 1e-10 to p and q avoids log(0) but makes q = 0 < p finite and distorts small probabilities
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> 10.819778284560282, expected inf
# reveals: kl_divergence(p=[0.5, 0.5], q=[1e-300, 1.0]) -> 10.819778284560282, expected 344.69461676854695
import numpy as np


def kl_divergence(p, q):
    eps = 1e-10
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(np.sum(p * np.log((p + eps) / (q + eps))))
