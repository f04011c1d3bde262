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
# # 2 · Relative entropy and cross-entropy: the price of a wrong belief
#
# Notebook 1 measured the uncertainty of a distribution $p$ that we know. In practice nobody hands us
# the true distribution of the data. We have a **model** $q$ instead: a forecaster's probabilities, or
# the softmax output of a classifier (softmax turns a classifier's real-valued scores $z_i$ into
# probabilities $q_i = e^{z_i}/\sum_j e^{z_j}$; notebook 4 computes it). This notebook puts a price on acting as if $q$ were true when
# the data really follow $p$. That price is the *relative entropy*, and cross-entropy falls out of it.

# %% [markdown]
# **Learning objectives.** By the end of this notebook you can (1) define $D(p\,\|\,q)$ as the
# extra cost of a code built for the wrong distribution and prove $D \ge 0$; (2) decompose
# $H(p, q) = H(p) + D(p\,\|\,q)$; (3) compute both exactly, including $+\infty$ when $q$ rules out
# what $p$ allows; (4) explain why $D$ is not symmetric and which direction training minimises;
# (5) use cross-entropy with hard and soft targets.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# ## 1. Paying for the wrong code
#
# Here is a concrete way to charge for a belief. You send each day's weather over an expensive link,
# so you design a code: short codewords for common outcomes, long ones for rare outcomes. The
# shortest average length is reached by giving outcome $x$ a codeword of about $\log\frac{1}{q(x)}$
# units (nats for $\ln$, bits for $\log_2$), its surprise under the distribution $q$ you designed
# the code for. If the weather really follows $q$, no code does better on average than $H(q)$, the
# entropy; real codes use whole numbers of bits per codeword and reach it only within one bit per
# symbol (less when many symbols are coded together), so read the lengths below as that ideal.
#
# Now suppose the code was designed for $q$, but the weather follows $p$. Each day costs
# $\log\frac{1}{q(x)}$, averaged over the *true* frequencies $p$. Compared with the code designed for
# $p$, which would have cost $\log\frac{1}{p(x)}$, the extra cost per day is
#
# $$ D(p\,\|\,q) \;=\; \sum_x p(x)\left[\log\frac{1}{q(x)} - \log\frac{1}{p(x)}\right]
#    \;=\; \sum_x p(x)\,\log\frac{p(x)}{q(x)}. $$
#
# This is the **relative entropy**, or **Kullback–Leibler divergence**, $D(p\,\|\,q)$, read "the
# divergence of $p$ from $q$" in this kit (texts differ on the phrase, so always write the symbols):
# the inefficiency of believing $q$ when the truth is $p$, in extra nats per observation. The true
# distribution comes first.
#
# An example: in a city, days are sunny, cloudy or rainy with probabilities $p = (0.6, 0.3, 0.1)$. A
# forecaster with no idea uses $q = (\frac13, \frac13, \frac13)$.

# %%
p = np.array([0.6, 0.3, 0.1])        # the truth: sunny, cloudy, rainy
q = np.array([1, 1, 1]) / 3          # the clueless forecaster's model
cost_true_code = np.sum(p * np.log(1 / p))    # average codeword length of the code built for p
cost_wrong_code = np.sum(p * np.log(1 / q))   # ... of the code built for q, on weather from p
print(f"code built for p: {cost_true_code:.4f} nats/day")
print(f"code built for q: {cost_wrong_code:.4f} nats/day")
print(f"extra cost:       {cost_wrong_code - cost_true_code:.4f} nats/day"
      f"  = sum p log(p/q) = {np.sum(p * np.log(p / q)):.4f}")


# %% [markdown]
# ## 2. Cross-entropy = entropy + divergence
#
# Expand the logarithm of the ratio, $\log\frac{p(x)}{q(x)} = \log\frac{1}{q(x)} - \log\frac{1}{p(x)}$:
#
# $$ D(p\,\|\,q) \;=\; \underbrace{\sum_x p(x)\log\frac{1}{q(x)}}_{H(p,\,q)}
#    \;-\; \underbrace{\sum_x p(x)\log\frac{1}{p(x)}}_{H(p)}. $$
#
# The second sum is the entropy of $p$. The first is the **cross-entropy** of $q$ relative to $p$,
# the average surprise of $q$ on outcomes drawn from $p$ (the cost of the wrong code above):
#
# $$ H(p, q) \;=\; -\sum_x p(x)\log q(x) \;=\; H(p) + D(p\,\|\,q). $$
#
# Read it as *cross-entropy = the uncertainty that is in the data anyway + the penalty for the model
# being wrong*. When $p$ is the data and $q$ the model, the first part does not depend on the model at
# all, so **lowering the cross-entropy and lowering the divergence are the same job.** Note also that
# $H(p, p) = H(p)$. Both facts return in notebook 3.

# %% [markdown]
# ## 3. The divergence is never negative (Gibbs' inequality)
#
# Intuitively, no code can beat the one built for the truth. The proof uses one inequality,
# $\ln t \le t - 1$ for $t > 0$, with equality only at $t = 1$ (the tangent line at $t = 1$ lies above
# the concave log). Apply it to $t = q(x)/p(x)$ for each $x$ with $p(x) > 0$:
#
# $$ -D(p\,\|\,q) = \sum_{x:\,p(x)>0} p(x)\ln\frac{q(x)}{p(x)}
#    \;\le\; \sum_{x:\,p(x)>0} p(x)\left(\frac{q(x)}{p(x)} - 1\right)
#    = \sum_{x:\,p(x)>0} q(x) \;-\; 1 \;\le\; 0. $$
#
# So $D(p\,\|\,q) \ge 0$, and hence $H(p, q) \ge H(p)$: a model's cross-entropy can never go below the
# entropy of the data. Equality needs $q(x) = p(x)$ wherever $p(x) > 0$, and no mass of $q$ elsewhere:
# $D(p\,\|\,q) = 0$ exactly when $q = p$. (In another base, $D$ is divided by a positive constant and
# stays $\ge 0$.)

# %% [markdown]
# ## 4. When the model rules out what can happen: $D = +\infty$
#
# If $q(x) = 0$ for some $x$ with $p(x) > 0$, the term $p(x)\log\frac{p(x)}{0}$ is $+\infty$, so
# $D(p\,\|\,q) = +\infty$ and $H(p,q) = +\infty$. In the coding story, $q$ promised that $x$ never
# happens, so its code has no codeword for $x$: the first time $x$ occurs, the message cannot be sent
# at any price.
#
# For a classifier this is the model that is completely sure and wrong: giving probability $0$ to the
# class that turns out to be the label costs an infinite loss, and nothing the model does on other
# examples can make up for it. Cross-entropy therefore punishes certainty about a wrong class very
# hard: a model with softmax outputs never assigns exactly $0$ in exact arithmetic, but it can
# become *overconfident* (notebook 3), putting probabilities like $10^{-8}$ on classes that do
# occur, and the loss charges $\log 10^{8}$ nats each time. It is also why deep-learning libraries
# compute the loss from logits (unnormalised log-probabilities; notebook 4 defines softmax and
# does this) rather than from a probability that may have been rounded to exactly $0$.
#
# The opposite case is harmless: if $p(x) = 0$ but $q(x) > 0$, the term is $0\cdot\log\frac{0}{q(x)} = 0$
# by the convention of notebook 1. Probability wasted on an impossible outcome is only paid for
# indirectly, because it is missing from the outcomes that do happen.

# %% [markdown]
# ## Exercise 2 · `kl_divergence(p, q)` (10 points)
#
# Implement
#
# $$ D(p\,\|\,q) = \sum_{i\,:\,p_i > 0} p_i \log\frac{p_i}{q_i} \qquad\text{(natural log)}. $$
#
# * Terms with $p_i = 0$ are $0$, whatever $q_i$ is.
# * Return `+inf` (`np.inf`) when some $q_i = 0$ where $p_i > 0$, without warnings.
# * Return a Python `float`. `p` and `q` have the same length; assume both are valid distributions.
# * Tiny probabilities such as `1e-300` must work exactly: **no epsilon** (adding or clipping to
#   `1e-12` changes the answer, and the grader detects it). Either `log(p_i / q_i)` or
#   `log(p_i) - log(q_i)` is fine here: $0.5/10^{-300} = 5\times10^{299}$ is an ordinary float; the
#   ratio only overflows when $q_i$ is subnormal (below about $2.2\times10^{-308}$), which the
#   grader does not test.
# * **What the grader checks:** float64 accuracy (a few roundings per term, as in notebook 1; so
#   $D(p\,\|\,p)$ must be exactly `0.0`), zeros in $p$, `+inf` exactly when $q_i = 0 < p_i$,
#   $D(p\,\|\,p) = 0$, Gibbs' inequality on random pairs, and hidden random cases. NumPy warnings
#   are reported to you, not counted against you.

# %% nbgrader={"grade": false, "grade_id": "kl_divergence", "locked": false, "schema_version": 3, "solution": true, "task": false}
def kl_divergence(p, q):
    """Relative entropy (Kullback-Leibler divergence) D(p || q), in nats.

    Parameters
    ----------
    p : array_like, shape (n,)
        The true distribution (non-negative, sums to 1).
    q : array_like, shape (n,)
        The assumed distribution (non-negative, sums to 1).

    Returns
    -------
    float
        sum_i p_i log(p_i / q_i) over the i with p_i > 0 (terms with p_i = 0 are 0);
        +inf if q_i = 0 for some i with p_i > 0.
    """
    ### BEGIN SOLUTION
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    support = p > 0                       # terms with p_i = 0 are 0
    if np.any(q[support] == 0):           # q rules out something p allows
        return np.inf
    ps, qs = p[support], q[support]
    return float(np.sum(ps * (np.log(ps) - np.log(qs))))
    ### END SOLUTION


# %%
# Try it
p = np.array([0.6, 0.3, 0.1])
print(kl_divergence(p, [1 / 3, 1 / 3, 1 / 3]), "extra nats per day for the clueless forecaster")
print(kl_divergence(p, p), "= D(p || p)")
print(kl_divergence(p, [0.7, 0.3, 0.0]), "for a forecaster who rules out rain")
print(kl_divergence([0.7, 0.3, 0.0], p), "the other way round")

# %% nbgrader={"grade": true, "grade_id": "test_kl_divergence", "locked": true, "schema_version": 3, "solution": false, "task": false, "points": 10}
from autograder.notebook import grade
grade("kl_divergence")

# %% [markdown]
# ## 5. Not a distance: $D(p\,\|\,q) \neq D(q\,\|\,p)$
#
# The divergence is sometimes called the KL *distance*, but it is not one: it is not symmetric (nor
# does it obey the triangle inequality), and the difference matters. $D(p\,\|\,q)$ averages $\log\frac{p}{q}$ over $p$: it looks where $p$ puts its mass and
# asks how badly $q$ covers it. $D(q\,\|\,p)$ averages over $q$: it asks whether $q$ puts its mass
# where $p$ has little.
#
# Run the cell once your `kl_divergence` passes. *Left:* a distribution $p$ with two bumps and two
# candidate models, a wide $q$ spread over both bumps and a narrow $q$ sitting on one of them.
# *Right:* coins. With $p$ = Bernoulli$(0.2)$ fixed and $q_\theta$ = Bernoulli$(\theta)$, the two
# divergences as functions of $\theta$. Both vanish at $\theta = 0.2$ only, but they are different
# curves. Near the ends, where $q_\theta$ comes close to ruling out an outcome that $p$ allows,
# $D(p\,\|\,q_\theta)$ grows without bound (slowly: near $\theta = 0$ it is about
# $-0.2\log\theta$ plus a constant, the $0.2$ being $p$'s weight on the outcome $q_\theta$ starves) and is $+\infty$ at
# $\theta = 0$ and $1$, while $D(q_\theta\,\|\,p)$ stays finite all the way.

# %%
outcomes = np.arange(12)

def bump(centre, width):
    weights = np.exp(-0.5 * ((outcomes - centre) / width) ** 2)
    return weights / weights.sum()

p_two = 0.5 * bump(2, 0.8) + 0.5 * bump(9, 0.8)
q_wide = bump(5.5, 3.0)
q_narrow = bump(2, 0.8)

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.8), layout="constrained")
ax1.bar(outcomes, p_two, color="lightgrey", label="p (two bumps)")
for q, name, colour in [(q_wide, "wide q", "C0"), (q_narrow, "narrow q", "C1")]:
    forward, backward = kl_divergence(p_two, q), kl_divergence(q, p_two)
    ax1.plot(outcomes, q, "o-", color=colour,
             label=f"{name}: D(p||q)={forward:.2f}, D(q||p)={backward:.2f}")
ax1.set_xlabel("outcome")
ax1.set_ylabel("probability")
ax1.set_title("Which model has the smaller divergence depends on the direction")
ax1.legend(fontsize=8)

p_coin = np.array([0.8, 0.2])             # P(tails), P(heads)
near_ends = np.geomspace(1e-9, 1e-2, 30)              # to follow the curves into the ends
thetas = np.sort(np.concatenate([np.linspace(0, 1, 201), near_ends, 1 - near_ends]))
coins = [np.array([1 - t, t]) for t in thetas]        # D = inf is simply not drawn
ax2.plot(thetas, [kl_divergence(p_coin, q) for q in coins], label=r"$D(p\,\|\,q_\theta)$")
ax2.plot(thetas, [kl_divergence(q, p_coin) for q in coins], label=r"$D(q_\theta\,\|\,p)$")
ax2.axvline(0.2, color="grey", ls=":", lw=1)
ax2.set_ylim(0, 3)
ax2.set_xlabel(r"$\theta$ = P(heads) under the model $q_\theta$")
ax2.set_ylabel("nats")
ax2.set_title(r"$p$ = Bernoulli(0.2)")
ax2.legend()
plt.show()


# %% [markdown]
# In the left panel, $D(p\,\|\,q)$ prefers the wide model: the narrow one leaves a whole bump of $p$
# almost uncovered, and on those outcomes $\log\frac{p}{q}$ is huge. $D(q\,\|\,p)$ prefers the narrow
# model: everything it predicts is plausible under $p$, while the wide one puts mass in the valley
# between the bumps where $p$ is small.
#
# Which direction does training use? In $H(p,q) = H(p) + D(p\,\|\,q)$ the data play $p$ and the model
# plays $q$. Minimising the cross-entropy minimises $D(p_\text{data}\,\|\,q_\text{model})$: the
# direction that insists the model covers everything that happens in the data, and charges $+\infty$
# for ruling out something that does happen.

# %% [markdown]
# ## 6. Cross-entropy for a classifier
#
# A classifier with $K$ classes reads an input, say a photo, and outputs a probability vector
# $q = (q_1, \dots, q_K)$, typically from a softmax. The target for that input is also a distribution
# $p$ over the $K$ classes, and the loss on the example is the cross-entropy
# $H(p, q) = -\sum_k p_k \log q_k$, averaged over the training set. Nothing requires $K = 2$: $p$ and
# $q$ are vectors of any length $K \ge 2$, and the two-class case of notebook 3 is $K = 2$.
#
# **Hard targets.** The usual label says *this photo is class $k$*: $p$ is the one-hot vector $e_k$,
# with $1$ at position $k$ and $0$ elsewhere. Every term with $p_j = 0$ drops out, and
#
# $$ H(e_k, q) = -\sum_j (e_k)_j \log q_j = -\log q_k. $$
#
# **Only the probability of the true class matters.** How the model shares the remaining $1 - q_k$
# among the wrong classes does not change the loss. (It matters only indirectly: the $q_j$ sum to 1,
# so raising $q_k$ takes probability away from the others.) Since $H(e_k) = 0$, here cross-entropy
# and divergence are equal, $H(e_k, q) = D(e_k\,\|\,q)$, and the minimum, $0$, requires $q_k = 1$: a
# hard target always asks for more confidence.
#
# **Soft targets.** Sometimes the target itself is spread out. Five people label a blurry photo of an
# animal: three say *fox*, two say *dog*, nobody says *cat*, so the target over (cat, dog, fox) is
# $p = (0, 0.4, 0.6)$. Or *label smoothing* replaces the one-hot target by
# $(1-\varepsilon)\,e_k + \varepsilon\,u$, with $u = (1/K, \dots, 1/K)$ the uniform vector, on purpose, to keep the model from becoming certain. Now every
# class with $p_j > 0$ has a say in the loss, and by Gibbs' inequality the best prediction is
# $q = p$, where the loss is $H(p) > 0$ rather than $0$: the model is rewarded for matching the
# labellers' uncertainty, not for being sure.

# %% [markdown]
# ## Exercise 3 · `cross_entropy(p, q)` (10 points)
#
# Implement the categorical cross-entropy of a prediction $q$ against a target $p$:
#
# $$ H(p, q) = -\sum_{i\,:\,p_i > 0} p_i \log q_i \qquad\text{(natural log)}. $$
#
# * `p` is the target: one-hot (hard) or any distribution (soft). `q` is the prediction.
# * Classes with $p_i = 0$ contribute $0$, whatever $q_i$ is (even $q_i = 0$).
# * Return `+inf` when some $q_i = 0$ where $p_i > 0$, without warnings.
# * Return a Python `float`.
# * **What the grader checks:** float64 accuracy (a few roundings per term, as in notebook 1) for
#   hard and soft targets, zeros, `+inf` exactly when $q_i = 0 < p_i$, $H(p, q) = H(p) +
#   D(p\,\|\,q)$ on random pairs, $q_i = 10^{-300}$ (no epsilon), and hidden random cases. NumPy
#   warnings are reported to you, not counted against you.

# %% nbgrader={"grade": false, "grade_id": "cross_entropy", "locked": false, "schema_version": 3, "solution": true, "task": false}
def cross_entropy(p, q):
    """Categorical cross-entropy H(p, q) of a prediction q against a target p, in nats.

    Parameters
    ----------
    p : array_like, shape (K,)
        Target distribution over K classes: one-hot (hard label) or soft.
    q : array_like, shape (K,)
        Predicted distribution over the same K classes.

    Returns
    -------
    float
        -sum_i p_i log(q_i) over the i with p_i > 0 (terms with p_i = 0 are 0);
        +inf if q_i = 0 for some i with p_i > 0.
    """
    ### BEGIN SOLUTION
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    support = p > 0                       # classes the target gives weight to
    if np.any(q[support] == 0):           # the model rules out a class the target allows
        return np.inf
    return float(-np.sum(p[support] * np.log(q[support]))) + 0.0
    ### END SOLUTION


# %%
# Try it: classes are (cat, dog, fox)
cat = np.array([1.0, 0.0, 0.0])
q_a = np.array([0.7, 0.2, 0.1])
q_b = np.array([0.7, 0.0, 0.3])
print(cross_entropy(cat, q_a), cross_entropy(cat, q_b), -np.log(0.7), "<- only q_cat matters")

blurry = np.array([0.0, 0.4, 0.6])
print(cross_entropy(blurry, q_a), "for the blurry photo; best possible:", cross_entropy(blurry, blurry))

p = np.array([0.6, 0.3, 0.1])
q = np.full(3, 1 / 3)
print("H(p,q) - H(p) =", cross_entropy(p, q) - cross_entropy(p, p), "   D(p||q) =", kl_divergence(p, q))

# %% nbgrader={"grade": true, "grade_id": "test_cross_entropy", "locked": true, "schema_version": 3, "solution": false, "task": false, "points": 10}
from autograder.notebook import grade
grade("cross_entropy")

# %%
# H(p) + D(p||q) = H(p, q), as stacked bars, for one p and three models q
p_bars = np.array([0.6, 0.3, 0.1])
models = {"q = p": p_bars, "q uniform": np.full(3, 1 / 3), "q = (0.1, 0.3, 0.6)": p_bars[::-1]}
h_bar = cross_entropy(p_bars, p_bars)                 # H(p) = H(p, p)
d_bars = [kl_divergence(p_bars, q) for q in models.values()]
fig, ax = plt.subplots(figsize=(7, 4))
ax.bar(list(models), [h_bar] * len(models), label="H(p): entropy of the truth")
ax.bar(list(models), d_bars, bottom=h_bar, label="D(p‖q): extra cost of the model")
ax.scatter(list(models), [cross_entropy(p_bars, q) for q in models.values()], color="k",
           zorder=3, label="H(p, q) computed directly")
ax.set_ylabel("nats per observation")
ax.set_title("Cross-entropy = entropy + divergence: H(p, q) = H(p) + D(p‖q)")
ax.legend()
plt.show()

# %% [markdown]
# Run this once your `cross_entropy` passes. The blurry photo again: the model predicts
# $q = (0,\, 1-t,\, t)$ with $t$ the probability of *fox*. With the hard target *fox* the loss
# $-\log t$ keeps falling all the way to $t = 1$. With the soft target $(0, 0.4, 0.6)$ the loss is
# smallest at $t = 0.6$, where it equals $H(p)$, and it climbs to $+\infty$ at *both* ends: the model
# is punished for being sure in either direction.

# %%
t = np.linspace(0.005, 0.995, 199)
hard = np.array([0.0, 0.0, 1.0])
soft = np.array([0.0, 0.4, 0.6])
predictions = [np.array([0.0, 1 - ti, ti]) for ti in t]

fig, ax = plt.subplots(figsize=(6.5, 3.8))
ax.plot(t, [cross_entropy(hard, q) for q in predictions], label="hard target: fox")
ax.plot(t, [cross_entropy(soft, q) for q in predictions], label="soft target: 40% dog, 60% fox")
ax.plot([0.6], [cross_entropy(soft, soft)], "o", color="C1")
ax.annotate(r"minimum $H(p)$ at $q = p$", (0.6, cross_entropy(soft, soft)), xytext=(0.25, 2.2),
            arrowprops={"arrowstyle": "->"})
ax.set_ylim(0, 4)
ax.set_xlabel("t = predicted probability of fox")
ax.set_ylabel("cross-entropy (nats)")
ax.legend()
plt.show()

# %% [markdown]
# ## Question 2 (critique, 2 points, graded by hand)
#
# Two teams model the city's weather of section 1, $p = (0.6, 0.3, 0.1)$, and each reports the
# cross-entropy of its model in nats per day. Team A, over a year of days its model never saw:
# "ours scores $0.95$, so our model is $0.95$ nats away from perfect." Team B: "ours scores $0.85$ on the days we fitted it to, so it beats
# anything team A could ever reach." Say what is wrong with each claim. How much could team A still
# gain by improving its model, and what does team B's number tell you?

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_two_teams", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# *Model answer.* Team A: a cross-entropy is not the gap to perfect. $H(p, q) = H(p) + D(p\,\|\,q)$,
# and $H(p) \approx 0.898$ nats is the uncertainty of the weather itself, which no model removes; a
# perfect model ($q = p$) scores $0.898$, not $0$. Team A's model is only
# $D(p\,\|\,q) \approx 0.95 - 0.898 = 0.052$ nats per day from the best possible score.
# Team B: by Gibbs' inequality no model's cross-entropy on weather drawn from $p$ can be below
# $H(p) \approx 0.898$, so $0.85$ cannot be the model's long-run cost. It was measured on the
# days the model was fitted to: their empirical distribution $\hat p$ is not $p$, and a model fitted
# to them can score below $H(p)$ there (it may even have memorised them). Only the cross-entropy on
# new days estimates $H(p, q)$, and over many new days team B's average will settle at $0.898$ or
# above (unless the number comes from a bug, such as an epsilon or a log in another base).
#
# **Rubric (2 points).** 1 point: team A's floor is $H(p) \approx 0.90$, not $0$, so the gap is
# $D \approx 0.05$ nats (the decomposition used with numbers). 1 point: team B's score is below
# $H(p)$, impossible for new data by Gibbs' inequality, so it is a training-set (or buggy) figure.

# %% [markdown]
# ## Question 2b (transfer, 2 points, graded by hand)
#
# You must fit a *unimodal* $q$ (one bump) to the two-bump $p$ of section 5. Which would you minimise,
# $D(p\,\|\,q)$ or $D(q\,\|\,p)$, if (a) missing an outcome that happens is the expensive mistake,
# (b) you want $q$ to describe one of the bumps well? Say what each fit looks like and why.

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_kl_direction", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# *Model answer.* (a) $D(p\,\|\,q)$: its terms $p\log(p/q)$ blow up where $p > 0$ and $q \approx 0$,
# so the minimiser spreads $q$ over *both* bumps (mass-covering), accepting probability on the
# valley between them. (b) $D(q\,\|\,p)$: now the weights are $q$'s, and $q$ is charged heavily for
# putting mass where $p \approx 0$ (the valley), so the minimiser sits on one bump (mode-seeking) and
# ignores the other, which it is not charged for. Training a classifier by cross-entropy is case (a).
#
# **Rubric (2 points).** 1 point per case: the right direction with the reason from which
# distribution weights the average and where the log blows up.

# %% [markdown]
# ## Summary
#
# * $D(p\,\|\,q) = \sum p \log(p/q)$ is the extra cost, per observation, of believing $q$ when the
#   truth is $p$; it is $\ge 0$ (Gibbs), zero only for $q = p$, and $+\infty$ when $q = 0 < p$.
# * $H(p, q) = H(p) + D(p\,\|\,q)$: cross-entropy is entropy plus divergence.
# * $D$ is not symmetric, so it is not a distance; training minimises $D(p_\text{data}\,\|\,q)$.
# * For a classifier, cross-entropy with a one-hot target is $-\log$ of the true class's
#   probability; with a soft target the best prediction is the target itself.
#
# **Next:** notebook 3 starts somewhere else entirely, from fitting a model by maximum likelihood,
# and arrives at this same cross-entropy.
