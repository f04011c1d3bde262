# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic
# diagnosis: divides_by_n_minus_one
# why: divides the count by n - 1, as for an unbiased variance
# reveals: bernoulli_mle(x=[1, 0, 1, 1]) -> 1.0, expected 0.75
import numpy as np


def bernoulli_mle(x):
    x = np.asarray(x)
    return float(x.sum() / (len(x) - 1))
