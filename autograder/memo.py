"""What a grading process derives from the checks' inputs alone, computed once and reused for
every submission a batch worker grades.

A check's inputs are built once per process (:func:`autograder.cases._evaluate`) and are
read-only, so anything computed from them alone (a derived tolerance, a logit allowance, the
bug models' outputs on one input) is the same for every submission. :class:`Memo` keys such a
result by the function and the *identity* of its arguments, holding the arguments so an id is
never reused while cached, and only when every argument cannot change: a number, text, ``None``
or a read-only array. Anything else is computed afresh. Arrays it hands out are read-only.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np


def frozen(value: Any) -> bool:
    """Whether ``value`` cannot change under a cache: numbers, text, ``None``, read-only arrays."""
    if isinstance(value, np.ndarray):
        return not value.flags.writeable
    return value is None or isinstance(value, (int, float, str))


class Memo:
    """``memo(fn, *args)`` is ``fn(*args)``, computed once while the same frozen arguments come
    back; at most ``size`` results are kept (all are dropped when it is full)."""

    def __init__(self, size: int):
        self.size = size
        self._kept: dict[tuple, tuple[tuple, Any]] = {}

    def __call__(self, fn: Callable, *args: Any) -> Any:
        if not all(frozen(a) for a in args):
            return fn(*args)
        key = (fn, *map(id, args))
        known = self._kept.get(key)
        if known is not None and all(a is b for a, b in zip(known[0], args)):
            return known[1]
        value = fn(*args)
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
        if len(self._kept) >= self.size:
            self._kept.clear()
        self._kept[key] = (args, value)
        return value
