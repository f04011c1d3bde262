# catalogue: correct
# function: kl_divergence
# style: scipy.special.rel_entr, which is 0 at p = 0 and +inf at p > 0 = q
import numpy as np
from scipy.special import rel_entr


def kl_divergence(p, q):
    return float(np.sum(rel_entr(p, q)))
