# catalogue: correct
# function: bernoulli_mle
# style: statistics.fmean (float mean, no numpy)
import statistics


def bernoulli_mle(x):
    return statistics.fmean(float(xi) for xi in x)
