# catalogue: correct
# function: log_softmax
# style: z minus scipy's logsumexp of each row
import numpy as np
from scipy.special import logsumexp


def log_softmax(z):
    z = np.asarray(z, dtype=float)
    return z - logsumexp(z, axis=1, keepdims=True)
