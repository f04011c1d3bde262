# catalogue: correct
# function: cross_entropy
# style: scipy.special.xlogy(p, q): 0 where p = 0, -inf where p > 0 = q
import numpy as np
from scipy.special import xlogy


def cross_entropy(p, q):
    return float(-np.sum(xlogy(p, q))) + 0.0
