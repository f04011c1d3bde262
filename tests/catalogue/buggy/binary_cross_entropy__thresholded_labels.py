# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.soft_labels
# diagnosis: argmax_target
# why: picks -log(y_hat) or -log(1 - y_hat) by whether y > 0.5, i.e. rounds a soft label to its likelier class
# reveals: binary_cross_entropy(y=[0.3], y_hat=[0.3]) -> 0.35667494393873234, expected 0.6108643020548934
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    with np.errstate(divide="ignore"):
        losses = np.where(y > 0.5, -np.log(y_hat), -np.log1p(-y_hat))
    return float(np.mean(losses))
