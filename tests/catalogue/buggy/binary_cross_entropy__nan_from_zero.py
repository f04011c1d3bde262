# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident
# diagnosis: nan_from_zero
# why: with y = 1 and y_hat = 1 the complement term is (1 - 1) * log(0) = 0 * -inf = nan instead of 0
# reveals: binary_cross_entropy(y=[1.0, 0.0], y_hat=[1.0, 0.0]) -> nan, expected 0.0
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))
