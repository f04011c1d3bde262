# catalogue: buggy
# function: kl_divergence
# check: kl_divergence.support_mismatch
# diagnosis: log_domain_error
# why: skips p = 0 correctly but math.log(0) for q = 0 < p raises ValueError instead of returning +inf
# reveals: kl_divergence(p=[0.5, 0.5], q=[1.0, 0.0]) -> ValueError (math domain error), expected inf
import math


def kl_divergence(p, q):
    d = 0.0
    for pi, qi in zip(p, q):
        if pi > 0:
            d += pi * (math.log(pi) - math.log(qi))
    return d
