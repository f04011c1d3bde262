# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic, bernoulli_mle.all_same
# diagnosis: laplace_smoothing
# why: (k + 1) / (n + 2) is the posterior mean under a uniform prior, not the maximum-likelihood estimate k / n
# reveals: bernoulli_mle(x=[1.0, 0.0, 1.0]) -> 0.6, expected 0.6666666666666666
# reveals: bernoulli_mle(x=np.zeros(10)) -> 0.08333333333333333, expected 0.0
import numpy as np


def bernoulli_mle(x):
    x = np.asarray(x, dtype=float)
    return float((x.sum() + 1) / (len(x) + 2))
