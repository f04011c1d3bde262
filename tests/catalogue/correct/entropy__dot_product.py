# catalogue: correct
# function: entropy
# style: np.dot of p with -log p over the support, base by change of base with math.log
import math

import numpy as np


def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    s = p[np.nonzero(p)]
    h = float(np.dot(s, -np.log(s)))
    return h / math.log(base) if base is not None else h
