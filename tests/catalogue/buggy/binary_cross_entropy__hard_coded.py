# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.basic
# diagnosis: none
# why: returns log 2 (the loss of always predicting 0.5) whatever the inputs
# reveals: binary_cross_entropy(y=[1.0, 0.0, 1.0], y_hat=[0.9, 0.2, 0.6]) -> 0.6931471805599453, expected 0.2797765635793423
# note: diagnosis none: the first case of every check already fails, so the grader never sees the constant twice in one check
import numpy as np


def binary_cross_entropy(y, y_hat):
    return float(np.log(2))
