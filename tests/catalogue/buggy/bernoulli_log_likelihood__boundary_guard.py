# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.boundary_theta, bernoulli_log_likelihood.empirical_cross_entropy
# diagnosis: zero_weight_log
# why: returns -inf for theta of 0 or 1 before looking at the samples, but samples that all agree with theta have log-likelihood 0
# reveals: bernoulli_log_likelihood(x=[0, 0, 0], theta=0.0) -> -inf, expected 0.0
import numpy as np


def bernoulli_log_likelihood(x, theta):
    if theta <= 0 or theta >= 1:
        return -np.inf
    x = np.asarray(x)
    return float(np.sum(np.where(x == 1, np.log(theta), np.log1p(-theta))))
