# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident
# diagnosis: nan_from_zero
# why: dot products of the labels with the logs keep 0 * log 0 = nan
# reveals: binary_cross_entropy(y=[1.0, 0.0], y_hat=[1.0, 0.0]) -> nan, expected 0.0
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    return float(-(y @ np.log(y_hat) + (1 - y) @ np.log(1 - y_hat)) / len(y))
