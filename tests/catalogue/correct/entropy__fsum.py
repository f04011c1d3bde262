# catalogue: correct
# function: entropy
# style: math.fsum over a generator of the nonzero terms, base via math.log(x, base)
import math


def entropy(p, base=None):
    terms = [float(pi) for pi in p if pi > 0]
    if base is None:
        return -math.fsum(pi * math.log(pi) for pi in terms)
    return -math.fsum(pi * math.log(pi) for pi in terms) / math.log(base)
