"""The check catalogue: every check of every student function, in teaching order.

``CATALOGUE`` maps a function name to its checks; each function is worth 10 points. Adding a
check means adding it to the module of its function; nothing else needs to change.

``HIDDEN_POINTS`` is the one place that sets what the hidden checks weigh: the points of each
function's hidden checks together (shared equally among them when there are several). With the
default 1, a function is worth 9 public points plus 1 hidden; with 4 it is worth 13, and so on.
Changing it changes the grader's fingerprint, so ``grade`` regrades everyone.
"""

from __future__ import annotations

from dataclasses import replace

from . import (bernoulli_log_likelihood, bernoulli_mle, binary_cross_entropy, cross_entropy,
               entropy, kl_divergence, log_softmax, softmax_cross_entropy,
               softmax_cross_entropy_grad)
from .base import Check

#: Points of each function's hidden checks together (see the module's docstring).
HIDDEN_POINTS = 1.0

FUNCTIONS = ("entropy", "kl_divergence", "cross_entropy", "binary_cross_entropy",
             "bernoulli_log_likelihood", "bernoulli_mle",
             "log_softmax", "softmax_cross_entropy", "softmax_cross_entropy_grad")


def _weigh_hidden(checks: tuple[Check, ...], points: float = HIDDEN_POINTS) -> tuple[Check, ...]:
    hidden = [c for c in checks if c.hidden]
    return tuple(replace(c, points=points / len(hidden)) if c.hidden else c for c in checks)


CATALOGUE: dict[str, tuple[Check, ...]] = {
    "entropy": entropy.CHECKS,
    "kl_divergence": kl_divergence.CHECKS,
    "cross_entropy": cross_entropy.CHECKS,
    "binary_cross_entropy": binary_cross_entropy.CHECKS,
    "bernoulli_log_likelihood": bernoulli_log_likelihood.CHECKS,
    "bernoulli_mle": bernoulli_mle.CHECKS,
    "log_softmax": log_softmax.CHECKS,
    "softmax_cross_entropy": softmax_cross_entropy.CHECKS,
    "softmax_cross_entropy_grad": softmax_cross_entropy_grad.CHECKS,
}
CATALOGUE = {name: _weigh_hidden(checks) for name, checks in CATALOGUE.items()}


def checks_for(functions: tuple[str, ...] | None = None) -> list[Check]:
    """The checks of the given functions (all of them by default), in catalogue order."""
    names = FUNCTIONS if functions is None else functions
    unknown = [f for f in names if f not in CATALOGUE]
    if unknown:
        raise ValueError(f"unknown function {unknown[0]!r}; the catalogue has {', '.join(FUNCTIONS)}")
    return [check for name in names for check in CATALOGUE[name]]


def find(name: str) -> Check:
    """The check called ``name`` (``"entropy.base"``)."""
    for checks in CATALOGUE.values():
        for check in checks:
            if check.name == name:
                return check
    raise KeyError(name)
