# catalogue: correct
# function: log_softmax
# style: log-sum-exp as a 1-D vector, broadcast back with [:, None]
import numpy as np


def log_softmax(z):
    z = np.asarray(z, dtype=float)
    top = np.max(z, axis=1)
    lse = top + np.log(np.sum(np.exp(z - top[:, None]), axis=1))
    return z - lse[:, None]
