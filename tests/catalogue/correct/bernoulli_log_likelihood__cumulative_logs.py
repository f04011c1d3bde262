# catalogue: correct
# function: bernoulli_log_likelihood
# style: per-sample log-probabilities accumulated with np.cumsum; the last partial sum is the answer
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x)
    if x.size == 0:
        return 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        logp = np.where(x == 1, np.log(theta), np.log1p(-theta))
    return float(np.cumsum(logp)[-1])
