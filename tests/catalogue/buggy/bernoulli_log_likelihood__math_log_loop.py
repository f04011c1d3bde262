# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.boundary_theta
# diagnosis: log_domain_error
# why: math.log(0) raises ValueError at theta = 0 with a one in x (or theta = 1 with a zero) instead of giving -inf
# reveals: bernoulli_log_likelihood(x=[0.0, 1.0], theta=0.0) -> ValueError (math domain error), expected -inf
import math


def bernoulli_log_likelihood(x, theta):
    ll = 0.0
    for xi in x:
        if xi == 1:
            ll += math.log(theta)
        else:
            ll += math.log1p(-theta)
    return ll
