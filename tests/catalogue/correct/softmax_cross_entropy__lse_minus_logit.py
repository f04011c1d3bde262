# catalogue: correct
# function: softmax_cross_entropy
# style: loss = logsumexp(z) - z_y per row, without forming log_softmax
import numpy as np


def softmax_cross_entropy(logits, labels):
    z = np.asarray(logits, dtype=float)
    top = z.max(axis=1)
    lse = top + np.log(np.exp(z - top[:, None]).sum(axis=1))
    labels = np.asarray(labels)
    m = z.shape[0]
    if labels.ndim == 1:
        return float(np.mean(lse - z[np.arange(m), labels]))
    per_row = [np.sum(y[y > 0] * (l - r[y > 0])) for y, l, r in zip(labels, lse, z)]
    return float(np.sum(per_row) / m)
