# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident
# diagnosis: epsilon_clipping
# why: np.clip(y_hat, 1e-7, 1 - 1e-7) gives a right and certain prediction a loss of 1e-7, and a wrong one 16.1 instead of +inf
# reveals: binary_cross_entropy(y=[1.0, 0.0], y_hat=[1.0, 0.0]) -> 1.0000000494736474e-07, expected 0.0
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.clip(np.asarray(y_hat, dtype=float), 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))
