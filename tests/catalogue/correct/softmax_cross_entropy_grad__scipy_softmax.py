# catalogue: correct
# function: softmax_cross_entropy_grad
# style: scipy.special.softmax and an np.eye one-hot
import numpy as np
from scipy.special import softmax


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    y = np.eye(z.shape[1])[labels] if labels.ndim == 1 else labels
    return (softmax(z, axis=1) - y) / z.shape[0]
