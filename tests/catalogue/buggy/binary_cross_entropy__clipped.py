# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident
# diagnosis: small_bias_near_zero
# why: np.clip(y_hat, 1e-15, 1 - 1e-15) caps each loss at about 34.5: a confidently wrong prediction gives a finite loss instead of +inf
# reveals: binary_cross_entropy(y=[1.0, 0.0], y_hat=[0.0, 1.0]) -> 34.53917619362578, expected inf
# reveals: binary_cross_entropy(y=[1.0], y_hat=[1e-17]) -> 34.538776394910684, expected 39.14394658089878
import numpy as np


def binary_cross_entropy(y, y_hat):
    eps = 1e-15
    y = np.asarray(y, dtype=float)
    y_hat = np.clip(np.asarray(y_hat, dtype=float), eps, 1 - eps)
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))
