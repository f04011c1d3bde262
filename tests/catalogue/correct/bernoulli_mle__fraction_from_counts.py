# catalogue: correct
# function: bernoulli_mle
# style: collections.Counter of the samples, ones over the total
from collections import Counter


def bernoulli_mle(x):
    counts = Counter(int(v) for v in x)
    return counts[1] / sum(counts.values())
