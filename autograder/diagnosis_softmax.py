"""Name the bug behind a wrong log-softmax, softmax cross-entropy or gradient.

The bug models themselves (wrong versions of the functions, some with a working formula in
them) live with the reference, in ``solutions.softmax_bugs``; this module replays them on a
failing input and keeps the first that reproduces the student's answer. On a students' copy,
which has no reference, only the shape rules below speak: nan or infinities from logits of
hundreds are an overflowing or underflowing ``exp``.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from . import logit_tolerance as lt
from .memo import Memo

FUNCTIONS = ("log_softmax", "softmax_cross_entropy", "softmax_cross_entropy_grad")


#: Inputs with more entries than this get the shape rules only: replaying a dozen models on
#: 10^7 logits costs seconds, and the small cases of the same check name the bug already.
LARGE = 10**6


def _models(function: str, values: Sequence) -> list:
    if np.size(values[0]) > LARGE:
        return []
    try:
        from solutions import softmax_bugs
    except ImportError:  # a students' copy: no bug models
        return []
    return softmax_bugs.models(function, tuple(values))


def _matches(function: str, values: Sequence, got: Any, modelled: Any) -> bool:
    z = np.asarray(values[0], float)
    if function == "softmax_cross_entropy":
        return isinstance(modelled, float) and lt.close_loss(float(got), modelled, z)
    modelled = np.asarray(modelled, float)
    if np.shape(got) != modelled.shape:
        return False
    allowed = (lt.allowed_values(modelled, z) if function == "log_softmax"
               else lt.allowed_grad(modelled, np.asarray(values[1])))
    return not lt.mismatches(np.asarray(got, float), modelled, allowed).any()


def _shape_rules(values: Sequence, got: Any) -> str | None:
    z = np.asarray(values[0], float)
    g = np.asarray(got, float)
    big = lt.logit_scale(z, None) > 700  # exp overflows beyond about 709.78
    if np.isnan(g).any():
        return "softmax_overflow" if big else "nan_result"
    if np.isinf(g).any() and big:
        return "max_not_subtracted"
    return None


def _replay(thunk) -> Any:
    """A model's output, or ``None`` when the model does not apply to this input."""
    try:
        with np.errstate(all="ignore"):
            return thunk()
    except (ValueError, IndexError, TypeError, ZeroDivisionError, OverflowError, MemoryError):
        return None


#: Array outputs with more entries than this are kept as a sample (:class:`_Replays`).
KEPT_ENTRIES = 4096
SAMPLED = 64


class _Replays:
    """The bug models of one input, replayed once per process and kept for every submission.

    A model's output is kept whole when it is a number or a small array; of a large array only
    :data:`SAMPLED` entries and their allowances are kept. A student's array that misses a
    sampled entry cannot match the model anywhere, so it is rejected from the sample alone;
    otherwise the model is replayed in full and compared as before. The verdict is the same
    as replaying every model every time.
    """

    def __init__(self, function: str, values: tuple):
        self.function, self.values = function, values
        self.models = _models(function, values)
        self.kept: dict[int, Any] = {}

    def outputs(self, got: Any):
        for i, (key, thunk) in enumerate(self.models):
            if i not in self.kept:
                self.kept[i] = self._keep(thunk)
            kept = self.kept[i]
            if isinstance(kept, tuple):  # a sample of a large array
                shape, where, entries, allowed = kept
                g = np.asarray(got, float)
                if g.shape != shape or lt.mismatches(g[where], entries, allowed).any():
                    continue
                kept = _replay(thunk)
            if kept is not None:
                yield key, kept

    def _keep(self, thunk) -> Any:
        modelled = _replay(thunk)
        if modelled is None or isinstance(modelled, float):
            return modelled
        modelled = np.asarray(modelled, float)
        if modelled.size <= KEPT_ENTRIES:
            return modelled
        flat = np.linspace(0, modelled.size - 1, SAMPLED).astype(np.int64)
        where = np.unravel_index(flat, modelled.shape)
        allowed = np.broadcast_to(self._allowed(modelled), modelled.shape)[where]
        return modelled.shape, where, modelled[where], allowed

    def _allowed(self, modelled: np.ndarray) -> np.ndarray:
        z = np.asarray(self.values[0], float)
        return (lt.allowed_values(modelled, z) if self.function == "log_softmax"
                else lt.allowed_grad(modelled, np.asarray(self.values[1])))


_REPLAYS = Memo(64)


def _replays(function: str, values: Sequence) -> _Replays:
    """The replays of ``function`` on ``values``; shared while the inputs are the same objects
    and cannot change (the checks' read-only cases)."""
    return _REPLAYS(_new_replays, function, *values)


def _new_replays(function: str, *values: Any) -> _Replays:
    return _Replays(function, values)


def diagnose(function: str, values: Sequence, expected: Any, got: Any) -> str | None:
    """The key of the most likely bug, or ``None``.

    ``expected`` is the reference's answer (an array or a float) and ``got`` the student's,
    already known to differ. A model counts when it reproduces ``got`` and not ``expected``.
    """
    for key, modelled in _replays(function, values).outputs(got):
        if (_matches(function, values, got, modelled)
                and not _matches(function, values, expected, modelled)):
            return key
    rule = _shape_rules(values, got)
    if rule:
        return rule
    if function == "softmax_cross_entropy" and isinstance(expected, float):
        if math.isfinite(expected) and math.isfinite(float(got)) and expected != 0:
            rel = abs(float(got) - expected) / abs(expected)
            if 1e-10 < rel < 1e-5:
                return "float32_precision"
    return None
