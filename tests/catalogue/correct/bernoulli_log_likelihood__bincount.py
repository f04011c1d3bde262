# catalogue: correct
# function: bernoulli_log_likelihood
# style: np.bincount for the counts, np.log and np.log1p, no term for a count of 0
import numpy as np


def bernoulli_log_likelihood(x, theta):
    zeros, ones = np.bincount(np.asarray(x, dtype=np.int64), minlength=2)[:2]
    with np.errstate(divide="ignore"):
        logs = np.array([np.log1p(-theta), np.log(theta)])
    counts = np.array([zeros, ones], dtype=float)
    return float(np.sum(counts[counts > 0] * logs[counts > 0]))
