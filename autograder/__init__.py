"""xent-kit's autograder: checks for entropy, KL divergence, cross-entropy and Bernoulli MLE."""

__version__ = "0.1.0"
