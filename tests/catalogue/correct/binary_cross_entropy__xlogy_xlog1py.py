# catalogue: correct
# function: binary_cross_entropy
# style: scipy.special.xlogy and xlog1py, both 0 when their weight is 0
import numpy as np
from scipy.special import xlog1py, xlogy


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    return float(-np.mean(xlogy(y, y_hat) + xlog1py(1 - y, -y_hat))) + 0.0
