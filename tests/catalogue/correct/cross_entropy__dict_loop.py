# catalogue: correct
# function: cross_entropy
# style: a dict of the classes with p > 0, math.log, try/except ValueError for log(0) turned into +inf
import math


def cross_entropy(p, q):
    target = {i: float(pi) for i, pi in enumerate(p) if pi > 0}
    total = 0.0
    for i, pi in target.items():
        try:
            total -= pi * math.log(q[i])
        except ValueError:  # math.log(0.0): the model gave a possible class probability 0
            return math.inf
    return total
