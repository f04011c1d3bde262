# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.basic, binary_cross_entropy.soft_labels
# diagnosis: float32_precision
# why: float32 arithmetic (a deep-learning default) keeps about 7 significant digits
# reveals: binary_cross_entropy(y=[0.0], y_hat=[0.3]) -> 0.3566749691963196, expected 0.35667494393873234
# reveals: binary_cross_entropy(y=[0.3, 0.8], y_hat=[0.4, 0.6]) -> 0.612191915512085, expected 0.6121919007930318
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=np.float32)
    y_hat = np.asarray(y_hat, dtype=np.float32)
    terms = np.zeros_like(y)
    with np.errstate(divide="ignore"):
        terms[y > 0] += y[y > 0] * np.log(y_hat[y > 0])
        terms[y < 1] += (1 - y[y < 1]) * np.log1p(-y_hat[y < 1])
    return float(-np.mean(terms))
