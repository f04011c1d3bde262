# catalogue: correct
# function: entropy
# style: sorts the probabilities and adds the terms from the smallest, a for loop over a Python list
import math


def entropy(p, base=None):
    total = 0.0
    for pi in sorted(float(x) for x in p):
        if pi != 0.0:
            total += pi * math.log(1.0 / pi) if pi < 1.0 else 0.0
    if base:
        total = total / math.log(base)
    return total
