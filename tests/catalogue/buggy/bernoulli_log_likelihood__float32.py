# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.basic, bernoulli_log_likelihood.random
# diagnosis: float32_precision
# why: theta and the logs are float32, about 7 significant digits, short of the 1e-9 relative tolerance
# reveals: bernoulli_log_likelihood(x=[0.0, 0.0, 1.0], theta=0.2) -> -2.05572509765625, expected -2.05572501506252
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=np.float32)
    theta = np.float32(theta)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = x * np.log(theta) + (1 - x) * np.log(1 - theta)
    return float(np.sum(terms))
