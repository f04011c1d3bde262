# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.basic
# diagnosis: missing_minus_sign
# why: returns the negative log-likelihood (the loss) instead of the log-likelihood: the sign is flipped
# reveals: bernoulli_log_likelihood(x=[1.0, 0.0, 1.0], theta=0.7) -> 1.9173226922034008, expected -1.9173226922034008
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    k = np.count_nonzero(x)
    n = x.size
    with np.errstate(divide="ignore"):
        ll = (k * np.log(theta) if k else 0.0) + ((n - k) * np.log1p(-theta) if n - k else 0.0)
    return float(-ll)
