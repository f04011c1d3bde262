# catalogue: correct
# function: bernoulli_mle
# style: np.mean, returned as a numpy float64
import numpy as np


def bernoulli_mle(x):
    return np.mean(x)
