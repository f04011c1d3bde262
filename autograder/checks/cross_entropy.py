"""Checks for ``cross_entropy(p, q)``: H(p,q) = -sum p log q, p the target, q the model."""

from __future__ import annotations

from functools import partial

from .. import diagnosis, tolerance
from ..cases import make_case
from .base import Check, Verdict

F = "cross_entropy"
case = partial(make_case, F, ("p", "q"))


def _decomposition(c, got, reference):
    """H(p, q) = H(p) + D(p||q), the two terms from the reference."""
    h, d = reference.entropy(c.values[0]), reference.kl_divergence(*c.values)
    exp = h + d
    if tolerance.matches(F, c.values, got, exp):  # the bound covers computing H + D
        return None
    return Verdict(exp, diagnosis.diagnose(F, c.values, reference.cross_entropy(*c.values), got,
                                       reference=reference),
                   f"Cross-entropy is entropy plus divergence: H(p) = {h!r} and "
                   f"D(p||q) = {d!r} add up to the expected value.")


CHECKS = (
    Check("cross_entropy.hard_target", F, 2,
          about="one-hot targets: only the true class's probability matters", cases=(
        case(p="[0.0, 1.0, 0.0]", q="[0.2, 0.7, 0.1]", note="(= -log 0.7)"),
        case(p="[1.0, 0.0, 0.0, 0.0]", q="[0.25, 0.25, 0.25, 0.25]", note="(= log 4)"),
        case(p="[0.0, 0.0, 1.0]", q="[0.6, 0.0, 0.4]", note="(= -log 0.4)"),
        case(p="[0.0, 0.0, 1.0]", q="[0.5, 0.5, 0.0]", note="(the true class got probability 0)"),
    )),
    Check("cross_entropy.soft_target", F, 2, about="soft targets: every class with p > 0 counts",
          cases=(
        case(p="[0.7, 0.2, 0.1]", q="[0.5, 0.3, 0.2]"),
        case(p="[0.9, 0.05, 0.05]", q="[0.8, 0.1, 0.1]"),
        case(p="[0.5, 0.5]", q="[0.9, 0.1]"),
    )),
    Check("cross_entropy.zero_probability", F, 1,
          about="classes with p = 0 add nothing, even where q = 0", cases=(
        case(p="[0.5, 0.5, 0.0]", q="[0.3, 0.7, 0.0]"),
        case(p="[0.0, 0.6, 0.4]", q="[0.0, 0.5, 0.5]"),
    )),
    Check("cross_entropy.support_mismatch", F, 2,
          about="q = 0 where p > 0 gives +inf", cases=(
        case(p="[0.0, 1.0]", q="[1.0, 0.0]", note="(the true class got probability 0)"),
        case(p="[0.3, 0.3, 0.4]", q="[0.5, 0.5, 0.0]", note="(a class with p > 0 got q = 0)"),
    )),
    Check("cross_entropy.decomposition", F, 1, judge=_decomposition,
          draws="distribution_pairs",
          about="H(p, q) = H(p) + D(p||q) on random pairs"),
    Check("cross_entropy.tiny_probabilities", F, 1,
          about="q = 1e-300 costs log(1e300), not an epsilon", cases=(
        case(p="[0.0, 1.0]", q="[1.0, 1e-300]", note="(= 300 log 10)"),
        case(p="[0.5, 0.5]", q="[1e-300, 1.0]"),
    )),
    Check("cross_entropy.random", F, 1, draws="distribution_pairs",
          hidden=True, about="random pairs against the reference"),
)
