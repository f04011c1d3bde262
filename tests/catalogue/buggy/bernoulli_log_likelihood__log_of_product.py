# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.underflow, bernoulli_log_likelihood.large_sample
# diagnosis: log_of_product
# why: the product of 2000 probabilities underflows to 0.0 before the log, giving -inf (or stalls at the smallest subnormal 5e-324, giving -744.44)
# reveals: bernoulli_log_likelihood(x=np.r_[np.ones(1400), np.zeros(600)], theta=0.7) -> -inf, expected -1221.728604109787
import numpy as np


def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x, dtype=float)
    likelihood = np.prod(theta ** x * (1 - theta) ** (1 - x))
    with np.errstate(divide="ignore"):
        return float(np.log(likelihood))
