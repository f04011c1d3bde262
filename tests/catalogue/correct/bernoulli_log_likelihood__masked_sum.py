# catalogue: correct
# function: bernoulli_log_likelihood
# style: per-sample log-probabilities selected with np.where, then summed
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore"):
        logp = np.where(x == 1, np.log(theta), np.log1p(-theta))
    return float(np.sum(logp))
