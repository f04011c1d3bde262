# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3 · Maximum likelihood: where the cross-entropy loss comes from
#
# Notebooks 1 and 2 built entropy, divergence and cross-entropy as ways of measuring distributions.
# This notebook starts from a different idea: *fit a model by making the observed data as probable as
# possible*. Following that idea step by step leads to cross-entropy on its own:
#
# > likelihood → log-likelihood → negative log-likelihood → cross-entropy

# %% [markdown]
# **Learning objectives.** By the end of this notebook you can (1) write the likelihood of
# independent throws and say why it underflows; (2) compute the log-likelihood as a sum;
# (3) derive the maximum-likelihood estimate $k/m$; (4) show that average negative log-likelihood is
# cross-entropy with the empirical distribution; (5) compute binary cross-entropy of predictions.
#
# **Notation.** $m$ is always the number of samples. In sections 1 to 5 the samples are throws
# $x_1, \dots, x_m \in \{0, 1\}$; from section 6 on the labels are $y_i$ and the model's inputs
# (features) are written $\mathbf{u}_i$, so that the input is clearly *not* part of the
# distribution being fitted: the model gives a distribution over $y_i$ for each given input.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# ## 1. The likelihood, and why it is a product
#
# We observe $m$ examples $x_1, \dots, x_m$, drawn **independently** from one unknown distribution
# $p_\text{data}$ (*i.i.d.*: independent and identically distributed), and we have a family of models
# $p_\text{model}(x;\theta)$ with a parameter $\theta$ to choose.
#
# The running example is a basketball player's free throws: $x_i = 1$ if the $i$-th throw goes in,
# $0$ if it misses. The model says every throw goes in with the same probability $\theta$:
#
# $$ p_\text{model}(x;\theta) = \theta^{x}\,(1-\theta)^{1-x}. $$
#
# The exponents act as a **switch**: for $x = 1$ the formula gives $\theta^1(1-\theta)^0 = \theta$,
# for $x = 0$ it gives $1-\theta$.
#
# The **likelihood** of $\theta$ is the probability the model assigns to the *whole* data set we saw.
# **Why multiply?** Because the throws are independent, and the probability that several independent
# events all happen is the product of their probabilities, just as two independent dice both show a
# six with probability $\frac16\cdot\frac16$:
#
# $$ L(\theta) = p_\text{model}(x_1, \dots, x_m;\theta) = \prod_{i=1}^{m} p_\text{model}(x_i;\theta). $$
#
# Without independence this joint probability would not factor, and we would need a model of how the
# throws influence each other. The **maximum likelihood estimate** is the parameter that makes the
# observed data most probable:
#
# $$ \hat\theta_\text{ML} = \arg\max_\theta \prod_{i=1}^{m} p_\text{model}(x_i;\theta). $$

# %%
rng = np.random.default_rng(0)
shots = (rng.random(40) < 0.7).astype(int)      # 40 free throws by a 70% shooter
print(shots)
print(f"{shots.sum()} made out of {shots.size}")
for theta in [0.5, 0.7, 0.9]:
    factors = np.where(shots == 1, theta, 1 - theta)   # the switch: theta or 1 - theta
    print(f"theta = {theta}:  L(theta) = product of {shots.size} factors = {np.prod(factors):.3e}")

# %% [markdown]
# ## 2. The product underflows
#
# Every factor is at most $1$, so the product shrinks geometrically as $m$ grows. Below
# $2.2\times10^{-308}$ (the smallest *normal* float64) numbers are *subnormal* and lose digits; the
# smallest positive float64 is about $4.9\times10^{-324}$, and a result below half of it, about
# $2.5\times10^{-324}$, rounds to exactly `0.0`. A season of free throws is enough: on the data
# below the running product goes subnormal at $m = 1136$ throws and reaches `0.0` at $m = 1198$. In
# float32 it reaches `0.0` after 168 throws, in float16 after 30. Once the likelihood is `0.0` it is `0.0` for every reasonable $\theta$, and
# "the $\theta$ with the largest likelihood" no longer means anything. The figure follows the running
# product over a season of 2000 throws, at the true $\theta = 0.7$.

# %%
rng = np.random.default_rng(1)
season = (rng.random(2000) < 0.7).astype(int)
probabilities = np.where(season == 1, 0.7, 0.3)
m = np.arange(1, season.size + 1)
running_product = np.cumprod(probabilities)           # the likelihood of the first m throws
running_log_sum = np.cumsum(np.log(probabilities))    # its logarithm, computed as a sum
first_zero = m[np.argmax(running_product == 0.0)]     # first m at which the product is 0.0

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.8), layout="constrained")
positive = running_product > 0
ax1.semilogy(m[positive], running_product[positive])
ax1.axhline(np.finfo(float).tiny, color="grey", ls=":", label="smallest normal float64")
ax1.axvline(first_zero, color="C3", ls="--", label=f"m = {first_zero}: the product is 0.0")
ax1.set_xlim(0, season.size)
ax1.set_ylim(np.nextafter(0.0, 1.0), 10)              # from the smallest positive float64 up
ax1.set_xlabel("number of throws m")
ax1.set_ylabel("product of probabilities")
ax1.set_title("Likelihood as a product: underflows")
ax1.legend(fontsize=8)
ax2.plot(m, running_log_sum)
ax2.axvline(first_zero, color="C3", ls="--")
ax2.axhline(np.log(np.nextafter(0.0, 1.0)), color="grey", ls=":",
            label="log of the smallest positive float64")
ax2.legend(fontsize=8)
ax2.set_xlabel("number of throws m")
ax2.set_ylabel("sum of log-probabilities (nats)")
ax2.set_title("Log-likelihood as a sum: stays finite")
plt.show()
print(f"after {first_zero} throws: product = {running_product[first_zero - 1]}, "
      f"sum of logs = {running_log_sum[first_zero - 1]:.1f}")


# %% [markdown]
# ## 3. Take logs: the sum keeps the same maximiser
#
# The logarithm is strictly increasing: if $L(\theta_1) > L(\theta_2)$ then
# $\log L(\theta_1) > \log L(\theta_2)$. So the $\theta$ that maximises $\log L$ also maximises $L$,
# and the log turns the product into a sum:
#
# $$ \hat\theta_\text{ML} = \arg\max_\theta \sum_{i=1}^{m} \log p_\text{model}(x_i;\theta). $$
#
# Each term is a moderate negative number (about $-0.36$ for a made throw at $\theta = 0.7$, $-1.2$ for
# a miss), and a sum of two thousand of them is around $-1200$: nothing underflows. This is the
# additivity of surprise from notebook 1: the log-likelihood is minus the total surprise of the data
# under the model.
#
# For the Bernoulli model, group the $k$ ones and the $m - k$ zeros among the $m$ samples:
#
# $$ \log L(\theta) = \sum_{i=1}^{m}\bigl[x_i\log\theta + (1-x_i)\log(1-\theta)\bigr]
#                   = k\log\theta + (m-k)\log(1-\theta). $$
#
# Edge cases follow the $0\log 0 = 0$ convention. With $\theta = 0$ and no ones at all, the data were
# certain under the model: $L = 1$, $\log L = 0$. With $\theta = 0$ and a single one, the model called
# the data impossible: $\log L = -\infty$. Numerically, $1 - \theta$ rounds to $1$ when $\theta$ is
# tiny, so compute $\log(1-\theta)$ as `np.log1p(-theta)`, which stays accurate.

# %%
first = season[:20]                                  # 20 throws: the product is still a normal float
k20 = first.sum()
grid = np.linspace(0.01, 0.99, 491)
log_lik = k20 * np.log(grid) + (first.size - k20) * np.log1p(-grid)
fig, ax1 = plt.subplots(figsize=(7, 4))
ax1.plot(grid, np.exp(log_lik), color="C0", label="L(θ)")
ax1.set_xlabel("θ")
ax1.set_ylabel("likelihood L(θ)", color="C0")
ax2 = ax1.twinx()
ax2.plot(grid, log_lik, color="C1", label="log L(θ)")
ax2.set_ylabel("log-likelihood log L(θ)", color="C1")
ax1.axvline(grid[np.argmax(log_lik)], color="grey", ls="--")
ax1.set_title(f"Likelihood and log-likelihood of {first.size} throws: the same maximiser, θ = k/m")
plt.show()
print(f"argmax of L: {grid[np.argmax(np.exp(log_lik))]:.3f}, argmax of log L: "
      f"{grid[np.argmax(log_lik)]:.3f}, k/m = {k20}/{first.size} = {k20 / first.size:.3f}")

# %% [markdown]
# ## Exercise 4 · `bernoulli_log_likelihood(x, theta)` (10 points)
#
# Return $\log L(\theta) = k\log\theta + (m-k)\log(1-\theta)$ for 0/1 samples `x`.
#
# * Sum log-probabilities (or use the counts $k$ and $m-k$). **Never** form the product: it underflows
#   for large samples.
# * $0\log 0 = 0$: with `theta = 0` and every sample 0 the answer is `0.0`; likewise with
#   `theta = 1` and every sample 1.
# * An impossible sample (a 1 when `theta = 0`, a 0 when `theta = 1`) gives `-inf`, without warnings.
# * Use `np.log1p(-theta)` for $\log(1-\theta)$. Return a Python `float`.
# * **What the grader checks:** float64 accuracy (a few roundings per term, as in notebook 1),
#   thousands of samples (a product underflows), $\theta$ of `1e-17` and `1 - 1e-16`, $\theta$ of
#   0 and 1 (`0.0` or `-inf` exactly), $10^5$ samples, $\log L = -m\,H(\hat p,
#   \text{Bernoulli}(\theta))$, and hidden random cases. NumPy warnings are reported to you, not
#   counted against you.

# %% nbgrader={"grade": false, "grade_id": "bernoulli_log_likelihood", "locked": false, "schema_version": 3, "solution": true, "task": false}
def bernoulli_log_likelihood(x, theta):
    """Log-likelihood of 0/1 samples under a Bernoulli(theta) model, in nats.

    Parameters
    ----------
    x : array_like, shape (m,)
        Samples, each 0 or 1.
    theta : float
        Probability of a 1, in [0, 1].

    Returns
    -------
    float
        sum_i log p(x_i; theta) = k log(theta) + (m - k) log(1 - theta), with k the number of
        ones and 0 log 0 = 0; -inf if some sample has probability 0 under theta.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x)
    m = x.size
    k = np.count_nonzero(x)               # number of ones
    log_likelihood = 0.0
    if k > 0:                             # the k * log(theta) term; 0 log 0 = 0 when k = 0
        if theta == 0:
            return -np.inf                # a 1 was observed, but the model says it cannot happen
        log_likelihood += k * np.log(theta)
    if m - k > 0:                         # the (m - k) * log(1 - theta) term
        if theta == 1:
            return -np.inf
        log_likelihood += (m - k) * np.log1p(-theta)
    return float(log_likelihood)
    ### END SOLUTION


# %%
# Try it
print(bernoulli_log_likelihood(shots, 0.7), "for the 40 throws")
print(bernoulli_log_likelihood(season, 0.7), "for the season of 2000: no underflow")
print(bernoulli_log_likelihood([0, 0, 0], 0.0), "a model sure of misses, and only misses")
print(bernoulli_log_likelihood([0, 1, 0], 0.0), "... and then a throw goes in")

# %% nbgrader={"grade": true, "grade_id": "test_bernoulli_log_likelihood", "locked": true, "schema_version": 3, "solution": false, "task": false, "points": 10}
from autograder.notebook import grade
grade("bernoulli_log_likelihood")


# %% [markdown]
# ## 4. The maximum in closed form: $\hat\theta = k/m$
#
# For $0 < \theta < 1$, set the derivative of the log-likelihood to zero:
#
# $$ \frac{d}{d\theta}\Bigl[k\log\theta + (m-k)\log(1-\theta)\Bigr]
#    = \frac{k}{\theta} - \frac{m-k}{1-\theta} = 0
#    \;\Longrightarrow\; k(1-\theta) = (m-k)\,\theta
#    \;\Longrightarrow\; \hat\theta = \frac{k}{m}. $$
#
# The second derivative, $-\frac{k}{\theta^2} - \frac{m-k}{(1-\theta)^2}$, is negative, so the
# log-likelihood is concave and this stationary point is its maximum. When $k = 0$ (or $k = m$) there
# is no stationary point inside $(0, 1)$: the log-likelihood only decreases (or only increases) and the
# maximum sits at the boundary, $\theta = 0$ (or $1$), which is still $k/m$. The estimate is the
# fraction of throws that went in, the answer you would have guessed, now with a reason.

# %% [markdown]
# ## Exercise 5 · `bernoulli_mle(x)` (10 points)
#
# Return the maximum likelihood estimate $\hat\theta = k/m$ for 0/1 samples `x`: the number of ones
# divided by the number of samples, as a Python `float`. You may assume `x` is not empty.
# **What the grader checks:** the exact fraction (no rounding, no smoothing, no grid search), all
# zeros or all ones, $10^5$ samples, that the estimate minimises the cross-entropy with the data,
# and hidden random cases.

# %% nbgrader={"grade": false, "grade_id": "bernoulli_mle", "locked": false, "schema_version": 3, "solution": true, "task": false}
def bernoulli_mle(x):
    """Maximum likelihood estimate of theta for 0/1 samples under a Bernoulli(theta) model.

    Parameters
    ----------
    x : array_like, shape (m,)
        Samples, each 0 or 1; m >= 1.

    Returns
    -------
    float
        k / m, the number of ones divided by the number of samples.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x)
    return float(np.count_nonzero(x) / x.size)
    ### END SOLUTION


# %%
# Try it
print(bernoulli_mle(shots), "from the 40 throws")
print(bernoulli_mle(season), "from the season")
print(bernoulli_mle([0, 0, 0, 0]), "when nothing goes in")

# %% nbgrader={"grade": true, "grade_id": "test_bernoulli_mle", "locked": true, "schema_version": 3, "solution": false, "task": false, "points": 10}
from autograder.notebook import grade
grade("bernoulli_mle")

# %% [markdown]
# Run this once both functions pass: the log-likelihood of the 40 throws as a function of $\theta$,
# with the maximum likelihood estimate marked.

# %%
thetas = np.linspace(0.01, 0.99, 197)
log_likelihoods = [bernoulli_log_likelihood(shots, t) for t in thetas]
theta_hat = bernoulli_mle(shots)

fig, ax = plt.subplots(figsize=(6.5, 3.8))
ax.plot(thetas, log_likelihoods)
ax.axvline(theta_hat, color="C3", ls="--")
ax.plot([theta_hat], [bernoulli_log_likelihood(shots, theta_hat)], "o", color="C3",
        label=rf"$\hat\theta = k/m = {theta_hat:.3f}$")
ax.set_ylim(-80, 0)
ax.set_xlabel(r"$\theta$")
ax.set_ylabel(r"$\log L(\theta)$ (nats)")
ax.set_title(f"{shots.size} free throws, {shots.sum()} made")
ax.legend()
plt.show()


# %% [markdown]
# ## 5. Average negative log-likelihood = cross-entropy
#
# Multiplying by a positive constant does not move the maximiser either, and flipping the sign turns
# a maximisation into a minimisation. So
#
# $$ \hat\theta_\text{ML} = \arg\min_\theta\; -\frac{1}{m}\sum_{i=1}^{m}\log p_\text{model}(x_i;\theta). $$
#
# Now group the sum by value. Let $\hat p(x) = \frac{1}{m}\,\#\{i : x_i = x\}$ be the **empirical
# distribution**: the fraction of the sample equal to $x$. Each value $x$ occurs $m\,\hat p(x)$ times,
# so
#
# $$ -\frac{1}{m}\sum_{i=1}^{m}\log p_\text{model}(x_i;\theta)
#    = -\sum_x \hat p(x)\log p_\text{model}(x;\theta)
#    = H\bigl(\hat p,\; p_\text{model}(\cdot\,;\theta)\bigr). $$
#
# **The average negative log-likelihood is the cross-entropy between the empirical distribution and
# the model.** With notebook 2, $H(\hat p, p_\theta) = H(\hat p) + D(\hat p\,\|\,p_\theta)$ and
# $H(\hat p)$ depends on the data only, so
#
# $$ \text{maximum likelihood} \iff \text{minimum cross-entropy} \iff
#    \text{minimum } D(\hat p\,\|\,p_\theta): $$
#
# training picks the member of the family with the smallest $D(\hat p\,\|\,p_\theta)$. For the free throws,
# $\hat p = (1 - k/m,\; k/m)$ and the Bernoulli model can match it exactly with $\theta = k/m$, where
# $D = 0$ by Gibbs' inequality: the closed form again, from a different direction.

# %% [markdown]
# ## 6. Binary cross-entropy: one prediction per example
#
# So far a single $\theta$ served every example. A classifier gives each example its own probability:
# from input $\mathbf{u}_i$ (the distance of the throw, the minute of the game, ...) the model computes
# $\hat y_i = P(y_i = 1 \mid \mathbf{u}_i;\theta)$, the probability that the label $y_i \in \{0, 1\}$ is $1$.
# The likelihood of the labels, given the inputs, has the same switch as before:
#
# $$ P(y_1,\dots,y_m \mid \mathbf{u}_1,\dots,\mathbf{u}_m;\theta) = \prod_{i=1}^{m} \hat y_i^{\,y_i}\,(1-\hat y_i)^{1-y_i}. $$
#
# *Which distribution is being modelled?* Not the distribution of the inputs: the classifier models
# the **conditional** distribution of the label given the input, and the inputs enter only through
# $\hat y_i$. Take logs, average and flip the sign to get the **binary cross-entropy**:
#
# $$ \mathrm{BCE}(y, \hat y) = -\frac{1}{m}\sum_{i=1}^{m}
#    \bigl[\,y_i\log\hat y_i + (1-y_i)\log(1-\hat y_i)\,\bigr]. $$
#
# The label is the switch: $y_i = 1$ keeps $\log\hat y_i$, $y_i = 0$ keeps $\log(1-\hat y_i)$, so
# each example contributes minus the log of the probability given to what actually happened. Each
# term is the cross-entropy of notebook 2 with $K = 2$, between the label $(1-y_i,\, y_i)$ and the
# prediction $(1-\hat y_i,\, \hat y_i)$. Three questions are worth asking.
#
# * **When is the likelihood largest?** With hard labels each factor is at most $1$, and equals $1$
#   only when $\hat y_i = y_i$: all the probability on the true label. On data that can be separated
#   perfectly, the loss keeps pushing predictions towards $0$ and $1$, which is one reason trained
#   classifiers tend to be overconfident. And one confident mistake ($\hat y_i = 0$ while $y_i = 1$)
#   makes the loss $+\infty$, the infinite divergence of notebook 2.
# * **What if the labels are soft?** Say three of four referees think the ball crossed the line:
#   $y = 0.75$. The exponents stop being a switch and become weights; both terms count. For a single
#   example, $-y\log\hat y - (1-y)\log(1-\hat y)$ is smallest at $\hat y = y$ (Gibbs again), where it
#   equals the entropy of the label, not $0$. The formula is unchanged; it now reads as a cross-entropy
#   between two Bernoulli distributions rather than as the probability of one observed outcome.
# * **More than two classes?** Replace the coin by a $K$-sided die. The model outputs
#   $q_i = (q_{i1},\dots,q_{iK})$ and the label is $y_i \in \{1,\dots,K\}$. The likelihood is
#   $\prod_i q_{i,y_i} = \prod_i\prod_k q_{ik}^{[y_i = k]}$, where the one-hot vector $e_{y_i}$ is the
#   switch, and its log is $\sum_i \log q_{i,y_i} = -\sum_i H(e_{y_i}, q_i)$: the categorical
#   cross-entropy with one-hot targets from notebook 2, where only the probability of the observed
#   class counts. Soft labels replace $e_{y_i}$ by a distribution.

# %%
y_hat_line = np.linspace(1e-4, 1 - 1e-4, 500)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(y_hat_line, -np.log(y_hat_line), label="y = 1:  $-\\log \\hat y$")
ax.plot(y_hat_line, -np.log1p(-y_hat_line), label="y = 0:  $-\\log(1 - \\hat y)$")
ax.set_ylim(0, 6)
ax.set_xlabel("predicted probability $\\hat y$ that the label is 1")
ax.set_ylabel("loss of one example (nats)")
ax.set_title("Per-example binary cross-entropy as a function of the prediction")
ax.legend()
plt.show()

# %% [markdown]
# Each curve is 0 where the prediction is right and certain, and climbs without bound as the
# prediction approaches certainty on the wrong label: $-\log \hat y \to +\infty$ as $\hat y \to 0$.
#
# ## Exercise 6 · `binary_cross_entropy(y, y_hat)` (10 points)
#
# Implement the mean binary cross-entropy above.
#
# * `y` holds the labels, hard (0 or 1) or soft (anything in $[0, 1]$); `y_hat` holds the predicted
#   probabilities of class 1. Both have shape `(m,)`.
# * $0\log 0 = 0$: the term $y_i\log\hat y_i$ is $0$ when $y_i = 0$ (even if $\hat y_i = 0$), and
#   $(1-y_i)\log(1-\hat y_i)$ is $0$ when $y_i = 1$ (even if $\hat y_i = 1$).
# * Return `+inf` when some $\hat y_i = 0$ with $y_i > 0$, or $\hat y_i = 1$ with $y_i < 1$, without
#   warnings.
# * Average over the samples (mean, not sum). Use `np.log1p(-y_hat)` for $\log(1-\hat y)$. Return a
#   Python `float`.
# * **What the grader checks:** float64 accuracy (a few roundings per term, as in notebook 1) for
#   hard and soft labels, predictions of exactly 0 or 1 (`0.0` when right, `+inf` when wrong; no
#   clipping), that it is a mean, $10^5$ samples, equality with the mean negative log-likelihood,
#   and hidden random cases. NumPy warnings are reported to you, not counted against you.

# %% nbgrader={"grade": false, "grade_id": "binary_cross_entropy", "locked": false, "schema_version": 3, "solution": true, "task": false}
def binary_cross_entropy(y, y_hat):
    """Mean binary cross-entropy of predictions y_hat against labels y, in nats.

    Parameters
    ----------
    y : array_like, shape (m,)
        Labels in [0, 1]: hard (0 or 1) or soft.
    y_hat : array_like, shape (m,)
        Predicted probabilities of class 1, in [0, 1].

    Returns
    -------
    float
        -(1/m) sum_i [y_i log(y_hat_i) + (1 - y_i) log(1 - y_hat_i)], with 0 log 0 = 0;
        +inf if some y_hat_i = 0 with y_i > 0, or y_hat_i = 1 with y_i < 1.
    """
    ### BEGIN SOLUTION
    y, y_hat = np.broadcast_arrays(np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float))
    ones = y > 0                          # examples where y * log(y_hat) is active
    zeros = y < 1                         # examples where (1 - y) * log(1 - y_hat) is active
    if np.any(y_hat[ones] == 0) or np.any(y_hat[zeros] == 1):
        return np.inf                     # probability 0 for something the label allows
    total = np.sum(y[ones] * np.log(y_hat[ones]))
    total += np.sum((1 - y[zeros]) * np.log1p(-y_hat[zeros]))
    return float(-total / y.size) + 0.0
    ### END SOLUTION


# %%
# Try it
y = np.array([1, 0, 1, 1])
print(binary_cross_entropy(y, [0.9, 0.2, 0.6, 0.99]), "for reasonable predictions")
print(binary_cross_entropy(y, y), "for perfect, certain predictions")
print(binary_cross_entropy([1, 0], [0.0, 0.0]), "after one confident mistake")
print(binary_cross_entropy([0.75], [0.75]), "for a soft label predicted exactly;",
      "its entropy is", -(0.75 * np.log(0.75) + 0.25 * np.log(0.25)))

# %% nbgrader={"grade": true, "grade_id": "test_binary_cross_entropy", "locked": true, "schema_version": 3, "solution": false, "task": false, "points": 10}
from autograder.notebook import grade
grade("binary_cross_entropy")


# %% [markdown]
# ## 7. Minimising cross-entropy numerically lands on the MLE
#
# In real classifiers there is no closed form, and the cross-entropy is minimised numerically. Here
# is the same thing on the free throws, where we know the answer. The model has no inputs: it predicts
# $\hat y_i = \theta$ for every throw, so the binary cross-entropy is the average negative
# log-likelihood of section 5. The helper below is a **golden-section search**: it keeps an interval
# that contains the minimum of a one-dimensional function with a single dip, and shrinks it by the
# factor $0.618\ldots$ at each step, reusing one function value each time.

# %%
def golden_section_minimise(f, lo, hi, tol=1e-10):
    """Return the point where f has its minimum in [lo, hi], assuming f has a single dip there."""
    shrink = (np.sqrt(5) - 1) / 2                    # 0.618...
    a, b = lo, hi
    c, d = b - shrink * (b - a), a + shrink * (b - a)
    fc, fd = f(c), f(d)
    while b - a > tol:
        if fc < fd:                                  # the minimum is in [a, d]
            b, d, fd = d, c, fc
            c = b - shrink * (b - a)
            fc = f(c)
        else:                                        # the minimum is in [c, b]
            a, c, fc = c, d, fd
            d = a + shrink * (b - a)
            fd = f(d)
    return (a + b) / 2


# %% [markdown]
# Run this once all your functions pass.

# %%
def average_nll(theta):
    # the same prediction theta for every throw
    return binary_cross_entropy(shots, np.full(shots.size, theta))

theta_numeric = golden_section_minimise(average_nll, 1e-9, 1 - 1e-9)
theta_closed = bernoulli_mle(shots)
print(f"argmin of the cross-entropy: {theta_numeric:.10f}")
print(f"k / m:                       {theta_closed:.10f}")
print(f"average NLL at k/m: {average_nll(theta_closed):.12f}")
print(f"-log L(k/m) / m:    {-bernoulli_log_likelihood(shots, theta_closed) / shots.size:.12f}")
p_hat = np.array([1 - theta_closed, theta_closed])
print(f"H(p_hat):           {-np.sum(p_hat * np.log(p_hat)):.12f}   (so D(p_hat || model) = 0 at the MLE)")

soft_labels = np.array([0.75, 0.75, 1.0, 0.0])
best = golden_section_minimise(lambda t: binary_cross_entropy(soft_labels, np.full(4, t)), 1e-9, 1 - 1e-9)
print(f"soft labels {soft_labels}: best constant prediction {best:.6f} = their mean {soft_labels.mean()}")

# %% [markdown]
# The two estimates agree to about eight digits, not sixteen. Near a smooth minimum the function is
# flat: moving $\theta$ by $\delta$ changes the loss $f$ by about $\frac12 f''\delta^2$ (here
# $f'' = 1/(\theta(1-\theta)) \approx 4.6$), while two float64 values of $f \approx 0.63$ closer
# than about $\varepsilon f$, with $\varepsilon \approx 2.2\times10^{-16}$, cannot be told apart.
# So a search that only *compares* function values cannot locate the minimum better than about
# $\sqrt{2\varepsilon f / f''} \approx 8\times10^{-9}$, the order of
# $\sqrt{\varepsilon}\approx 1.5\times10^{-8}$; the search above missed by $5\times10^{-9}$. The
# closed form has no such limit, which is one reason to know it.
#
# ## Question 3 (transfer, 2 points, graded by hand)
#
# A three-sided die is thrown $m = 10$ times and shows its faces $5$, $3$ and $2$ times. The model
# gives the faces probabilities $q = (q_1, q_2, q_3)$, any three non-negative numbers that sum to 1.
# Setting derivatives to zero now needs care (the $q_i$ are tied by their sum), so don't: use what
# section 5 and notebook 2 tell you. **(a)** Which $q$ maximises the likelihood, and why can
# no other $q$ do as well? **(b)** What is the average negative log-likelihood there, in nats, and
# what is the likelihood itself?

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_three_sided_die", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# *Model answer.* (a) The average negative log-likelihood is the cross-entropy $H(\hat p, q)$ with
# the empirical distribution $\hat p = (0.5, 0.3, 0.2)$ (section 5), and
# $H(\hat p, q) = H(\hat p) + D(\hat p\,\|\,q)$ with $D \ge 0$, zero only at $q = \hat p$
# (Gibbs, notebook 2). So $\hat q = \hat p = (0.5, 0.3, 0.2)$, the observed fractions, and every
# other $q$ has a strictly smaller likelihood: the coin's $k/m$ again, for three faces.
# (b) At $\hat q$ the average negative log-likelihood is $H(\hat p) = -(0.5\ln 0.5 + 0.3\ln 0.3 +
# 0.2\ln 0.2) \approx 1.030$ nats (about $1.485$ bits), a little below the $\ln 3 \approx 1.099$ of
# the uniform $q$. The likelihood is $e^{-10 \times 1.0297} = 0.5^5\,0.3^3\,0.2^2 \approx
# 3.4\times10^{-5}$.
#
# **Rubric (2 points).** (a) 1 point: $\hat q = (0.5, 0.3, 0.2)$ with the reason (average NLL $=$
# cross-entropy with $\hat p$, minimised at $q = \hat p$ by Gibbs' inequality; a correct Lagrange
# multiplier derivation also earns it). (b) 1 point: $H(\hat p) \approx 1.03$ nats and the
# likelihood $\approx 3.4\times10^{-5}$ (either form).

# %% [markdown]
# ## Question 4 (transfer, 2 points, graded by hand)
#
# A new player misses her first five free throws, so $\hat\theta = k/m = 0$. What does the fitted
# model pay, in nats, if her sixth throw goes in? What would you do about it, and what does your fix
# predict for the sixth throw?

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_theta_zero", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# *Model answer.* The model gives the make probability $0$, so the sixth throw costs
# $-\log 0 = +\infty$: one observation makes the whole log-likelihood $-\infty$ (notebook 2's
# infinite divergence). The MLE is right about the five throws and says nothing sensible about the
# next. Fixes put back some probability: a prior, e.g. Laplace's $(k+1)/(m+2) = 1/7$, which costs
# $\log 7 \approx 1.95$ nats on a make; or more data before trusting the estimate. Smoothing is a
# different estimator, not the MLE (the grader's `bernoulli_mle` must still return $k/m$).
#
# **Rubric (2 points).** 1 point: $+\infty$ with the reason ($-\log 0$). 1 point: a sensible fix with
# its prediction (a prior or smoothing, a number for the sixth throw).

# %% [markdown]
# ## Question 5 (critique, 2 points, graded by hand)
#
# The second text closes: "when you sum log-probabilities (or multiply probabilities) you get overall
# information gain or entropy of the estimated distribution which you want to minimize? because all
# useful work tend to reduce entropy." **(a)** Find its two errors and correct each in one
# sentence. **(b)** A reader defends the text with the 40 free throws: "at $\hat\theta = k/m$ the
# summed log-probabilities of the throws are exactly $-40$ times the entropy of the fitted model."
# Check the claim with your functions, then evaluate both sides at $\theta = 0.9$, and say why the
# coincidence does not rescue the text. Where would $\theta$ go if training really minimised the
# model's entropy?

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_closing_paragraph", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# *Model answer.* (a) First, the quantity is misnamed and pushed the wrong way: the summed
# log-probabilities of the true labels are the log-likelihood, $-m\,H(\hat p, q)$, minus $m$
# times the average *cross-entropy* between the labels and the model's predictions, not an entropy
# of the model (the product of the probabilities is the likelihood, $e$ to that sum); training
# *maximises* the sum, i.e. minimises the cross-entropy. Second, the justification borrows words
# that mean something else: "information gain" is the expected fall in the entropy of one variable
# when another is observed (a mutual information), and "useful work tends to reduce entropy" is
# thermodynamics; the actual reason is maximum likelihood, equivalently the smallest
# $D(\hat p\,\|\,q)$.
# (b) At $\hat\theta = 27/40 = 0.675$ both sides are $-25.223$ nats: the fitted Bernoulli model
# *is* the empirical distribution, so $H(\hat p, q) = H(\hat p) = H(q)$. At $\theta = 0.9$ the
# log-likelihood is $27\ln 0.9 + 13\ln 0.1 \approx -32.78$, while $-40\,H(\text{Bernoulli}(0.9))
# \approx -13.00$: the two are different functions of $\theta$ that happen to meet at the optimum
# of a model that can match $\hat p$ exactly. Minimising the model's entropy would push $\theta$
# to $0$ or $1$ (entropy $0$), where these throws, which include both makes and misses, have
# log-likelihood $-\infty$: the worst model there is.
#
# **Rubric (2 points).** (a) 1 point: the sum is $-m$ times the cross-entropy (not the model's
# entropy) and is maximised; "information gain" and "useful work" named as misused. (b) 1 point:
# the equality checked at $0.675$ and broken at $0.9$ (about $-32.8$ against $-13.0$), with the
# reason (the MLE's model equals $\hat p$), and $\theta \to 0$ or $1$ with log-likelihood
# $-\infty$.

# %% [markdown]
# ## Summary: why do we train classifiers by minimising cross-entropy?
#
# * **It is maximum likelihood.** Choosing the parameters that make the training labels most probable
#   under the model (a product, by independence), then taking logs, averaging and flipping the sign,
#   gives exactly the average cross-entropy between the labels and the predictions. None of these
#   steps moves the optimum.
# * **It measures the model's mismatch with the data** (as a divergence, not a distance: notebook 2
#   showed it is not symmetric). $H(\hat p, q) = H(\hat p) + D(\hat p\,\|\,q)$: the entropy of the
#   data is fixed, so what training shrinks is the divergence $D(\hat p\,\|\,q)$, which is zero only
#   when the model matches the data.
# * **It is computable.** The sum of log-probabilities does not underflow where the product would.
# * **It behaves sensibly.** With hard labels only the probability of the true class counts; a
#   confident mistake costs without limit; with soft labels the best prediction is the label
#   distribution itself, and the loss does not reward false certainty.
#
# One misreading to avoid: the model's own entropy is not the objective. With one-hot labels its
# predictions do sharpen as training goes on, so their entropy usually falls, but that is a side
# effect, and a model can be very sure (low entropy) and wrong (huge cross-entropy). What training
# lowers is the cross-entropy between the data and the model; the part of it that can fall is
# $D(\hat p\,\|\,q)$, and the entropy of the data stays where it is.
#
# The second text's closing paragraph makes two errors. (1) The summed log-probabilities of the
# true labels are $-m\,H(\hat p, q)$, minus $m$ times the cross-entropy between the labels and the
# model, not an entropy of the model (multiplying the probabilities gives the likelihood, not its
# log), and training *maximises* that sum. (2) Its reasons are words from elsewhere:
# "information gain" is the expected fall in the entropy of one variable when another is observed
# (a mutual information), not the fall of a training loss, and "useful work tends to reduce
# entropy" is about physical systems in thermodynamics, not about probability models; the reason
# to minimise cross-entropy is maximum likelihood, nothing more.
#
# **Next:** notebook 4 computes this loss from a classifier's raw scores, derives its gradient, and
# trains a classifier with it.
