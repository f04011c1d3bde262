# catalogue: buggy
# function: entropy
# check: entropy.basic
# diagnosis: wrong_base_conversion
# why: the signature's default became base=2, so a call without a base answers in bits instead of nats
# reveals: entropy(p=[0.5, 0.5]) -> 1.0, expected 0.6931471805599453
import math


def entropy(p, base=2):
    h = 0.0
    for pi in p:
        if pi > 0:
            h -= pi * math.log(pi, base)
    return h
