# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.basic
# diagnosis: ignores_zero_samples
# why: only k log(theta); each zero sample has probability 1 - theta and must add log(1 - theta)
# reveals: bernoulli_log_likelihood(x=[1.0, 0.0, 1.0], theta=0.7) -> -0.7133498878774649, expected -1.9173226922034008
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    k = np.count_nonzero(x)
    if k == 0:
        return 0.0
    with np.errstate(divide="ignore"):
        return float(k * np.log(theta))
