# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch
# diagnosis: skips_support_mismatch
# why: terms[~np.isfinite(terms)] = 0 removes the nan of 0 log 0 but also the +inf of q = 0 < p
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> -0.34657359027997264, expected inf
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = p * np.log(p / q)
    terms[~np.isfinite(terms)] = 0.0
    return float(terms.sum())
