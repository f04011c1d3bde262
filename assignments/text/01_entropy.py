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
# # 1 · Entropy: how surprised should you expect to be?
#
# You are about to train your first classifier. You pick the layers, the activation functions, the
# optimiser and its learning rate, and then the loss, where every tutorial says the same thing:
# *use cross-entropy*. This assignment asks the question most of us skip: **why cross-entropy?**
#
# The answer takes four notebooks, and you build every piece of it yourself:
#
# 1. **Entropy** (this notebook): one number for how unpredictable a random outcome is.
# 2. **Relative entropy and cross-entropy** (notebook 2): what it costs to believe the wrong
#    distribution.
# 3. **Likelihood** (notebook 3): how to fit a model to data, and why doing so *is* minimising
#    cross-entropy.
# 4. **A trained classifier** (notebook 4): the loss computed from a network's raw scores, its
#    gradient, and a classifier you train with them.
#
# **How the exercises work.** Each exercise gives you a function with its docstring and a line
# `raise NotImplementedError(...)`. Replace that line with your code (numpy only), run the cell,
# try your function in the cell below it, then run the grading cell. The grader calls your function
# on many inputs, including awkward ones, explains any mismatch, and the cell's last line shows the
# points you earned. Questions marked *graded by hand* go in the cells that say *YOUR ANSWER HERE*.

# %% [markdown]
# **Learning objectives.** By the end of this notebook you can (1) define the surprise of an
# outcome and entropy as expected surprise; (2) compute entropy in nats or bits, with
# $0 \log 0 = 0$ and without warnings; (3) state and explain $0 \le H(p) \le \log n$, with when
# each bound is reached; (4) read the Bernoulli entropy curve.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# ## 1. Surprise
#
# A weather station in a desert town records rain on about one day in fifty. When the morning report
# says *sunny*, nobody looks up; when it says *rain*, that's news. Let's give each outcome $x$ a
# number, its **surprise**, that behaves the way our reaction does:
#
# * an outcome that was certain to happen is no surprise at all;
# * the less probable the outcome, the larger the surprise;
# * for independent outcomes, surprises add up: rain on two unrelated days is twice the news of rain
#   on one.
#
# The logarithm of the inverse probability has all three properties, and it is the only function
# that does *up to the choice of base* (a constant factor: nats or bits) *and assuming the surprise
# changes continuously with the probability*:
#
# $$ s(x) = \log\frac{1}{p(x)} = -\log p(x). $$
#
# A certain outcome gets $\log 1 = 0$; as $p(x)$ shrinks, $1/p(x)$ and its log grow; and for
# independent outcomes $p(x, y) = p(x)\,p(y)$, which the log turns into $s(x) + s(y)$. Remember this
# last property: in notebook 3 it saves a computation from collapsing to zero.

# %%
p_rain = 1 / 50
p_sun = 1 - p_rain
print(f"surprise of rain: {np.log(1 / p_rain):.3f} nats")
print(f"surprise of sun:  {np.log(1 / p_sun):.3f} nats")
print(f"rain on two independent days: {np.log(1 / p_rain**2):.3f} nats "
      f"= 2 x {np.log(1 / p_rain):.3f}")

# %% [markdown]
# ## 2. Entropy is the surprise you expect
#
# Surprise belongs to one outcome, known after the fact. Before the report arrives we don't know the
# outcome, but we know the odds, so we can ask how surprised we will be *on average*: weight each
# outcome's surprise by its probability. This expected surprise is the **entropy** of the
# distribution $p$ (equivalently, of a random variable $X$ drawn from $p$):
#
# $$ H(p) \;=\; \mathbb{E}_{X\sim p}\!\left[\log\frac{1}{p(X)}\right]
#         \;=\; \sum_x p(x)\,\log\frac{1}{p(x)} \;=\; -\sum_x p(x)\,\log p(x). $$
#
# In the desert town, a rainy day is very surprising but rare, so it adds little to the average, and
# the common sunny days are barely surprising: the entropy is small, because the weather there is easy
# to predict. In a town where it rains on half of the days, every report is a coin toss and the
# entropy is much larger.

# %%
desert = np.array([49 / 50, 1 / 50])   # P(sunny), P(rain)
coin_town = np.array([1 / 2, 1 / 2])
for name, p in [("desert", desert), ("coin town", coin_town)]:
    surprise = np.log(1 / p)
    print(f"{name:9s}  surprises {np.round(surprise, 3)} nats"
          f"  ->  expected surprise {np.sum(p * surprise):.3f} nats")

# %% [markdown]
# ## 3. A certain outcome has zero entropy
#
# Take a distribution that puts all its mass on a single value $\hat{x}$: $p(\hat{x}) = 1$ and
# $p(x) = 0$ for every other $x$. Split the sum into the term for $\hat{x}$ and all the others:
#
# $$ H(p) = \underbrace{p(\hat{x})\log\frac{1}{p(\hat{x})}}_{=\,1\cdot\log 1\,=\,0}
#    \;+\; \underbrace{\sum_{x\neq\hat{x}} p(x)\log\frac{1}{p(x)}}_{\text{each term has } p(x)\,=\,0}. $$
#
# The first term is zero because $\log 1 = 0$: the outcome we are sure of is no surprise. Each term
# of the second sum has the weight $p(x) = 0$, but its surprise $\log(1/0)$ is infinite. To call this
# sum zero we need the convention $0 \log 0 = 0$ (the same as $0\log\frac{1}{0} = 0$). With it the
# whole entropy is $0$: no uncertainty at all. The next section shows the convention is not a trick.

# %% [markdown]
# ## 4. Why $0 \log 0 = 0$
#
# Watch $f(x) = x \log x$ as $x$ shrinks to zero. The factor $\log x$ heads to $-\infty$, but only
# logarithmically slowly, while the factor $x$ goes to zero linearly, and the linear factor wins:
#
# $$ \lim_{x\to 0^+} x\log x \;=\; \lim_{x\to 0^+}\frac{\log x}{1/x}
#    \;\overset{\text{l'Hôpital}}{=}\; \lim_{x\to 0^+}\frac{1/x}{-1/x^2}
#    \;=\; \lim_{x\to 0^+}(-x) \;=\; 0. $$
#
# So setting $0\log 0 = 0$ simply makes $x\log x$ continuous at $0$: an outcome with a tiny
# probability adds a tiny amount to the entropy, and one with probability zero adds nothing. In words:
# *an outcome that never happens is never observed, so its infinite surprise is never paid.*

# %%
print(f"{'x':>8}  {'log x':>8}  {'x log x':>11}")
for x in [1e-1, 1e-2, 1e-4, 1e-8, 1e-16, 1e-64, 1e-256]:
    print(f"{x:8.0e}  {np.log(x):8.1f}  {x * np.log(x):11.2e}")

# %%
x = np.linspace(1e-6, 1, 400)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(x, x * np.log(x), label=r"$x \log x$")
ax.plot([0], [0], "o", color="C3", label=r"the value $0 \log 0 = 0$ fills in")
ax.plot([1 / np.e], [-1 / np.e], ".", color="grey")
ax.annotate(r"lowest point $-1/e$ at $x = 1/e$", (1 / np.e, -1 / np.e), xytext=(0.45, -0.25))
ax.axhline(0, color="grey", lw=0.8)
ax.set_xlabel("$x$")
ax.set_ylabel(r"$x \log x$ (nats)")
ax.set_title(r"$x \log x \to 0$ as $x \to 0$")
ax.legend(loc="lower right")
plt.show()

# %% [markdown]
# Floating-point arithmetic does not know the convention. `np.log(0.0)` is `-inf`, and `0.0 * -inf`
# is `nan` by the IEEE rules (numpy also prints warnings). A single `nan` term makes the whole sum
# `nan`. So your code must never take the log of a zero probability in the first place: select the
# entries with $p(x) > 0$ *before* taking logs.

# %%
p = np.array([0.5, 0.5, 0.0])
with np.errstate(divide="ignore", invalid="ignore"):  # silence numpy's warnings for this demo
    print("0.0 * log(0.0)      =", 0.0 * np.log(0.0))
    print("naive -sum(p log p) =", -np.sum(p * np.log(p)), "  for p =", p)
kept = p[p > 0]
print("with p > 0 selected =", -np.sum(kept * np.log(kept)), "  (log 2 =", np.log(2), ")")


# %% [markdown]
# ## 5. Nats or bits: the base of the logarithm
#
# The base of the logarithm only chooses the unit. With the natural log, entropy is measured in
# **nats**; with $\log_2$ it is measured in **bits**, which you can read as the number of yes/no
# questions a clever questioner needs, on average, to find out the outcome (exactly so when the
# probabilities are powers of $\frac12$). Since $\log_b y = \ln y / \ln b$, changing the base divides
# every term by the same constant:
#
# $$ H_b(p) = \frac{H(p)}{\ln b}. $$
#
# A fair coin has $\ln 2 \approx 0.693$ nats of entropy, which is exactly $1$ bit. A fair
# eight-sided die has $\ln 8 \approx 2.079$ nats, or $3$ bits: three yes/no questions ("is it 5 or
# more?", ...) always find the face.

# %% [markdown]
# ## 6. How large can entropy be? $\;0 \le H(p) \le \log n$
#
# **Lower bound.** A probability is at most $1$, so every surprise $\log(1/p(x))$ is $\ge 0$, and an
# average of non-negative numbers is non-negative. $H(p) = 0$ exactly when one outcome is certain
# (section 3).
#
# **Upper bound.** On $n$ outcomes, the uniform distribution $p(x) = 1/n$ gives every outcome the same
# surprise $\log n$, so $H = \log n$. No distribution does better: $\log$ is concave, so the average of
# a log is at most the log of the average (Jensen's inequality), and
#
# $$ H(p) = \sum_{x:\,p(x)>0} p(x)\log\frac{1}{p(x)}
#    \;\le\; \log\sum_{x:\,p(x)>0} p(x)\cdot\frac{1}{p(x)}
#    \;=\; \log\,\bigl|\{x : p(x) > 0\}\bigr| \;\le\; \log n. $$
#
# Jensen's inequality is an equality only when the averaged quantity, here the surprise, is the same
# for every outcome with $p(x) > 0$; the second $\le$ is an equality only when every one of the $n$
# outcomes has $p(x) > 0$ (full support). Both together: the uniform distribution on all $n$. In plain terms, as soon as one outcome is more
# likely than another you have something to bet on, and the outcome becomes easier to predict.

# %% [markdown]
# ## Exercise 1 · `entropy(p, base=None)` (10 points)
#
# Implement the entropy of a discrete distribution given as a 1-D array of probabilities:
#
# $$ H_b(p) = -\sum_{i\,:\,p_i > 0} p_i \log_b p_i \qquad\text{(terms with } p_i = 0 \text{ are } 0\text{)}. $$
#
# * Use the natural log (nats) when `base` is `None`, otherwise the log in base `base` (`base=2`
#   gives bits).
# * Zero probabilities contribute exactly $0$: no `nan`, and no warnings from numpy.
# * Return a Python `float`.
# * **What the grader checks:** float64 accuracy, meaning your answer may differ from the exact
#   one by what float64 rounding can do to a correct computation of the same terms: a few
#   roundings per term plus what adding the terms up can add, worked out from your input (not a
#   fixed $10^{-12}$), so an answer whose terms are all exactly $0$, like a certain outcome's, must
#   be exactly `0.0`. It checks
#   ordinary distributions, zeros, a certain outcome, bases 2, 10 and others, entries of `1e-300`
#   (no epsilon), $10^5$ outcomes, $0 \le H \le \log n$ on random distributions, and hidden
#   random cases. NumPy warnings are reported to you, not counted against you.
#
# You may assume the entries of `p` are non-negative and sum to 1.

# %% nbgrader={"grade": false, "grade_id": "entropy", "locked": false, "schema_version": 3, "solution": true, "task": false}
def entropy(p, base=None):
    """Entropy of a discrete distribution.

    Parameters
    ----------
    p : array_like, shape (n,)
        Probabilities p_1, ..., p_n: non-negative, summing to 1. Zeros are allowed.
    base : float or None, optional
        Base of the logarithm. None (the default) means the natural log, giving nats;
        base=2 gives bits.

    Returns
    -------
    float
        H(p) = -sum_i p_i log(p_i), where a term with p_i = 0 counts as 0 (0 log 0 = 0).
    """
    ### BEGIN SOLUTION
    p = np.asarray(p, dtype=float)
    nonzero = p[p > 0]                    # 0 log 0 = 0: zero entries contribute nothing
    h = -np.sum(nonzero * np.log(nonzero))
    if base is not None:
        h = h / np.log(base)              # change of base: log_b(y) = ln(y) / ln(b)
    return float(h) + 0.0                 # + 0.0 turns -0.0 into 0.0
    ### END SOLUTION


# %%
# Try it: compare with the values worked out above.
print(entropy([0.5, 0.5]), "nats for a fair coin; log 2 =", np.log(2))
print(entropy([0.5, 0.5], base=2), "bit")
print(entropy([1.0, 0.0, 0.0]), "for a certain outcome")
print(entropy(np.full(8, 1 / 8), base=2), "bits for a fair eight-sided die")
print(entropy(desert), "nats for the desert weather")

# %% nbgrader={"grade": true, "grade_id": "test_entropy", "locked": true, "schema_version": 3, "solution": false, "task": false, "points": 10}
from autograder.notebook import grade
grade("entropy")

# %% [markdown]
# Run this once your `entropy` passes. It draws a thousand random distributions on six outcomes and
# checks the bounds of section 6: none of them beats the fair die.

# %%
rng = np.random.default_rng(0)
n = 6
values = np.array([entropy(rng.dirichlet(np.ones(n))) for _ in range(1000)])
print(f"1000 random distributions on {n} outcomes: entropy from {values.min():.3f} to {values.max():.3f} nats")
print(f"fair die: {entropy(np.full(n, 1 / n)):.3f} nats = log {n} = {np.log(n):.3f}")

# %% [markdown]
# ## 7. The coin: the Bernoulli entropy curve
#
# A coin that lands heads with probability $\theta$ has entropy
# $H(\theta) = -\theta\log\theta - (1-\theta)\log(1-\theta)$. Run the cell once your `entropy`
# passes: it draws $H(\theta)$ in bits with your function.

# %%
thetas = np.linspace(0, 1, 201)
h_bits = np.array([entropy([t, 1 - t], base=2) for t in thetas])
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(thetas, h_bits)
ax.plot([0.5], [entropy([0.5, 0.5], base=2)], "o", color="C3")
ax.annotate("fair coin: 1 bit", (0.5, 1.0), xytext=(0.6, 0.75), arrowprops={"arrowstyle": "->"})
ax.set_xlabel(r"$\theta$ = P(heads)")
ax.set_ylabel(r"$H(\theta)$ (bits)")
ax.set_title("Entropy of a coin")
ax.set_ylim(0, 1.1)
plt.show()

# %% [markdown]
# Read the curve: it is zero at both ends (a two-headed coin holds no surprise), it climbs steeply
# just inside them (the slope of $-x\log x$ grows without bound as $x \to 0$: a coin that lands
# heads 99% of the time has $0.08$ bit, a 90% coin already $0.47$ bit, nearly half the maximum),
# and it is highest, $1$ bit, at $\theta = \frac12$. A 99% coin is still very predictable: $0.08$
# bit is a small fraction of the fair coin's one bit.
#
# ## Question 1 (predict, 2 points, graded by hand)
#
# A loaded die shows a six half of the time and each of the other five faces one time in ten.
# **(a)** Before computing anything: is its entropy more or less than the fair die's
# $\log_2 6 \approx 2.585$ bits, and why? **(b)** Predict its entropy in bits without summing six
# terms, by splitting the uncertainty into two stages, as the questioner of section 5 might: first
# "is it a six?", and only if the answer is no, which of the other five faces it is. What is the
# entropy of each stage, and how often is the second stage needed? Then check your prediction
# with your `entropy`.

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_loaded_die", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# *Model answer.* (a) Less: $\log 6$ is reached only by the uniform distribution on the six faces,
# and this die is not uniform; a six is worth betting on, so each throw is easier to predict.
# (b) The first question has two equally likely answers (six: $\frac12$, not six: $\frac12$), so
# its entropy is exactly $1$ bit, every time. Half of the time the answer is "no", and then the
# face is one of five equally likely faces (each $0.1 / 0.5 = \frac15$), an entropy of
# $\log_2 5 \approx 2.322$ bits more (an entropy, not a whole number of questions: five is not a
# power of two). On average: $1 + \frac12\log_2 5 \approx 2.161$ bits, about $0.424$ bit less
# than the fair die. `entropy([0.5] + [0.1] * 5, base=2)` gives $2.16096\ldots$, the same as the
# six-term sum $\frac12\log_2 2 + 5\cdot 0.1\log_2 10$.
#
# **Rubric (2 points).** (a) 1 point: "less", with the reason (only the uniform distribution reaches
# $\log n$; the die has a favourite). (b) 1 point: $\approx 2.16$ bits, either from the two stages
# ($1$ bit, then $\log_2 5$ bits half of the time) or from the full sum with the value stated; a
# number without any reasoning earns no point.

# %% [markdown]
# ## Question 1b (predict, 2 points, graded by hand)
#
# Before computing anything: which is harder to predict, one throw of a fair six-sided die or one
# throw of *two* fair coins (recorded as the pair of faces)? Say by how many bits, then check with
# your `entropy`.

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_die_or_coins", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# *Model answer.* Two fair coins have $4$ equally likely outcomes, so $H = \log_2 4 = 2$ bits (the
# two coins' entropies add, as independent surprises do). The die has $6$ equally likely outcomes,
# $H = \log_2 6 \approx 2.585$ bits: the die is harder to predict by about $0.585$ bit. Both are
# uniform, so each reaches the bound $\log n$ for its number of outcomes.
#
# **Rubric (2 points).** 1 point: both entropies as $\log_2 n$ with the reason (uniform). 1 point:
# the difference, $\log_2 6 - 2 \approx 0.585$ bit, and which is larger.

# %% [markdown]
# ## Summary
#
# * The surprise of an outcome is $\log(1/p)$; entropy is its expectation, $H(p) = -\sum p \log p$.
# * $0 \log 0 = 0$: an outcome that never happens adds nothing; compute only the terms with $p > 0$.
# * The base sets the unit: nats for $\ln$, bits for $\log_2$; $H_b = H / \ln b$.
# * $0 \le H(p) \le \log n$: zero for a certain outcome, $\log n$ only for the uniform distribution
#   on all $n$ outcomes.
#
# **Next:** in notebook 2 the probabilities we use are no longer the true ones, and we measure what
# that costs.
