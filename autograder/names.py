"""Near-miss names: a function the grader looks for is missing, and a similar name is defined.

``Entropy``, ``entropy_``, ``entropie``, ``my_entropy`` and ``kl_divergance`` are near misses of
their functions, and the report suggests the rename. Another function the notebooks ask for never
is: ``cross_entropy`` is not a near miss of ``binary_cross_entropy`` (following such a hint would
break a correct submission).
"""

from __future__ import annotations

import difflib
from typing import Sequence


#: Names the notebooks ask for: never offered as a near miss of another function.
ASSIGNED = ("entropy", "kl_divergence", "cross_entropy", "binary_cross_entropy",
            "bernoulli_log_likelihood", "bernoulli_mle", "log_sum_exp", "log_sigmoid",
            "bernoulli_log_likelihood_from_logits", "empirical_distribution",
            "minimise_cross_entropy", "log_softmax", "softmax_cross_entropy",
            "softmax_cross_entropy_grad")
#: Words students put around a name (``my_entropy``, ``compute_entropy``, ``entropy_v2``).
_DECORATIONS = {"my", "compute", "calc", "calculate", "get", "new", "fn", "func", "impl",
                "fixed", "final", "v1", "v2", "v3", "old", "mine", "student", "np", "numpy", "loss"}


def _tokens(name: str) -> list[str]:
    return [t for t in name.lower().split("_") if t]


def is_near_miss(function: str, name: str) -> bool:
    """True when ``name`` looks like a misspelling or decoration of ``function``.

    ``Entropy``, ``entropy_``, ``entropie``, ``my_entropy`` and ``kl_divergance`` are near
    misses of their functions; another assigned function never is (``cross_entropy`` is not a
    near miss of ``binary_cross_entropy``, nor the reverse).
    """
    if name in ASSIGNED or name == function:
        return False
    want, have = _tokens(function), _tokens(name)
    if have == want:
        return True  # case and underscores only
    extra = [t for t in have if t not in want]
    if [t for t in have if t in want] == want and extra and all(
            t in _DECORATIONS or t.isdigit() for t in extra):
        return True
    plain_want, plain_have = "".join(want), "".join(have).rstrip("0123456789")
    return (abs(len(plain_want) - len(plain_have)) <= 2 and len(plain_want) >= 5
            and difflib.SequenceMatcher(None, plain_want, plain_have).ratio() >= 0.8)


def near_misses(functions: Sequence[str], defined: Sequence[str]) -> list[tuple[str, str]]:
    """``(missing function, defined near-miss name)`` pairs, one per missing function."""
    out = []
    for function in sorted(set(functions) - set(defined)):
        close = [n for n in defined if is_near_miss(function, n)]
        if close:
            out.append((function, close[0]))
    return out
