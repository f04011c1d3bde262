# catalogue: correct
# function: binary_cross_entropy
# style: each sample as a two-class cross-entropy: stacks [y, 1 - y] and [y_hat, 1 - y_hat], masks zero weights
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    target = np.stack([y, 1 - y])
    logs = np.stack([np.log(y_hat, where=y > 0, out=np.zeros_like(y_hat)),
                     np.log1p(-y_hat, where=y < 1, out=np.zeros_like(y_hat))])
    with np.errstate(divide="ignore"):
        logs[0][(y > 0) & (y_hat == 0)] = -np.inf
        logs[1][(y < 1) & (y_hat == 1)] = -np.inf
    terms = np.where(target > 0, target * logs, 0.0)
    return float(-terms.sum(axis=0).mean()) + 0.0
