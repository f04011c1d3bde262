# catalogue: buggy
# function: softmax_cross_entropy_grad
# check: softmax_cross_entropy_grad.index_labels
# diagnosis: index_labels_as_columns
# why: y[:, labels] = 1 marks every label in every row; one-hot needs y[np.arange(m), labels] = 1
# reveals: softmax_cross_entropy_grad(logits=[[0.0, 0.0], [0.0, 0.0]], labels=[0, 1]) -> [[-0.25, -0.25], ...], expected [[-0.25, 0.25], ...]
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    logp = log_softmax(logits)
    labels = np.asarray(labels)
    if labels.ndim == 1:
        y = np.zeros(logp.shape)
        y[:, labels] = 1.0
    else:
        y = labels
    return (np.exp(logp) - y) / logp.shape[0]
