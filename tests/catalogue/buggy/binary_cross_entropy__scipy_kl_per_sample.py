# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.soft_labels
# diagnosis: kl_instead_of_cross
# why: scipy.stats.entropy of the columns [y, 1 - y] and [y_hat, 1 - y_hat] is a divergence: for soft labels it leaves out H(y)
# reveals: binary_cross_entropy(y=[0.3, 0.8], y_hat=[0.4, 0.6]) -> 0.05655853799649112, expected 0.6121919007930318
import numpy as np
from scipy.stats import entropy


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    losses = entropy(np.stack([y, 1 - y]), np.stack([y_hat, 1 - y_hat]), axis=0)
    return float(np.mean(losses))
