# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch
# diagnosis: skips_support_mismatch
# why: scipy.stats.entropy on the entries with q > 0 drops the impossible outcomes and renormalises what is left
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> 0.0, expected inf
import numpy as np
from scipy.stats import entropy


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    keep = q > 0
    return float(entropy(p[keep], q[keep]))
