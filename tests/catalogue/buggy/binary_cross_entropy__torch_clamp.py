# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident
# diagnosis: clamped_log
# why: clamps each log at -100 as PyTorch's BCELoss does, so a certain and wrong prediction costs 100 instead of +inf
# reveals: binary_cross_entropy(y=[1.0, 1.0], y_hat=[0.5, 0.0]) -> 50.346573590279974, expected inf
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(y_hat), -100.0)
        log_q = np.maximum(np.log(1 - y_hat), -100.0)
    return float(-np.mean(y * log_p + (1 - y) * log_q))
