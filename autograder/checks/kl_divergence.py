"""Checks for ``kl_divergence(p, q)``: D(p||q) = sum p log(p/q), +inf where q = 0 < p."""

from __future__ import annotations

from functools import partial

from .. import diagnosis, tolerance
from ..cases import Case, make_case
from .base import Check, Verdict

F = "kl_divergence"
case = partial(make_case, F, ("p", "q"))


def _self(c: Case) -> Case:
    """The case D(p||p) for the p of ``c``."""
    p = c.args[0]
    return Case(F, ("p", "q"), (p, p), "(D(p||p) = 0)")


def _self_divergence(c, got, reference):
    """D(p||p) = 0 exactly: every term is p log 1 (or p·0), so the policy allows no error."""
    if tolerance.matches(F, c.values, got, 0.0):
        return None
    return Verdict(0.0, diagnosis.diagnose(F, c.values, 0.0, got, reference=reference,
                                                fallback="property"),
                   "A distribution does not diverge from itself: every log(p/p) is exactly 0.")


def _gibbs(c, got, reference):
    if tolerance.gibbs_holds(got, tolerance.allowed_error(F, c.values)):
        return None
    exp = reference.kl_divergence(*c.values)
    return Verdict(exp, diagnosis.diagnose(F, c.values, exp, got, reference=reference),
                   "Gibbs' inequality: D(p||q) >= 0, with equality only when q = p.")


CHECKS = (
    Check("kl_divergence.basic", F, 2, about="D(p||q) of ordinary distributions", cases=(
        case(p="[0.5, 0.5]", q="[0.9, 0.1]"),
        case(p="[0.2, 0.3, 0.5]", q="[0.1, 0.6, 0.3]"),
        case(p="[0.25, 0.25, 0.25, 0.25]", q="[0.4, 0.3, 0.2, 0.1]"),
    )),
    Check("kl_divergence.zero_probability", F, 1,
          about="entries with p = 0 add nothing, even where q = 0", cases=(
        case(p="[0.5, 0.5, 0.0]", q="[0.25, 0.25, 0.5]"),
        case(p="[0.0, 0.4, 0.6]", q="[0.0, 0.5, 0.5]"),
    )),
    Check("kl_divergence.support_mismatch", F, 2,
          about="q = 0 where p > 0 gives +inf", cases=(
        case(p="[0.5, 0.5]", q="[1.0, 0.0]", note="(q calls a possible outcome impossible)"),
        case(p="[0.2, 0.3, 0.5]", q="[0.5, 0.5, 0.0]", note="(q calls a possible outcome impossible)"),
    )),
    Check("kl_divergence.self_divergence", F, 1, judge=_self_divergence,
          cases=(_self(case(p="[0.1, 0.2, 0.7]")), _self(case(p="[0.5, 0.0, 0.5]"))),
          draws="self_pairs", about="D(p||p) = 0"),
    Check("kl_divergence.asymmetry", F, 1, about="D(p||q) is not D(q||p)", cases=(
        case(p="[0.9, 0.1]", q="[0.5, 0.5]"),
        case(p="[0.7, 0.2, 0.1]", q="[0.1, 0.2, 0.7]"),
        case(p="[0.6, 0.3, 0.1]", q="[0.1, 0.3, 0.6]"),
        case(p="[1.0, 0.0]", q="[0.5, 0.5]", note="(= log 2, while D(q||p) is +inf)"),
        case(p="[0.5, 0.5]", q="[1.0, 0.0]", note="(+inf, while D(q||p) = log 2)"),
    )),
    Check("kl_divergence.gibbs", F, 1, judge=_gibbs, draws="distribution_pairs",
          about="D(p||q) >= 0 on random pairs"),
    Check("kl_divergence.tiny_probabilities", F, 1,
          about="q = 1e-300 is unlikely, not impossible", cases=(
        case(p="[0.5, 0.5]", q="[1e-300, 1.0]"),
        case(p="[1e-300, 1.0]", q="[0.5, 0.5]"),
        case(p="[1e-12, 1 - 1e-12]", q="[2e-12, 1 - 2e-12]", note="(a small divergence)"),
    )),
    Check("kl_divergence.random", F, 1, draws="distribution_pairs", hidden=True,
          about="random pairs against the reference"),
)
