# catalogue: correct
# function: log_softmax
# style: scipy.special.log_softmax along axis 1
from scipy.special import log_softmax as _scipy_log_softmax


def log_softmax(z):
    return _scipy_log_softmax(z, axis=1)
