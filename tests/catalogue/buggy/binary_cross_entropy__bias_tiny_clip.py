# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident, binary_cross_entropy.hard_labels
# diagnosis: finite_for_infinite
# why: clipping at 1e-300 keeps every real probability, but a soft label on y_hat = 0 costs 345.4 instead of +inf
# reveals: binary_cross_entropy(y=[0.5], y_hat=[0.0]) -> 345.38776394910684, expected inf
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    hit = np.where(y > 0, y * np.log(np.maximum(y_hat, 1e-300)), 0.0)
    miss = np.where(y < 1, (1 - y) * np.log(np.maximum(1 - y_hat, 1e-300)), 0.0)
    return float(-np.mean(hit + miss)) + 0.0
