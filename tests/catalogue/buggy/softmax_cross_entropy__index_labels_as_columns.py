# catalogue: buggy
# function: softmax_cross_entropy
# check: softmax_cross_entropy.index_labels
# diagnosis: index_labels_as_columns
# why: logp[:, labels] picks every label for every row (an m x m block), not one entry per row
# reveals: softmax_cross_entropy(logits=[[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]], labels=[2, 0]) -> 1.407..., expected 1.407... only by luck for one row
import numpy as np


def softmax_cross_entropy(logits, labels):
    logp = log_softmax(logits)
    labels = np.asarray(labels)
    if labels.ndim == 1:
        return float(-np.mean(logp[:, labels]))
    return float(-np.sum(labels * logp) / logp.shape[0])
