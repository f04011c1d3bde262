# catalogue: correct
# function: bernoulli_mle
# style: x.sum() / len(x) on an array
import numpy as np


def bernoulli_mle(x):
    x = np.asarray(x, dtype=float)
    return float(x.sum() / len(x))
