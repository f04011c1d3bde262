# catalogue: buggy
# function: binary_cross_entropy
# check: binary_cross_entropy.large_sample
# diagnosis: log_of_product
# why: the product of thousands of per-sample likelihoods underflows to 0.0 (log gives -inf, loss +inf) or stalls at the smallest subnormal 5e-324 (log gives -744.44)
# reveals: binary_cross_entropy(y=np.r_[np.ones(1400), np.zeros(600)], y_hat=np.full(2000, 0.7)) -> inf, expected 0.6108643020548935
import numpy as np


def binary_cross_entropy(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    likelihood = np.prod(y_hat ** y * (1 - y_hat) ** (1 - y))
    with np.errstate(divide="ignore"):
        return float(-np.log(likelihood) / len(y))
