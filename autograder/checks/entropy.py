"""Checks for ``entropy(p, base=None)``: H(p) = -sum p log p, with 0 log 0 = 0."""

from __future__ import annotations

import math
from functools import partial

from .. import diagnosis, tolerance
from ..cases import make_case
from .base import Check, Verdict

F = "entropy"
case = partial(make_case, F, ("p", "base"))


def _bounds(c, got, reference):
    """0 ≤ H(p) ≤ log n. The lower bound is exact: every term -p log p of a p in [0, 1] is
    >= 0 in floating point, and so is their sum; the upper one has the slack of the policy."""
    n = len(c.value("p"))
    if got >= 0.0 and tolerance.within_bound(got, math.log(n), tolerance.allowed_error(F, c.values)):
        return None
    exp = reference.entropy(*c.values)
    return Verdict(f"a value between 0 and log {n} = {math.log(n)!r}",
                   diagnosis.diagnose(F, c.values, exp, got, reference=reference),
                   f"Entropy can be neither negative nor above log n (reached by the uniform "
                   f"distribution); the reference gives {exp!r} here.")


CHECKS = (
    Check("entropy.basic", F, 2, about="H(p) of ordinary distributions, in nats", cases=(
        case(p="[0.5, 0.5]", note="(= log 2)"),
        case(p="[0.25, 0.25, 0.25, 0.25]", note="(= log 4)"),
        case(p="[0.1, 0.2, 0.3, 0.4]"),
        case(p="[0.9, 0.1]"),
    )),
    Check("entropy.zero_probability", F, 2, about="0 log 0 = 0: impossible outcomes add nothing",
          cases=(
        case(p="[0.5, 0.5, 0.0]", note="(= log 2)"),
        case(p="[0.0, 0.25, 0.0, 0.75]"),
        case(p="[0.2, 0.0, 0.8]", base=2),
    )),
    Check("entropy.certainty", F, 1, about="a certain outcome has zero entropy", cases=(
        case(p="[1.0]", note="(no uncertainty)"),
        case(p="[0.0, 1.0, 0.0]", note="(no uncertainty)"),
        case(p="[0.0, 0.0, 0.0, 1.0]", base=2, note="(no uncertainty)"),
        case(p="[1e-20, 1.0]", note="(nearly certain: 4.6e-19)"),
    )),
    Check("entropy.base", F, 1, about="the base argument: bits, nats and others", cases=(
        case(p="[0.5, 0.5]", base=2, note="(= 1 bit)"),
        case(p="[0.125, 0.125, 0.25, 0.5]", base=2, note="(= 1.75 bits)"),
        case(p="[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]", base=10),
        case(p="[0.3, 0.7]", base="np.e", note="(base e: nats)"),
        case(p="[0.0, 0.5, 0.5]", base=2, note="(= 1 bit)"),
    )),
    Check("entropy.tiny_probabilities", F, 1, about="entries of 1e-300 count for what they are",
          cases=(
        case(p="[1e-300, 1.0]"),
        case(p="[1e-300, 1e-300, 0.5, 0.5]"),
        case(p="[1e-12, 1 - 1e-12]", note="(nearly certain: a small entropy)"),
    )),
    Check("entropy.large_input", F, 1, about="10^5 outcomes", cases=(
        case(p="np.full(10**5, 1e-5)", note="(= log 10^5)", about={"p": "10^5 equal entries"}),
        case(p="(lambda w: w / w.sum())(1.0 / np.arange(1, 10**5 + 1))",
             about={"p": "10^5 entries proportional to 1/k"}),
    )),
    Check("entropy.bounds", F, 1, judge=_bounds, draws="distributions",
          about="0 <= H(p) <= log n on random distributions"),
    Check("entropy.random", F, 1, draws="distributions", hidden=True,
          about="random distributions against the reference"),
)
