# catalogue: buggy
# function: softmax_cross_entropy_grad
# check: softmax_cross_entropy_grad.large_logits
# diagnosis: softmax_overflow
# why: exp(z) / sum(exp(z)) without subtracting the max: exp(1000) = inf and inf / inf = nan
# reveals: softmax_cross_entropy_grad(logits=[[1000.0, -1000.0], [1000.0, 1000.0]], labels=[1, 0]) -> nan entries
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    e = np.exp(np.asarray(logits, dtype=float))
    s = e / e.sum(axis=1, keepdims=True)
    return (s - _targets(labels, s.shape)) / s.shape[0]
