# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.underflow, bernoulli_log_likelihood.empirical_cross_entropy
# diagnosis: log_of_product
# why: multiplies blocks of 256 probabilities before the log; fine until a block of rare outcomes underflows
# reveals: bernoulli_log_likelihood(x=np.arange(2000) % 2, theta=1e-7) -> -inf, expected -16118.09...
import numpy as np


def bernoulli_log_likelihood(x, theta):
    probs = np.where(np.asarray(x) == 1, theta, 1 - theta)
    total = 0.0
    with np.errstate(divide="ignore"):
        for start in range(0, probs.size, 256):
            total += np.log(np.prod(probs[start:start + 256]))
    return float(total)
