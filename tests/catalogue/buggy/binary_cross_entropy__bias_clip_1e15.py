# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident, binary_cross_entropy.tiny_probabilities
# diagnosis: epsilon_clipping
# why: clipping y_hat to [1e-15, 1 - 1e-15] turns +inf into 34.5 and a certain right answer into 1.1e-15
# reveals: binary_cross_entropy(y=[1.0], y_hat=[1e-300]) -> 34.538776394910684, expected 690.7755278982137
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.clip(np.asarray(y_hat, dtype=float), 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))
