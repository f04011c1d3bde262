# catalogue: correct
# function: bernoulli_log_likelihood
# style: counts with np.count_nonzero and scipy.special.xlogy / xlog1py, so 0 * log 0 = 0 at theta = 0 or 1
import numpy as np
from scipy.special import xlog1py, xlogy


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x)
    ones = np.count_nonzero(x)
    zeros = x.size - ones
    return float(xlogy(ones, theta) + xlog1py(zeros, -theta))
