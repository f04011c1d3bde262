# catalogue: buggy
# function: log_softmax
# check: log_softmax.large_logits
# diagnosis: softmax_overflow
# why: forms softmax with exp(z) first and then takes the log; exp(1000) = inf and inf / inf = nan
# reveals: log_softmax(z=[[1000.0, 1000.0]]) -> [[nan, nan]], expected [[-0.693..., -0.693...]]
import numpy as np


def log_softmax(z):
    e = np.exp(np.asarray(z, dtype=float))
    return np.log(e / e.sum(axis=1, keepdims=True))
