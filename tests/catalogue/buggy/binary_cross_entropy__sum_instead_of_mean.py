# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.mean_over_samples
# diagnosis: sum_instead_of_mean
# why: returns the total loss over samples; the spec asks for the mean (right only for one sample)
# reveals: binary_cross_entropy(y=[1.0, 1.0, 1.0, 1.0], y_hat=[0.5, 0.5, 0.5, 0.5]) -> 2.772588722239781, expected 0.6931471805599453
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    terms = np.zeros_like(y)
    with np.errstate(divide="ignore"):
        terms[y > 0] += y[y > 0] * np.log(y_hat[y > 0])
        terms[y < 1] += (1 - y[y < 1]) * np.log1p(-y_hat[y < 1])
    return float(-np.sum(terms))
