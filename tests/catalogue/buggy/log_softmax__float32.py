# catalogue: buggy
# function: log_softmax
# check: log_softmax.basic
# diagnosis: float32_precision
# why: computes in float32, which keeps about 7 digits
# reveals: log_softmax(z=[[1.0, 2.0, 3.0]]) differs from the reference by about 1e-8
import numpy as np


def log_softmax(z):
    z = np.asarray(z, dtype=np.float32)
    top = z.max(axis=1, keepdims=True)
    return z - top - np.log(np.exp(z - top).sum(axis=1, keepdims=True))
