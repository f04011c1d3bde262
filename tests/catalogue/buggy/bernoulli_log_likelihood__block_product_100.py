# catalogue: buggy
# function: bernoulli_log_likelihood
# check: bernoulli_log_likelihood.underflow, bernoulli_log_likelihood.empirical_cross_entropy
# diagnosis: log_of_product
# why: a product of 100 probabilities at a time, then the log: 100 samples of probability 1e-7 make 1e-350
# reveals: bernoulli_log_likelihood(x=np.arange(2000) % 2, theta=1e-7) -> -inf, expected -16118.09...
import math


def bernoulli_log_likelihood(x, theta):
    total, block = 0.0, 1.0
    for i, xi in enumerate(x, 1):
        block *= theta if xi == 1 else 1 - theta
        if i % 100 == 0:
            total += math.log(block) if block > 0 else -math.inf
            block = 1.0
    if block != 1.0:
        total += math.log(block) if block > 0 else -math.inf
    return total
