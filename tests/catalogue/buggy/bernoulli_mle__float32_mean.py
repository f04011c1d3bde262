# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.large_sample
# diagnosis: float32_precision
# why: the mean is taken in float32, about 1e-8 off on 10^6 samples
# reveals: bernoulli_mle(x=(np.random.default_rng(2).random(10**6) < 0.37).astype(int)) -> 0.3700670003890991, expected 0.370067
import numpy as np


def bernoulli_mle(x):
    return float(np.mean(np.asarray(x, dtype=np.float32)))
