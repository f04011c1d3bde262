# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic, bernoulli_mle.random
# diagnosis: coarse_optimiser
# why: the argmax over np.linspace(0, 1, 101) can only return multiples of 0.01, so 2/3 comes out as 0.67
# reveals: bernoulli_mle(x=[1.0, 0.0, 1.0]) -> 0.67, expected 0.6666666666666666
import numpy as np


def bernoulli_mle(x):
    x = np.asarray(x, dtype=float)
    k = x.sum()
    n = len(x)
    grid = np.linspace(0, 1, 101)
    with np.errstate(divide="ignore", invalid="ignore"):
        ll = np.where(grid > 0, k * np.log(grid), 0.0 if k == 0 else -np.inf) \
            + np.where(grid < 1, (n - k) * np.log1p(-grid), 0.0 if k == n else -np.inf)
    return float(grid[np.argmax(ll)])
