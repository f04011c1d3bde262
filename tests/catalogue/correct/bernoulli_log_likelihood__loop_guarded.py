# catalogue: correct
# function: bernoulli_log_likelihood
# style: counts in a loop, math.log / math.log1p, explicit -inf for an impossible sample
import math


def bernoulli_log_likelihood(x, theta):
    ones = sum(1 for xi in x if xi == 1)
    zeros = len(x) - ones
    ll = 0.0
    if ones:
        if theta == 0:
            return -math.inf
        ll += ones * math.log(theta)
    if zeros:
        if theta == 1:
            return -math.inf
        ll += zeros * math.log1p(-theta)
    return ll
