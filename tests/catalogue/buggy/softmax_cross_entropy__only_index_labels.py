# catalogue: buggy
# function: softmax_cross_entropy
# check: softmax_cross_entropy.soft_labels
# diagnosis: exception
# why: handles class indices only; probability rows used as indices raise IndexError
# reveals: softmax_cross_entropy(logits=[[1.0, 2.0, 3.0]], labels=[[0.2, 0.3, 0.5]]) -> IndexError
import numpy as np


def softmax_cross_entropy(logits, labels):
    logp = log_softmax(logits)
    return float(-np.mean(logp[np.arange(logp.shape[0]), labels]))
