# catalogue: buggy
# function: bernoulli_mle
# check: bernoulli_mle.basic, bernoulli_mle.random
# diagnosis: rounded_result
# why: rounds the estimate to 4 decimals (for display), which throws away accuracy the grader checks
# reveals: bernoulli_mle(x=[1.0, 0.0, 1.0]) -> 0.6667, expected 0.6666666666666666
import numpy as np


def bernoulli_mle(x):
    return round(float(np.mean(x)), 4)
