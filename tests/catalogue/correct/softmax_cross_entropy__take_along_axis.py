# catalogue: correct
# function: softmax_cross_entropy
# style: np.take_along_axis for class indices, a masked sum for probability rows
import numpy as np


def softmax_cross_entropy(logits, labels):
    logp = log_softmax(logits)
    labels = np.asarray(labels)
    if labels.ndim == 1:
        picked = np.take_along_axis(logp, labels[:, None].astype(int), axis=1)
        return float(-picked.mean())
    mask = labels > 0
    return float(-np.sum(labels[mask] * logp[mask]) / logp.shape[0])
