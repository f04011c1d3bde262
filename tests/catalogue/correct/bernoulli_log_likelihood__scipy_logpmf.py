# catalogue: correct
# function: bernoulli_log_likelihood
# style: scipy.stats.bernoulli.logpmf summed; it gives 0 for x = 0 at theta = 0 and -inf for x = 1 (and mirrored at theta = 1)
import numpy as np
from scipy import stats


def bernoulli_log_likelihood(x, theta):
    return float(np.sum(stats.bernoulli.logpmf(np.asarray(x), theta)))
