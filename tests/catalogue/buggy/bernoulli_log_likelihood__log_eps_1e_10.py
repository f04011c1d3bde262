# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.extreme_theta, bernoulli_log_likelihood.boundary_theta
# diagnosis: epsilon_clipping
# why: np.log(theta + 1e-10) caps log(theta) at -23, so theta = 1e-17 is off and an impossible sample costs 23 instead of -inf
# reveals: bernoulli_log_likelihood(x=[1, 0, 0, 0], theta=1e-17) -> -23.02585082964047, expected -39.14394658089878
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    eps = 1e-10
    return float(np.sum(x * np.log(theta + eps) + (1 - x) * np.log(1 - theta + eps)))
