# catalogue: buggy
# function: log_softmax
# check: log_softmax.rows, log_softmax.basic
# diagnosis: wrong_axis
# why: normalises each column (axis=0) instead of each row (axis=1)
# reveals: log_softmax(z=[[1.0, 2.0, 3.0]]) -> [[0.0, 0.0, 0.0]], expected [[-2.407..., -1.407..., -0.407...]]
import numpy as np


def log_softmax(z):
    z = np.asarray(z, dtype=float)
    top = z.max(axis=0, keepdims=True)
    return z - top - np.log(np.exp(z - top).sum(axis=0, keepdims=True))
