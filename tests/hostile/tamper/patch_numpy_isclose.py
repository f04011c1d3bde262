# trick: monkeypatch numpy.isclose, numpy.allclose, numpy.testing.assert_allclose and math.isclose
# targets: score
# The top-level patches are what a student would type (the loader drops them); the class body runs
# the same patches at import, inside the sandbox child.
import math
import numpy as np

np.isclose = lambda *a, **k: True
math.isclose = lambda *a, **k: True


class _Patch:
    np.isclose = lambda *a, **k: True
    np.allclose = lambda *a, **k: True
    np.testing.assert_allclose = lambda *a, **k: None
    np.testing.assert_almost_equal = lambda *a, **k: None
    math.isclose = lambda *a, **k: True
