# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.boundary_theta
# diagnosis: swallowed_error
# why: the ValueError from math.log(0) (theta = 0 with a one) is caught and 0.0 returned, but the answer is -inf
# reveals: bernoulli_log_likelihood(x=[0.0, 1.0], theta=0.0) -> 0.0, expected -inf
import math


def bernoulli_log_likelihood(x, theta):
    try:
        return sum(math.log(theta) if xi else math.log1p(-theta) for xi in x)
    except Exception:
        return 0.0
