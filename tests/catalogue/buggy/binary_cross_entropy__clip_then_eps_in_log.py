# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.basic
# diagnosis: epsilon_clipping
# why: clips y_hat and then adds eps = 1e-7 inside both logs again, shifting every loss by about 1e-7 / y_hat
# reveals: binary_cross_entropy(y=[1.0, 0.0, 1.0, 1.0], y_hat=[0.9, 0.2, 0.6, 0.7]) -> 0.2990010222604692, expected 0.2990011586691898
import numpy as np


def binary_cross_entropy(y, y_hat, eps=1e-7):
    y = np.asarray(y, dtype=float)
    y_hat = np.clip(np.asarray(y_hat, dtype=float), eps, 1 - eps)
    losses = y * np.log(y_hat + eps) + (1 - y) * np.log(1 - y_hat + eps)
    return float(-np.mean(losses))
