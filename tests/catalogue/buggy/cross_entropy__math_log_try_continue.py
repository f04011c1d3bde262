# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.support_mismatch
# diagnosis: skips_support_mismatch
# why: a loop that skips every term where math.log raises also skips q = 0 < p, which should give +inf
# reveals: cross_entropy(p=[0.0, 1.0], q=[1.0, 0.0]) -> 0.0, expected inf
import math


def cross_entropy(p, q):
    total = 0.0
    for pi, qi in zip(p, q):
        try:
            total -= pi * math.log(qi)
        except ValueError:
            continue
    return total
