# catalogue: correct
# function: binary_cross_entropy
# style: per-sample loop with math.log / math.log1p, an explicit +inf, math.fsum and division by n
import math


def binary_cross_entropy(y, y_hat):
    losses = []
    for yi, pi in zip(y, y_hat):
        loss = 0.0
        if yi > 0:
            if pi == 0:
                return math.inf
            loss -= yi * math.log(pi)
        if yi < 1:
            if pi == 1:
                return math.inf
            loss -= (1 - yi) * math.log1p(-pi)
        losses.append(loss)
    return math.fsum(losses) / len(losses)
