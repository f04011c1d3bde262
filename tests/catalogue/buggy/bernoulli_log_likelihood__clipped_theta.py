# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.extreme_theta, bernoulli_log_likelihood.boundary_theta
# diagnosis: epsilon_clipping
# why: np.clip(theta, 1e-15, 1 - 1e-15) moves theta = 1e-17 to 1e-15 and makes an impossible sample (theta = 0, x = 1) finite
# reveals: bernoulli_log_likelihood(x=[1.0, 0.0, 0.0], theta=1e-17) -> -34.538776394910684, expected -39.14394658089878
# reveals: bernoulli_log_likelihood(x=[0.0, 1.0], theta=0.0) -> -34.538776394910684, expected -inf
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    theta = np.clip(theta, 1e-15, 1 - 1e-15)
    k = np.sum(x)
    return float(k * np.log(theta) + (len(x) - k) * np.log(1 - theta))
