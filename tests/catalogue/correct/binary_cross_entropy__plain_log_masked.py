# catalogue: correct
# function: binary_cross_entropy
# style: the textbook np.log(1 - y_hat) with np.where masks; rounding 1 - y_hat costs < 1e-16 per sample, inside the tolerance for a mean
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pos = np.where(y > 0, y * np.log(y_hat), 0.0)
        neg = np.where(y < 1, (1 - y) * np.log(1 - y_hat), 0.0)
    return float(-np.mean(pos + neg))
