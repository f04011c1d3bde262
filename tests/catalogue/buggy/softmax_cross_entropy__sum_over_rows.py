# catalogue: buggy
# function: softmax_cross_entropy
# check: softmax_cross_entropy.index_labels
# diagnosis: sum_over_rows
# why: adds up the per-row losses instead of averaging them
# reveals: softmax_cross_entropy(logits=[[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]], labels=[2, 0]) -> twice the expected value
import numpy as np


def softmax_cross_entropy(logits, labels):
    logp = log_softmax(logits)
    y = _targets(labels, logp.shape)
    return float(-np.sum(np.where(y > 0, y * logp, 0.0)))
