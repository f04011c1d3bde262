"""Checks for ``binary_cross_entropy(y, y_hat)``: the mean over samples of the Bernoulli NLL."""

from __future__ import annotations

from functools import partial

from .. import diagnosis, tolerance
from ..cases import make_case
from .base import Check, Verdict

F = "binary_cross_entropy"
case = partial(make_case, F, ("y", "y_hat"))
RNG = "np.random.default_rng"


def _nll(c, got, reference):
    """BCE with a constant prediction theta is the mean negative log-likelihood."""
    y, y_hat = c.values
    counts = (y.astype("int64"), float(y_hat[0]))
    exp = -reference.bernoulli_log_likelihood(*counts) / len(y)
    allowed = (tolerance.allowed_error(F, c.values) + tolerance.rounding(exp)
               + tolerance.allowed_error("bernoulli_log_likelihood", counts) / len(y))
    if tolerance.close(got, exp, allowed):
        return None
    return Verdict(exp, diagnosis.diagnose(F, c.values, exp, got, reference=reference),
                   "With 0/1 labels and one prediction theta for every sample, binary "
                   "cross-entropy is -bernoulli_log_likelihood(y, theta) / len(y).")


CHECKS = (
    Check("binary_cross_entropy.basic", F, 1, about="mean BCE of a few predictions", cases=(
        case(y="[1.0, 0.0, 1.0, 1.0]", y_hat="[0.9, 0.2, 0.6, 0.7]"),
        case(y="[0.0, 1.0]", y_hat="[0.3, 0.8]"),
    )),
    Check("binary_cross_entropy.hard_labels", F, 1,
          about="a 0/1 label switches between log y_hat and log(1 - y_hat)", cases=(
        case(y="[1.0]", y_hat="[0.25]", note="(= -log 0.25)"),
        case(y="[0.0]", y_hat="[0.25]", note="(= -log 0.75)"),
        case(y="[0.0, 0.0, 0.0]", y_hat="[0.1, 0.2, 0.3]"),
        case(y="[1.0, 0.0]", y_hat="[1.0, 0.5]",
             note="(y = 1: the log(1 - y_hat) = log 0 branch has weight 0 and adds nothing)"),
        case(y="[0.0, 1.0]", y_hat="[0.5, 0.0]", note="(y = 1 picks log y_hat = log 0: +inf)"),
    )),
    Check("binary_cross_entropy.soft_labels", F, 1, about="labels strictly between 0 and 1",
          cases=(
        case(y="[0.3, 0.8]", y_hat="[0.4, 0.6]"),
        case(y="[0.5, 0.5, 0.9]", y_hat="[0.5, 0.1, 0.99]"),
    )),
    Check("binary_cross_entropy.confident", F, 2,
          about="y_hat of exactly 0 or 1: zero loss when right, +inf when wrong", cases=(
        case(y="[1.0, 0.0]", y_hat="[1.0, 0.0]", note="(certain and right: no loss)"),
        case(y="[1.0, 0.0, 1.0]", y_hat="[0.5, 0.0, 1.0]"),
        case(y="[1.0, 1.0]", y_hat="[0.5, 0.0]", note="(certain and wrong)"),
        case(y="[0.0, 1.0]", y_hat="[1.0, 0.5]", note="(certain and wrong)"),
        case(y="[0.5]", y_hat="[0.0]",
             note="(a soft label puts weight on an outcome the model calls impossible)"),
        case(y="[0.3, 0.0]", y_hat="[1.0, 0.5]",
             note="(a soft label puts weight on an outcome the model calls impossible)"),
    )),
    Check("binary_cross_entropy.tiny_probabilities", F, 1,
          about="y_hat of 1e-300 and 1 - 1e-16 cost what they cost, not an epsilon", cases=(
        case(y="[1.0]", y_hat="[1e-300]", note="(= 300 log 10)"),
        case(y="[0.0, 1.0]", y_hat="[1 - 1e-16, 1 - 1e-16]"),
        case(y="[0.5, 0.0]", y_hat="[1e-300, 1e-300]"),
    )),
    Check("binary_cross_entropy.mean_over_samples", F, 1,
          about="the loss is an average: repeating the data does not change it", cases=(
        case(y="np.tile([1.0, 0.0], 500)", y_hat="np.tile([0.8, 0.3], 500)",
             note="(same as for [1.0, 0.0] and [0.8, 0.3])"),
    )),
    Check("binary_cross_entropy.large_sample", F, 1, about="10^5 samples", cases=(
        case(y=f"({RNG}(5).random(10**5) < 0.3).astype(float)",
             y_hat=f"{RNG}(6).uniform(0.01, 0.99, 10**5)",
             about={"y": "10^5 labels", "y_hat": "10^5 predictions"}),
    )),
    Check("binary_cross_entropy.nll", F, 1, judge=_nll,
          about="BCE with a constant prediction = mean negative log-likelihood", cases=(
        case(y="(np.arange(2000) % 10 < 7).astype(float)", y_hat="np.full(2000, 0.6)",
             about={"y": "2000 labels, 1400 ones", "y_hat": "2000 predictions of 0.6"}),
    )),
    Check("binary_cross_entropy.random", F, 1, draws="labels_and_predictions",
          hidden=True, about="random labels and predictions against the reference"),
)
