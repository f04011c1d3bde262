# catalogue: correct
# function: entropy
# style: pure-Python loop with math.log and an `if pi > 0` guard
import math


def entropy(p, base=None):
    h = 0.0
    for pi in p:
        if pi > 0:
            h -= pi * math.log(pi)
    if base is not None:
        h /= math.log(base)
    return h
