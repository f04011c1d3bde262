# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.basic
# diagnosis: mean_instead_of_sum
# why: averages the log-probabilities; the log-likelihood of independent samples is their sum
# reveals: bernoulli_log_likelihood(x=[1.0, 0.0, 1.0], theta=0.7) -> -0.6391075640678002, expected -1.9173226922034008
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(x * np.log(theta) + (1 - x) * np.log1p(-theta)))
