# catalogue: correct
# function: cross_entropy
# style: pure-Python loop with math.fsum and an explicit +inf
import math


def cross_entropy(p, q):
    terms = []
    for pi, qi in zip(p, q):
        if pi > 0:
            if qi <= 0:
                return math.inf
            terms.append(-pi * math.log(qi))
    return math.fsum(terms)
