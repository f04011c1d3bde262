# catalogue: buggy
# function: softmax_cross_entropy_grad
# check: softmax_cross_entropy_grad.index_labels
# diagnosis: grad_wrong_divisor
# why: divides by the number of classes n = logits.shape[1] instead of the number of rows m
# reveals: softmax_cross_entropy_grad(logits=[[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]], labels=[2, 0]) -> 2/3 of the expected value
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    logp = log_softmax(logits)
    return (np.exp(logp) - _targets(labels, logp.shape)) / logp.shape[1]
