# catalogue: correct
# function: bernoulli_mle
# style: k / n with np.count_nonzero
import numpy as np


def bernoulli_mle(x):
    x = np.asarray(x)
    return np.count_nonzero(x) / x.size
