# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic
# diagnosis: count_not_proportion
# why: returns the number of ones k; the estimate is the proportion k / n
# reveals: bernoulli_mle(x=[1.0, 0.0, 1.0]) -> 2.0, expected 0.6666666666666666
import numpy as np


def bernoulli_mle(x):
    return float(np.sum(x))
