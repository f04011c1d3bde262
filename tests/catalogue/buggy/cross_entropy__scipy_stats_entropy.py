# catalogue: buggy
# function: cross_entropy
# check: cross_entropy.soft_target, cross_entropy.decomposition
# diagnosis: kl_instead_of_cross
# why: scipy.stats.entropy(p, q) computes D(p||q), which equals H(p, q) only for one-hot targets
# reveals: cross_entropy(p=[0.7, 0.2, 0.1], q=[0.5, 0.3, 0.2]) -> 0.08512282595722175, expected 0.886941378500559
from scipy import stats


def cross_entropy(p, q):
    return float(stats.entropy(p, q))
