# catalogue: buggy
# function: softmax_cross_entropy
# check: softmax_cross_entropy.index_labels
# diagnosis: mean_over_all_entries
# why: np.mean over the whole m x n array divides by m * n instead of m
# reveals: softmax_cross_entropy(logits=[[0.0, 0.0]], labels=[1]) -> 0.3466, expected 0.6931
import numpy as np


def softmax_cross_entropy(logits, labels):
    logp = log_softmax(logits)
    y = _targets(labels, logp.shape)
    return float(-np.mean(np.where(y > 0, y * logp, 0.0)))
