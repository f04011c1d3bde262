# catalogue: correct
# function: binary_cross_entropy
# style: replaces log(0) only where y_hat is exactly 0 or 1, by its true limit (-inf), and drops zero-weight terms
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    log_p = np.full_like(y_hat, -np.inf)
    log_q = np.full_like(y_hat, -np.inf)
    np.log(y_hat, out=log_p, where=y_hat > 0)
    np.log1p(-y_hat, out=log_q, where=y_hat < 1)
    pos = np.zeros_like(y)
    neg = np.zeros_like(y)
    np.multiply(y, log_p, out=pos, where=y > 0)
    np.multiply(1 - y, log_q, out=neg, where=y < 1)
    return float(-np.mean(pos + neg))
