# catalogue: correct
# function: softmax_cross_entropy_grad
# style: stable softmax, then subtract 1 at the true class in place
import numpy as np


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    labels = np.asarray(labels)
    m = z.shape[0]
    if labels.ndim == 1:
        g[np.arange(m), labels] -= 1.0
    else:
        g -= labels
    g /= m
    return g
