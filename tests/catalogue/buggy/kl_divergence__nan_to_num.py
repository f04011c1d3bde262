# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch
# diagnosis: nan_to_num
# why: np.nan_to_num turns the +inf of q = 0 < p into 1.8e308, a finite number
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> 1.7976931348623157e+308, expected inf
import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    with np.errstate(all="ignore"):
        return float(np.sum(np.nan_to_num(p * np.log(p / q))))
