# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.basic, kl_divergence.asymmetry
# diagnosis: symmetrised
# why: returns D(p||q) + D(q||p) (Jeffreys divergence), which is symmetric; KL is not
# reveals: kl_divergence(p=[0.9, 0.1], q=[0.5, 0.5]) -> 0.8788898309344878, expected 0.36806420716849714
import numpy as np


def _kl(p, q):
    mask = p > 0
    if np.any(q[mask] == 0):
        return np.inf
    return np.sum(p[mask] * np.log(p[mask] / q[mask]))


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(_kl(p, q) + _kl(q, p))
