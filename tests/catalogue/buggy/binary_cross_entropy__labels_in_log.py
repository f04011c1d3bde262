# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.basic, binary_cross_entropy.soft_labels
# diagnosis: labels_in_log
# why: a typo puts the labels inside the first log: -y log(y) - (1 - y) log(1 - y_hat)
# reveals: binary_cross_entropy(y=[1.0, 0.0, 1.0, 1.0], y_hat=[0.9, 0.2, 0.6, 0.7]) -> nan, expected 0.2990011586691898
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    return float(np.mean(-y * np.log(y) - (1 - y) * np.log(1 - y_hat)))
