# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic, bernoulli_mle.all_same, bernoulli_mle.random
# diagnosis: coarse_optimiser
# why: 100 gradient steps on the mean negative log-likelihood from 0.5 stop short of the optimum (and never reach 0 or 1)
# reveals: bernoulli_mle(x=[1.0, 0.0, 1.0]) -> 0.6646466800636299, expected 0.6666666666666666
# reveals: bernoulli_mle(x=np.zeros(10)) -> 1e-06, expected 0.0
import numpy as np


def bernoulli_mle(x):
    x = np.asarray(x, dtype=float)
    theta = 0.5
    lr = 0.01
    for _ in range(100):
        grad = -np.mean(x / theta - (1 - x) / (1 - theta))
        theta = min(max(theta - lr * grad, 1e-6), 1 - 1e-6)
    return float(theta)
