# catalogue: buggy
# function: softmax_cross_entropy
# check: softmax_cross_entropy.soft_labels
# diagnosis: soft_labels_argmax
# why: turns probability rows into their most likely class, so soft labels lose their other classes
# reveals: softmax_cross_entropy(logits=[[1.0, 2.0, 3.0]], labels=[[0.2, 0.3, 0.5]]) -> 0.4076, expected 1.1076
import numpy as np


def softmax_cross_entropy(logits, labels):
    logp = log_softmax(logits)
    labels = np.asarray(labels)
    if labels.ndim == 2:
        labels = np.argmax(labels, axis=1)
    return float(-np.mean(logp[np.arange(logp.shape[0]), labels]))
