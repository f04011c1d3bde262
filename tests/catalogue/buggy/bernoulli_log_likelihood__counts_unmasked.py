# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.boundary_theta, bernoulli_log_likelihood.empirical_cross_entropy
# diagnosis: nan_from_zero
# why: k log(theta) + (n - k) log(1 - theta) with k = 0 and theta = 0 is 0 * -inf = nan
# reveals: bernoulli_log_likelihood(x=[0, 0, 0], theta=0.0) -> nan, expected 0.0
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x)
    k = x.sum()
    n = x.size
    return float(k * np.log(theta) + (n - k) * np.log(1 - theta))
