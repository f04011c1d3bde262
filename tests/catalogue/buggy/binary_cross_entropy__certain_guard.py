# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident
# diagnosis: zero_weight_log
# why: returns +inf whenever a prediction is exactly 0 or 1, even when the label agrees with it (zero loss)
# reveals: binary_cross_entropy(y=[1.0, 0.0], y_hat=[1.0, 0.0]) -> inf, expected 0.0
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    if np.any((y_hat == 0) | (y_hat == 1)):
        return float("inf")
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log1p(-y_hat)))
