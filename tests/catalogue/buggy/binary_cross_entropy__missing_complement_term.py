# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.basic, binary_cross_entropy.hard_labels
# diagnosis: missing_complement_term
# why: only -y log(y_hat); samples with y = 0 contribute nothing, but they should cost -log(1 - y_hat)
# reveals: binary_cross_entropy(y=[0.0], y_hat=[0.3]) -> -0.0, expected 0.35667494393873234
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    terms = np.zeros_like(y)
    pos = y > 0
    terms[pos] = y[pos] * np.log(y_hat[pos])
    return float(-np.mean(terms))
