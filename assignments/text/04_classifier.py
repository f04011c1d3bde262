# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 4 · From logits to a trained classifier
#
# The first notebook opened with a classifier you were about to train and a question: *why
# cross-entropy?* Three notebooks later you have the answer in pieces: entropy, the cost of
# believing the wrong distribution, and likelihood. This notebook puts the pieces together and ends
# where the story began, with you training a classifier.
#
# **Learning objectives.** By the end of this notebook you can
#
# 1. compute softmax and its logarithm from logits without overflow or `log 0`, and say why the
#    naive formula fails;
# 2. compute the softmax cross-entropy loss of a batch, with labels given as class indices or as
#    rows of probabilities;
# 3. derive its gradient, $(\operatorname{softmax}(z) - y)/m$, and check it against finite
#    differences;
# 4. explain why cross-entropy keeps a confidently wrong model learning where mean squared error on
#    probabilities stalls;
# 5. train a softmax regression by gradient descent, read its loss as an average negative
#    log-likelihood, in nats, bits and perplexity, and judge its calibration.
#
# **What the grader checks** is said with each exercise. Everywhere: float64 accuracy (the
# tolerance allows a few roundings at the size of your logits, far less than float32 would
# need), logits of $\pm 1000$, an array of $10^3 \times 100$ logits within the time limit, and
# *hidden* checks on random inputs that run when your instructor grades. NumPy warnings are
# reported to you, not counted against you.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %% [markdown]
# ## 1 · Softmax, and why not to compute it the obvious way
#
# A classifier's last layer gives, for each example, one real number per class: its **logits**
# $z = (z_1, \dots, z_K)$ for $K$ classes. Logits are *unnormalised* log-probabilities: **softmax**
# turns them into
# a probability vector,
#
# $$\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^K e^{z_j}}, \qquad
#   \log \operatorname{softmax}(z)_i = z_i - \log \sum_{j} e^{z_j}.$$
#
# Adding the same constant $c$ to every logit of a row multiplies numerator and denominator by
# $e^c$: softmax does not change (**shift invariance**). So logits are log-probabilities only up
# to a constant per row, and only after softmax do they add up to a distribution.
#
# A batch of $m$ examples is an $(m, K)$ array, one row per example (the letters are those of
# notebooks 2 and 3: $m$ examples, $K$ classes; rows are indexed by $r$, classes by $i$, $j$ or $k$).
# Here is the obvious code, on a row of logits of the size a badly scaled or long-trained network
# can produce:

# %%
def naive_log_softmax(z):
    e = np.exp(z)
    return np.log(e / e.sum(axis=1, keepdims=True))


big = np.array([[1000.0, 0.0, -1000.0]])
with np.errstate(all="ignore"):  # numpy would warn: overflow encountered in exp
    print("naive:", naive_log_softmax(big))
    print("exp(1000) =", np.exp(1000.0), "  exp(-1000) =", np.exp(-1000.0))

# %% [markdown]
# `exp(1000)` is beyond the largest float64 (about $1.8 \times 10^{308}$, reached at
# $z \approx 709.78$), so it becomes `inf`, and `inf / inf` is `nan`. Subtracting the largest
# logit first (allowed, by shift invariance) fixes the overflow but not the other end: the third
# class has probability $e^{-2000}$, which rounds to `0.0`, and `log 0.0 = -inf` although the
# answer, $-2000$, is an ordinary number. The cure is never to form the probability at all:
#
# $$\log \operatorname{softmax}(z)_i = (z_i - z_{\max}) - \log \sum_j e^{z_j - z_{\max}} .$$
#
# Every exponent is now $\le 0$ (no overflow), the sum is at least 1 (its log is finite), and
# $z_i - z_{\max}$ keeps $-2000$ exactly.
#
# ### Exercise 1: `log_softmax(z)`
#
# Implement the formula above for a 2-D array, row by row (`axis=1`, with `keepdims=True` so the
# row values broadcast). **The grader checks:** small rows against the reference; several rows
# normalised separately; logits of $\pm 1000$ (no `nan`, no `-inf`); shift invariance (rows
# around 700 give the same answer as rows around 0); a $10^3 \times 100$ array; hidden random
# arrays. Return an array of the same shape as `z`.

# %% nbgrader={"grade": false, "grade_id": "log_softmax", "locked": false, "schema_version": 3, "solution": true, "task": false}
def log_softmax(z):
    """Log-softmax of each row of a 2-D array of logits.

    Parameters
    ----------
    z : array_like, shape (m, K)
        Logits: m examples (rows), K classes (columns).

    Returns
    -------
    ndarray, shape (m, K)
        log softmax(z) row by row: z_ri - log(sum_j exp(z_rj)), computed without overflow.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=1, keepdims=True)       # every exponent <= 0
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    ### END SOLUTION


# %%
# Try it: the row that broke the naive version, and a check that each row's probabilities sum to 1.
print(log_softmax(big))
print(np.exp(log_softmax([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])).sum(axis=1))

# %% nbgrader={"grade": true, "grade_id": "test_log_softmax", "locked": true, "schema_version": 3, "solution": false, "task": false, "points": 10}
from autograder.notebook import grade
grade("log_softmax")

# %% [markdown]
# ## 2 · The loss: cross-entropy from logits
#
# For one example with target distribution $y$ (a one-hot row for a hard label) the loss is the
# cross-entropy of notebook 2 between the target and the model's softmax,
# $H(y, \operatorname{softmax}(z)) = -\sum_i y_i \log \operatorname{softmax}(z)_i$. For a batch,
# the **mean over the $m$ rows**:
#
# $$L(z, y) = \frac1m \sum_{r=1}^m H\bigl(y_r, \operatorname{softmax}(z_r)\bigr)
#           = -\frac1m \sum_{r=1}^m \log \operatorname{softmax}(z_r)_{c_r}
#           \quad\text{for hard labels } c_r .$$
#
# The right-hand form is the average **negative log-likelihood** of the true classes, which is why
# notebook 3's maximum likelihood and this loss are the same thing.
#
# ### Exercise 2: `softmax_cross_entropy(logits, labels)`
#
# `labels` comes in two shapes: `(m,)` integer class indices (`[2, 0, 1]`), or `(m, K)` rows of
# probabilities (soft labels, for example from label smoothing). Use your `log_softmax`, and keep
# the convention $0 \cdot \log 0 = 0$ for classes with $y_{ri} = 0$. **The grader checks:** both
# kinds of labels; logits of $\pm 1000$ (the loss of `[[1000, -1000]]` with label 1 is exactly
# 2000); that it is a mean (repeating the rows changes nothing); shift invariance; that row by row
# it equals `cross_entropy(y_r, softmax(z_r))`; $10^3$ rows of 100 classes; hidden random cases.
# Return a float.

# %% nbgrader={"grade": false, "grade_id": "softmax_cross_entropy", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_cross_entropy(logits, labels):
    """Mean cross-entropy of the softmax of each row of logits against its label.

    Parameters
    ----------
    logits : array_like, shape (m, K)
    labels : array_like, shape (m,) of class indices, or shape (m, K) of probability rows

    Returns
    -------
    float
        -(1/m) * sum over rows r and classes i of y_ri * log softmax(z_r)_i, with 0 log 0 = 0.
    """
    ### BEGIN SOLUTION
    logp = log_softmax(logits)
    labels = np.asarray(labels)
    m = logp.shape[0]
    if labels.ndim == 1:                              # class indices: pick one entry per row
        return float(-logp[np.arange(m), labels].sum() / m)
    y = labels.astype(float)
    return float(-np.sum(np.where(y > 0, y * logp, 0.0)) / m) + 0.0
    ### END SOLUTION


# %%
# Try it: two classes at 0 and 0 cost log 2; a confident mistake costs 2000, not inf.
print(softmax_cross_entropy([[0.0, 0.0]], [1]), np.log(2))
print(softmax_cross_entropy([[1000.0, -1000.0]], [1]))
print(softmax_cross_entropy([[2.0, 0.0]], [[1.0, 0.0]]), softmax_cross_entropy([[2.0, 0.0]], [0]))

# %% nbgrader={"grade": true, "grade_id": "test_softmax_cross_entropy", "locked": true, "schema_version": 3, "solution": false, "task": false, "points": 10}
from autograder.notebook import grade
grade("softmax_cross_entropy")

# %% [markdown]
# ## 3 · The gradient
#
# Write $s = \operatorname{softmax}(z)$ for one row with a target row $y$ that sums to 1. Since
# $\log s_i = z_i - \log\sum_j e^{z_j}$ and $\partial \log\sum_j e^{z_j} / \partial z_k = s_k$,
#
# $$\frac{\partial}{\partial z_k}\Bigl(-\sum_i y_i \log s_i\Bigr)
#   = -y_k + \Bigl(\sum_i y_i\Bigr) s_k = s_k - y_k .$$
#
# The mean over $m$ rows divides each row's gradient by $m$:
# $\nabla_z L = (\operatorname{softmax}(z) - y)/m$, with $y$ one-hot for class indices. Each
# row sums to $1 - 1 = 0$: raising every logit of a row together changes nothing.
#
# ### Exercise 3: `softmax_cross_entropy_grad(logits, labels)`
#
# Return the $(m, K)$ array $(\operatorname{softmax}(z) - y)/m$, for both kinds of labels.
# Compute softmax stably (subtract the row maximum). **The grader checks:** both kinds of labels;
# logits of $\pm 1000$ (no `nan`); that rows sum to 0; agreement with central differences of the
# loss; a $10^3 \times 100$ array; hidden random cases. Gradient entries are small (of order
# $1/m$), so the tolerance is relative to $1/m$, not an absolute $10^{-12}$.

# %% nbgrader={"grade": false, "grade_id": "softmax_cross_entropy_grad", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_cross_entropy_grad(logits, labels):
    """Gradient of softmax_cross_entropy with respect to the logits.

    Parameters
    ----------
    logits : array_like, shape (m, K)
    labels : array_like, shape (m,) of class indices, or shape (m, K) of probability rows

    Returns
    -------
    ndarray, shape (m, K)
        (softmax(logits) - y) / m, where y is the one-hot form of class-index labels.
    """
    ### BEGIN SOLUTION
    logp = log_softmax(logits)
    m = logp.shape[0]
    labels = np.asarray(labels)
    if labels.ndim == 1:
        y = np.zeros(logp.shape)
        y[np.arange(m), labels] = 1.0                 # one-hot rows from class indices
    else:
        y = labels.astype(float)
    return (np.exp(logp) - y) / m
    ### END SOLUTION


# %% [markdown]
# Before trusting a gradient, compare it with **central differences**: nudge one logit by $\pm h$
# and divide the change of the loss by $2h$. The error of a central difference is about
# $h^2 f'''/6$ (the curve is not a straight line) plus $\varepsilon |L| / h$ (rounding in the two
# loss values, $\varepsilon \approx 2.2 \times 10^{-16}$); $h \approx \varepsilon^{1/3} \approx
# 6 \times 10^{-6}$ balances the two ($h^2 = \varepsilon / h \approx 4 \times 10^{-11}$), so expect
# differences of order $10^{-11}$ to $10^{-10}$ for losses and third derivatives of order 1.

# %%
rng = np.random.default_rng(0)
z_check = rng.normal(size=(4, 3))
c_check = np.array([0, 2, 1, 1])
h = np.finfo(float).eps ** (1 / 3)
numeric = np.zeros_like(z_check)
for r in range(z_check.shape[0]):
    for i in range(z_check.shape[1]):
        step = np.zeros_like(z_check)
        step[r, i] = h
        numeric[r, i] = (softmax_cross_entropy(z_check + step, c_check)
                         - softmax_cross_entropy(z_check - step, c_check)) / (2 * h)
analytic = softmax_cross_entropy_grad(z_check, c_check)
print("largest difference:", np.abs(numeric - analytic).max())
print("row sums of the gradient:", analytic.sum(axis=1))

# %% nbgrader={"grade": true, "grade_id": "test_softmax_cross_entropy_grad", "locked": true, "schema_version": 3, "solution": false, "task": false, "points": 10}
from autograder.notebook import grade
grade("softmax_cross_entropy_grad")

# %% [markdown]
# ## 4 · Why cross-entropy trains where squared error stalls
#
# Take one example with two classes and true label $y = 1$; the model predicts
# $p = \sigma(z)$ from a logit $z$. Two candidate losses:
#
# * cross-entropy $-\log p$, with $\dfrac{d}{dz} = p - 1$ (the 2-class case of $s - y$);
# * squared error on the probability $(p - 1)^2$, with $\dfrac{d}{dz} = 2(p - 1)\,p(1 - p)$.
#
# The extra factor $p(1 - p) = \sigma'(z)$ vanishes when the model is confident. When it is
# confidently *wrong* ($z \ll 0$, so $p \approx 0$), squared error's gradient is almost 0: the
# model barely moves exactly when it most needs to. Cross-entropy's gradient is close to $-1$
# there: the worse the mistake, the harder the push.

# %%
z_line = np.linspace(-10, 10, 401)
p_line = 1 / (1 + np.exp(-z_line))
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(z_line, p_line - 1, label=r"cross-entropy $-\log p$:  $p - 1$")
ax.plot(z_line, 2 * (p_line - 1) * p_line * (1 - p_line),
        label=r"squared error $(p-1)^2$:  $2(p-1)\,p(1-p)$")
ax.axhline(0, color="grey", lw=0.8)
ax.set_xlabel("logit z of the true class (p = σ(z))")
ax.set_ylabel("dL/dz")
ax.set_title("Gradient of the loss with respect to the logit, true label y = 1")
ax.legend()
plt.show()

# %% [markdown]
# ## 5 · Training a softmax regression
#
# Now a classifier. Three classes of points in the plane, each a Gaussian blob, plus 18 features
# of pure noise, so that a model fitted to few examples has something to overfit. The model is
# linear in the features, $z = XW + b$ (row $r$ of $X$ is the input $\mathbf{u}_r$ of example $r$,
# as in notebook 3), followed by softmax: **softmax regression** (logistic
# regression for more than two classes). By the chain rule, with $G = \nabla_z L$ from your
# gradient function, $\nabla_W L = X^\top G$ and $\nabla_b L = \sum_r G_r$.

# %%
def make_data(m, seed):
    """m examples: 2 informative features (three Gaussian blobs) and 18 noise features."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 1.5], [-1.3, -0.75], [1.3, -0.75]])
    labels = rng.integers(0, 3, m)
    signal = centres[labels] + rng.normal(scale=0.9, size=(m, 2))
    noise = rng.normal(size=(m, 18))
    return np.hstack([signal, noise]), labels


X_train, c_train = make_data(90, seed=1)
X_test, c_test = make_data(5000, seed=2)
W = np.zeros((X_train.shape[1], 3))
b = np.zeros(3)
rate, steps = 0.5, 400
history = []
for step in range(steps):
    z_train = X_train @ W + b
    G = softmax_cross_entropy_grad(z_train, c_train)
    W -= rate * (X_train.T @ G)
    b -= rate * G.sum(axis=0)
    history.append((softmax_cross_entropy(z_train, c_train),
                    softmax_cross_entropy(X_test @ W + b, c_test)))
history = np.array(history)
print(f"loss before training: {softmax_cross_entropy(np.zeros((90, 3)), c_train):.4f}"
      f"  (log 3 = {np.log(3):.4f})")
print(f"after {steps} steps: training {history[-1, 0]:.4f}, held-out {history[-1, 1]:.4f} nats")

# %% [markdown]
# The training loss *is* the average negative log-likelihood of the true classes: the two
# numbers below are the same computation written two ways.

# %%
z_train = X_train @ W + b
nll = -np.mean(log_softmax(z_train)[np.arange(len(c_train)), c_train])
print(softmax_cross_entropy(z_train, c_train), nll)

# %%
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(history[:, 0], label="training (90 examples)")
ax.plot(history[:, 1], label="held-out (5000 examples)")
ax.axhline(np.log(3), color="grey", ls=":", label="log 3: uniform guess")
ax.set_xlabel("gradient-descent step")
ax.set_ylabel("mean cross-entropy (nats per example)")
ax.set_title("Training and held-out loss of the softmax regression")
ax.legend()
plt.show()

# %% [markdown]
# The training loss keeps falling, towards 0; the held-out loss falls for the first twenty or so
# steps, to about 0.42 nats, then rises again (to about twice that by step 400) as the weights on
# the 18 noise features fit the particular 90 examples: **overfitting**. Stopping early, fewer
# features or more data would keep the held-out loss near its minimum. Only the held-out loss estimates the
# cross-entropy between the model and *new* data, the number that matters.
#
# **Units.** A loss in nats divided by $\ln 2$ is in bits per example. Its exponential is the
# **perplexity**: the model is as uncertain, on average, as a uniform choice among that many
# classes. An untrained model with three classes has perplexity exactly 3.

# %%
test_loss = softmax_cross_entropy(X_test @ W + b, c_test)
print(f"held-out loss: {test_loss:.4f} nats = {test_loss / np.log(2):.4f} bits per example")
print(f"perplexity: {np.exp(test_loss):.3f} (out of 3 classes)")

# %% [markdown]
# ## 6 · No features at all: the loop back to notebook 3
#
# Strip the model down to a bias. Two classes (miss 0, make 1), logits $(0, b)$ for every
# example, so $P(\text{make}) = \sigma(b)$. Training $b$ by gradient descent on 50 free throws of
# a 70% shooter, like those of notebook 3, should land where maximum likelihood did:
# $\sigma(b) = k/m$, the fraction of throws made. The gradient with respect to $b$ is the sum of
# column 1 of your gradient.

# %%
throws = (np.random.default_rng(3).random(50) < 0.7).astype(int)
k, m = throws.sum(), throws.size
b_coin = 0.0
for step in range(2000):
    z_coin = np.column_stack([np.zeros(m), np.full(m, b_coin)])
    b_coin -= 2.0 * softmax_cross_entropy_grad(z_coin, throws)[:, 1].sum()
print(f"sigma(b) = {1 / (1 + np.exp(-b_coin)):.6f},  k/m = {k}/{m} = {k / m:.6f}")

# %% [markdown]
# ## 7 · Is the trained model calibrated?
#
# A model is **calibrated** when, among the cases where it says "70%", the event happens about 70%
# of the time. Sort every held-out (example, class) pair by its predicted probability into ten
# bins and compare each bin's average prediction with how often that class was the true one.

# %%
probs = np.exp(log_softmax(X_test @ W + b))
truth = np.zeros_like(probs)
truth[np.arange(len(c_test)), c_test] = 1.0
edges = np.linspace(0, 1, 11)
which = np.clip(np.digitize(probs.ravel(), edges) - 1, 0, 9)
mean_pred = np.array([probs.ravel()[which == i].mean() for i in range(10) if np.any(which == i)])
freq = np.array([truth.ravel()[which == i].mean() for i in range(10) if np.any(which == i)])
fig, ax = plt.subplots(figsize=(5, 5))
ax.plot([0, 1], [0, 1], color="grey", ls=":", label="perfect calibration")
ax.plot(mean_pred, freq, "o-", label="softmax regression")
ax.set_xlabel("predicted probability (bin average)")
ax.set_ylabel("observed frequency of the class")
ax.set_title("Calibration of the trained classifier on held-out data")
ax.legend()
plt.show()

# %% [markdown]
# Points below the diagonal on the right mean the model is **overconfident**: what it calls 90%
# happens less often. Fitted to 90 examples with 20 features it has learnt some noise as if it
# were signal, and its held-out loss pays for that (section 5).
#
# ## Questions
#
# **Q1 (predict).** Without running code. **(a)** A colleague starts a 10-class classifier with
# all weights zero and every bias equal to $5$ instead of $0$. What is its loss at the first step,
# in nats and in bits, and its perplexity, whatever the data? **(b)** On a data set where 90% of the
# examples are class 1 and the rest are spread evenly over the other nine classes, the model is
# stripped down to its bias vector $b$ alone (no features, as in section 6). Which $\operatorname{softmax}(b)$
# does gradient descent converge to, what is the loss there, and how much lower is it than in (a)?

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_initial_loss", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# (a) All ten logits of every example are equal ($5$), and softmax ignores a common shift, so the
# prediction is uniform: each example costs $-\log\frac1{10} = \log 10 \approx 2.303$ nats
# $\approx 3.32$ bits whatever its label, and the perplexity is $10$. The $5$ changes nothing.
# (b) Without features every example gets the same prediction $q = \operatorname{softmax}(b)$, so
# the loss is the cross-entropy $H(f, q)$ with the class frequencies
# $f = (0.9, \frac{0.1}{9}, \dots, \frac{0.1}{9})$, smallest at $q = f$ (Gibbs; section 6's
# $\sigma(b) = k/m$ for $K$ classes). The loss there is
# $H(f) = -0.9\ln 0.9 - 0.1\ln\frac{1}{90} \approx 0.545$ nats (about $0.786$ bit, perplexity
# $\approx 1.72$), about $1.76$ nats below the uniform start. A trained model has to beat $0.545$,
# not $\log 10$, to have learnt anything from the features.
#
# **Rubric (2 points).** (a) 1 point: $\log 10$ nats, $\log_2 10$ bits, perplexity 10, with the
# reason (equal logits give a uniform softmax; the shift does not matter). (b) 1 point:
# $\operatorname{softmax}(b) = $ the class frequencies, with the reason (cross-entropy minimised at
# $q = f$), and the loss $H(f) \approx 0.55$ nats.

# %% [markdown]
# **Q2 (transfer).** A colleague trains a classifier with mean squared error between the softmax
# probabilities and the one-hot labels. At initialisation some examples are confidently
# misclassified (true-class probability $10^{-4}$). Using the figure of section 4, predict what
# happens to those examples in the first steps, and what you would change.

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_mse", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# Squared error's gradient with respect to the true class's logit carries the factor
# $p(1-p) \approx 10^{-4}$: it is $2(p-1)p(1-p) \approx -2\times10^{-4}$, against $-0.25$ for a
# borderline example ($p = \frac12$), so those examples push the weights about $1{,}250$ times less
# and stay misclassified for a long time (learning stalls on exactly the worst errors).
# Cross-entropy's gradient there is $p - 1 \approx -1$, the largest possible (5,000 times squared
# error's), so
# switching the loss to cross-entropy (on logits, with `log_softmax`) fixes it; a larger learning
# rate does not, because it also inflates the steps of the well-classified examples.
#
# **Rubric (2 points).** 1 point: the vanishing factor $p(1-p)$ and its consequence (slow or
# stalled learning on confident mistakes). 1 point: the fix, cross-entropy, with a reason.

# %% [markdown]
# **Q3 (critique).** A blog post says: "Cross-entropy training makes the network's predictions
# have low entropy, and that is why it works: low entropy means the model has learnt." Name what
# is right and what is wrong, with numbers from this notebook's training run: compute the mean
# entropy of the trained model's predictions on the held-out examples (your `log_softmax` gives
# the log-probabilities) and set it beside the held-out loss.

# %% [markdown] nbgrader={"grade": true, "grade_id": "answer_entropy_claim", "locked": false, "schema_version": 3, "solution": true, "task": false, "points": 2}
# Right: with one-hot labels the training loss falls by putting more probability on the true
# classes, so predictions do sharpen and their entropy does fall. Wrong: low entropy is not the
# objective and not evidence of learning. The objective is the cross-entropy $H(\hat p, q)$ between
# the data and the model; a model can have low entropy and be confidently wrong (high
# cross-entropy). After 400 steps the mean entropy of the held-out predictions is about $0.19$
# nats, while the held-out loss is about $0.86$ nats: the model is far surer than it has reason to
# be, and the calibration plot shows the same overconfidence. Stopped near step 18 the same model
# had more entropy (about $0.50$ nats) and a lower held-out loss ($0.42$): lower entropy, worse
# model.
#
# **Rubric (2 points).** 1 point: what is right (predictions sharpen). 1 point: why it is not the
# reason (the objective is cross-entropy with the data), with the evidence: a held-out entropy
# near $0.19$ nats far below the held-out loss near $0.86$ (or the rising held-out loss, or the
# calibration plot).

# %% [markdown]
# ## Summary
#
# * Logits are unnormalised log-probabilities; softmax normalises them and is unchanged by adding
#   a constant to a row.
# * Compute $\log\operatorname{softmax}$ as $(z - z_{\max}) - \log\sum e^{z - z_{\max}}$: never
#   `exp` a large logit, never take the log of a probability that may have rounded to 0.
# * The softmax cross-entropy of a batch is the mean over examples of $H(y_r, \operatorname{softmax}(z_r))$,
#   the average negative log-likelihood of the labels; its gradient is $(\operatorname{softmax}(z) - y)/m$,
#   whose rows sum to 0, and central differences confirm it.
# * Cross-entropy pushes hardest on confident mistakes; squared error on probabilities barely
#   pushes them at all.
# * Gradient descent on this loss is maximum likelihood: with no features it recovers
#   $\sigma(b) = k/m$ of notebook 3.
# * Judge a model by its held-out loss (in nats, bits or perplexity) and its calibration, not by
#   its training loss or by how confident it is.
