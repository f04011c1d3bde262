# catalogue: correct
# function: binary_cross_entropy
# style: sums the loss with math.fsum per sample kind, math.log1p for the complement, +inf raised as an exception and caught
import math


class _Impossible(Exception):
    pass


def _term(weight, log_of):
    if weight == 0:
        return 0.0
    if log_of() == -math.inf:
        raise _Impossible
    return -weight * log_of()


def _log(x):
    return math.log(x) if x > 0 else -math.inf


def _log1m(x):
    return math.log1p(-x) if x < 1 else -math.inf


def binary_cross_entropy(y, y_hat):
    try:
        losses = [_term(yi, lambda pi=pi: _log(pi)) + _term(1 - yi, lambda pi=pi: _log1m(pi))
                  for yi, pi in zip(y, y_hat)]
    except _Impossible:
        return math.inf
    return math.fsum(losses) / len(losses)
