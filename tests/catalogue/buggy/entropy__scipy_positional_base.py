# catalogue: buggy
# function: entropy
# check: entropy.base
# diagnosis: scipy_positional_base
# why: scipy.stats.entropy(p, base) reads base as the second distribution qk and returns D(p || uniform) in nats
# reveals: entropy(p=[0.5, 0.5], base=2) -> 0.0, expected 1.0
from scipy import stats


def entropy(p, base=None):
    return float(stats.entropy(p, base))
