# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.boundary_theta
# diagnosis: nan_from_zero
# why: at theta = 0 every zero sample gives 0 * log(0) = nan for its x log(theta) part (likewise at theta = 1)
# reveals: bernoulli_log_likelihood(x=[0.0, 0.0, 0.0], theta=0.0) -> nan, expected 0.0
# reveals: bernoulli_log_likelihood(x=[1.0, 1.0], theta=1.0) -> nan, expected 0.0
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    return float(np.sum(x * np.log(theta) + (1 - x) * np.log(1 - theta)))
