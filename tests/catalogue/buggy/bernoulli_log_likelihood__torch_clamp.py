# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.boundary_theta
# diagnosis: clamped_log
# why: clamps each log-probability at -100 (PyTorch's rule), so an impossible sample costs 100 instead of making the log-likelihood -inf
# reveals: bernoulli_log_likelihood(x=[0, 1, 0], theta=0.0) -> -100.0, expected -inf
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore"):
        log1 = max(np.log(theta), -100.0)
        log0 = max(np.log1p(-theta), -100.0)
    return float(np.sum(x * log1 + (1 - x) * log0))
