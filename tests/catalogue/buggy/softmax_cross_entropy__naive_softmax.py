# catalogue: buggy
# function: softmax_cross_entropy
# check: softmax_cross_entropy.large_logits
# diagnosis: softmax_overflow
# why: probabilities from exp(z) / sum(exp(z)) first, then the log: exp(1000) overflows
# reveals: softmax_cross_entropy(logits=[[1000.0, -1000.0]], labels=[1]) -> inf, expected 2000.0
import numpy as np


def softmax_cross_entropy(logits, labels):
    e = np.exp(np.asarray(logits, dtype=float))
    s = e / e.sum(axis=1, keepdims=True)
    y = _targets(labels, s.shape)
    return float(-np.sum(np.where(y > 0, y * np.log(s), 0.0)) / s.shape[0])
