# catalogue: correct
# function: cross_entropy
# style: the decomposition H(p, q) = H(p) + D(p || q), built from the submission's own functions
def cross_entropy(p, q):
    return entropy(p) + kl_divergence(p, q)
