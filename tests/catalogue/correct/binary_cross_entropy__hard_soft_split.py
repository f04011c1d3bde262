# catalogue: correct
# function: binary_cross_entropy
# style: hard labels pick one log each (fancy indexing), soft labels use both; the two sums are combined by hand
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    hard = (y == 0) | (y == 1)
    yh, ph = y[hard], y_hat[hard]
    ys, ps = y[~hard], y_hat[~hard]
    chosen = np.where(yh == 1, ph, 1 - ph)         # the probability of the observed label
    if np.any(chosen == 0) or np.any(ps == 0) or np.any(ps == 1):
        return float("inf")
    ones = yh == 1
    total = -(np.sum(np.log(ph[ones])) + np.sum(np.log1p(-ph[~ones])))
    total -= np.sum(ys * np.log(ps) + (1 - ys) * np.log1p(-ps))
    return float(total / y.size) + 0.0
