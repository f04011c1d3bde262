# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic
# diagnosis: input_changed
# why: sorts the samples in place to find the first one with np.searchsorted: the caller's data is reordered
# reveals: bernoulli_mle(x=[1, 0, 1, 1]) -> 0.75, but x becomes [0, 1, 1, 1]
import numpy as np


def bernoulli_mle(x):
    x = np.asarray(x)
    x.sort()
    return (x.size - int(np.searchsorted(x, 1))) / x.size
