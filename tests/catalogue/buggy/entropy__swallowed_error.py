# catalogue: buggy
# function: entropy
# check: entropy.zero_probability
# diagnosis: swallowed_error
# why: the ValueError from math.log(0) is caught and 0.0 is returned, hiding the real problem
# reveals: entropy(p=[0.5, 0.5, 0.0]) -> 0.0, expected 0.6931471805599453
import math


def entropy(p, base=None):
    try:
        h = -sum(pi * math.log(pi) for pi in p)
        if base is not None:
            h /= math.log(base)
        return h
    except Exception:
        return 0.0
