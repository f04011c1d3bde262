# catalogue: buggy
# function: softmax_cross_entropy_grad
# check: softmax_cross_entropy_grad.index_labels
# diagnosis: grad_wrong_sign
# why: returns (y - softmax(z)) / m, the descent direction, not the gradient
# reveals: softmax_cross_entropy_grad(logits=[[0.0, 0.0], [0.0, 0.0]], labels=[0, 1]) -> [[0.25, -0.25], ...], expected [[-0.25, 0.25], ...]
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    logp = log_softmax(logits)
    return (_targets(labels, logp.shape) - np.exp(logp)) / logp.shape[0]
