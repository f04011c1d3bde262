"""Checks for ``bernoulli_log_likelihood(x, theta)``: a sum of log-probabilities."""

from __future__ import annotations

from functools import partial

import numpy as np

from .. import diagnosis, tolerance
from ..cases import make_case
from .base import Check, Verdict

F = "bernoulli_log_likelihood"
case = partial(make_case, F, ("x", "theta"), dtypes={"x": "int64"})


def _empirical(c, got, reference):
    """-log L / m equals H(p_hat, Bernoulli(theta)), the cross-entropy with the empirical law."""
    x, theta = c.values
    p_hat = reference.empirical_distribution(x, 2)
    h = reference.cross_entropy(p_hat, np.array([1.0 - theta, theta]))
    q = np.array([1.0 - theta, theta])
    exp = -len(x) * h
    allowed = (tolerance.allowed_error(F, c.values) + tolerance.rounding(exp)
               + len(x) * tolerance.allowed_error("cross_entropy", (p_hat, q)))
    if tolerance.close(got, exp, allowed):
        return None
    return Verdict(exp, diagnosis.diagnose(F, c.values, reference.bernoulli_log_likelihood(x, theta),
                                           got, reference=reference),
                   f"The average negative log-likelihood is the cross-entropy between the "
                   f"empirical distribution {p_hat.tolist()} and Bernoulli(theta): "
                   f"-{len(x)} * {h!r}.")


CHECKS = (
    Check("bernoulli_log_likelihood.basic", F, 2, about="log-likelihood of a few samples", cases=(
        case(x="[1, 0, 1, 1]", theta=0.75),
        case(x="[0, 0, 0, 1]", theta=0.3),
        case(x="[1, 0]", theta=0.5, note="(= 2 log 0.5)"),
    )),
    Check("bernoulli_log_likelihood.underflow", F, 2,
          about="thousands of samples: the product underflows, the sum of logs does not", cases=(
        case(x="(np.arange(2000) % 10 < 7).astype(int)", theta=0.7,
             about={"x": "2000 draws, 1400 ones"}),
        case(x="np.arange(10000) % 2", theta=0.5, about={"x": "10000 draws, 5000 ones"},
             note="(= 10000 log 0.5)"),
        case(x="np.arange(2000) % 2", theta=1e-7, about={"x": "2000 draws, 1000 ones"},
             note="(a rare outcome seen often: 100 samples already multiply to 1e-350)"),
    )),
    Check("bernoulli_log_likelihood.extreme_theta", F, 1,
          about="theta of 1e-17 and 1 - 1e-16", cases=(
        case(x="[1, 0, 0, 0]", theta=1e-17),
        case(x="[1, 1, 1, 0]", theta=1 - 1e-16),
    )),
    Check("bernoulli_log_likelihood.boundary_theta", F, 2,
          about="theta of 0 or 1: log-likelihood 0 if every sample agrees, -inf otherwise",
          cases=(
        case(x="[0, 0, 0]", theta=0.0, note="(every sample is certain)"),
        case(x="[1, 1]", theta=1.0, note="(every sample is certain)"),
        case(x="[0, 1, 0]", theta=0.0, note="(a 1 is impossible when theta = 0)"),
        case(x="[1, 0]", theta=1.0, note="(a 0 is impossible when theta = 1)"),
    )),
    Check("bernoulli_log_likelihood.large_sample", F, 1, about="10^5 samples", cases=(
        case(x="(np.random.default_rng(1).random(10**5) < 0.3).astype(int)", theta=0.3,
             about={"x": "10^5 draws"}),
    )),
    Check("bernoulli_log_likelihood.empirical_cross_entropy", F, 1, judge=_empirical,
          about="log L = -m * H(empirical, Bernoulli(theta))", cases=(
        case(x="[1, 1, 0, 1, 0, 0, 0, 1, 1, 1]", theta=0.4),
        case(x="(np.arange(1000) % 4 == 0).astype(int)", theta=0.2,
             about={"x": "1000 draws, 250 ones"}),
        case(x="[0, 1, 0]", theta=0.0, note="(-3 * H([2/3, 1/3], [1, 0]) = -inf)"),
        case(x="[1, 1, 1, 1]", theta=1.0, note="(-4 * H([0, 1], [0, 1]) = 0)"),
        case(x="np.repeat([0, 1], 1000)", theta=1e-4,
             about={"x": "1000 zeros, then a run of 1000 ones"}),
    )),
    Check("bernoulli_log_likelihood.random", F, 1, draws="samples_and_theta",
          hidden=True, about="random samples and theta against the reference"),
)
