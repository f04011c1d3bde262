# catalogue: correct
# function: kl_divergence
# style: pure-Python loop, math.fsum, explicit +inf for q = 0 < p
import math


def kl_divergence(p, q):
    terms = []
    for pi, qi in zip(p, q):
        if pi == 0:
            continue
        if qi == 0:
            return math.inf
        terms.append(pi * (math.log(pi) - math.log(qi)))
    return math.fsum(terms)
