# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.boundary_theta, bernoulli_log_likelihood.empirical_cross_entropy
# diagnosis: zero_weight_log
# why: both logs are taken up front in a try, and the except returns -inf, even when no sample needs the log that failed
# reveals: bernoulli_log_likelihood(x=[0, 0, 0], theta=0.0) -> -inf, expected 0.0
import math


def bernoulli_log_likelihood(x, theta):
    try:
        log_one, log_zero = math.log(theta), math.log(1 - theta)
    except ValueError:
        return -math.inf
    ones = sum(1 for xi in x if xi == 1)
    return ones * log_one + (len(x) - ones) * log_zero
