# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.confident
# diagnosis: nan_to_num
# why: np.nan_to_num repairs 0 * log 0 = nan but turns the -inf of a certain and wrong prediction into -1.8e308
# reveals: binary_cross_entropy(y=[1.0, 1.0], y_hat=[0.5, 0.0]) -> 8.988465674311579e+307, expected inf
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)
    return float(-np.mean(np.nan_to_num(terms)))
