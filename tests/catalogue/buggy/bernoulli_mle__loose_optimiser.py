# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic, bernoulli_mle.random
# diagnosis: coarse_optimiser
# why: a bounded scalar minimiser stopped at xatol=1e-4 is only accurate to about 1e-5, far outside the 1e-9 tolerance
# reveals: bernoulli_mle(x=[1.0, 0.0, 1.0]) -> 0.6666749618041452, expected 0.6666666666666666
import numpy as np
from scipy.optimize import minimize_scalar


def bernoulli_mle(x):
    x = np.asarray(x, dtype=float)
    k = x.sum()
    n = len(x)

    def nll(t):
        return -(k * np.log(t) + (n - k) * np.log1p(-t))

    res = minimize_scalar(nll, bounds=(1e-9, 1 - 1e-9), method="bounded", options={"xatol": 1e-4})
    return float(res.x)
