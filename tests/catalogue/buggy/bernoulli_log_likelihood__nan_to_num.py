# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.boundary_theta
# diagnosis: nan_to_num
# why: np.nan_to_num repairs 0 * log 0 but turns the -inf of an impossible sample into -1.8e308
# reveals: bernoulli_log_likelihood(x=[0, 1, 0], theta=0.0) -> -1.7976931348623157e+308, expected -inf
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = x * np.log(theta) + (1 - x) * np.log(1 - theta)
    return float(np.sum(np.nan_to_num(terms)))
