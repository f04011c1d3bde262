"""Reference solutions for xent-kit: entropy, divergence, cross-entropy and likelihood.

These are the functions the autograder compares student code against. They are
exact where the definitions are exact (``0 log 0 = 0``, ``+inf`` where a
possible outcome gets probability 0, ``D(p||p) == 0.0``), accurate to about
1e-13 relative elsewhere, silent (no numpy warnings for valid input), and about
as fast as the plain numpy one-liner.

The functions students implement:

- :func:`entropy`, :func:`kl_divergence`, :func:`cross_entropy`,
  :func:`binary_cross_entropy` (in :mod:`solutions.information`);
- :func:`bernoulli_log_likelihood`, :func:`bernoulli_mle`
  (in :mod:`solutions.likelihood`).

The three of notebook 4, from logits: :func:`log_softmax`,
:func:`softmax_cross_entropy`, :func:`softmax_cross_entropy_grad` (in
:mod:`solutions.logits`, with the helper :func:`softmax`).

Helpers the notebooks use: :func:`log_sum_exp` and :func:`log_sigmoid` (in
:mod:`solutions.logspace`), :func:`bernoulli_log_likelihood_from_logits`,
:func:`empirical_distribution` and :func:`minimise_cross_entropy` (in
:mod:`solutions.likelihood`).

For the grader only: :func:`bug_models` (in :mod:`solutions.mistakes`), what each typical
mistake computes on an input, so the grader can name the bug behind a wrong answer.
"""

from .mistakes import bug_models
from .information import binary_cross_entropy, cross_entropy, entropy, kl_divergence
from .likelihood import (
    bernoulli_log_likelihood,
    bernoulli_log_likelihood_from_logits,
    bernoulli_mle,
    empirical_distribution,
    minimise_cross_entropy,
)
from .logspace import log_sigmoid, log_sum_exp
from .logits import log_softmax, softmax, softmax_cross_entropy, softmax_cross_entropy_grad

__all__ = [
    "bernoulli_log_likelihood",
    "bernoulli_log_likelihood_from_logits",
    "bernoulli_mle",
    "binary_cross_entropy",
    "cross_entropy",
    "empirical_distribution",
    "entropy",
    "kl_divergence",
    "log_sigmoid",
    "log_softmax",
    "log_sum_exp",
    "minimise_cross_entropy",
    "softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
]
