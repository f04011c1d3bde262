# catalogue: buggy
# function: softmax_cross_entropy_grad
# check: softmax_cross_entropy_grad.index_labels
# diagnosis: grad_missing_mean
# why: the gradient of a mean over m rows carries 1/m; this returns softmax(z) - y
# reveals: softmax_cross_entropy_grad(logits=[[0.0, 0.0], [0.0, 0.0]], labels=[0, 1]) -> [[-0.5, 0.5], ...], expected [[-0.25, 0.25], ...]
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    logp = log_softmax(logits)
    return np.exp(logp) - _targets(labels, logp.shape)
