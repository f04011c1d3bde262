# catalogue: buggy
# function: log_softmax
# check: log_softmax.large_logits
# diagnosis: log_of_underflowed_softmax
# why: subtracts the max, but takes the log of the probabilities: exp(-2000) is 0.0 and log 0 = -inf
# reveals: log_softmax(z=[[1000.0, 0.0, -1000.0]]) -> [[0.0, -1000.0, -inf]], expected [[0.0, -1000.0, -2000.0]]
import numpy as np


def log_softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.log(e / e.sum(axis=1, keepdims=True))
