# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.basic, binary_cross_entropy.hard_labels
# diagnosis: swapped_arguments
# why: takes logs of the labels and weights by the predictions: the log belongs on y_hat
# reveals: binary_cross_entropy(y=[1.0, 0.0, 1.0], y_hat=[0.9, 0.2, 0.6]) -> inf, expected 0.2797765635793423
import numpy as np


def binary_cross_entropy(y, y_hat):
    y_hat, y = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))
