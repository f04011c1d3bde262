# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.support_mismatch
# diagnosis: log_domain_error
# why: guards p = 0 but math.log(0) for q = 0 < p raises ValueError instead of the loss being +inf
# reveals: cross_entropy(p=[0.5, 0.5], q=[1.0, 0.0]) -> ValueError (math domain error), expected inf
import math


def cross_entropy(p, q):
    h = 0.0
    for pi, qi in zip(p, q):
        if pi > 0:
            h -= pi * math.log(qi)
    return h
