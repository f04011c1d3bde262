# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch
# diagnosis: epsilon_clipping
# why: np.clip(p, 1e-12, 1) and np.clip(q, 1e-12, 1) make q = 0 < p cost about 27.6 instead of +inf
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> 13.12236337740433, expected inf
import numpy as np


def kl_divergence(p, q):
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1.0)
    q = np.clip(np.asarray(q, dtype=float), 1e-12, 1.0)
    return float(np.sum(p * np.log(p / q)))
