# catalogue: buggy
# function: log_softmax
# check: log_softmax.large_logits
# diagnosis: max_not_subtracted
# why: z - log(sum(exp(z))) is right on paper, but exp(1000) overflows and exp(-1000) underflows
# reveals: log_softmax(z=[[1000.0, 1000.0]]) -> [[-inf, -inf]], expected [[-0.693..., -0.693...]]
import numpy as np


def log_softmax(z):
    z = np.asarray(z, dtype=float)
    return z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
