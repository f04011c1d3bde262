# catalogue: buggy
# function: entropy
# check: entropy.zero_probability, entropy.certainty
# diagnosis: log_domain_error
# why: math.log(0) raises ValueError ("math domain error") instead of the term being 0
# reveals: entropy(p=[0.5, 0.5, 0.0]) -> ValueError (math domain error), expected 0.6931471805599453
# reveals: entropy(p=[0.0, 1.0, 0.0]) -> ValueError (math domain error), expected 0.0
import math


def entropy(p, base=None):
    h = 0.0
    for pi in p:
        h -= pi * math.log(pi)
    if base is not None:
        h /= math.log(base)
    return h
