# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident
# diagnosis: nan_from_zero
# why: clips y_hat inside log(y_hat) but not inside log(1 - y_hat), so y = 1 with y_hat = 1 gives 0 * log 0 = nan
# reveals: binary_cross_entropy(y=[1.0, 0.0], y_hat=[1.0, 0.0]) -> nan, expected 0.0
import numpy as np


def binary_cross_entropy(y, y_hat, epsilon=1e-12):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    clipped = np.clip(y_hat, epsilon, 1.0 - epsilon)
    return float(-np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - y_hat)))
