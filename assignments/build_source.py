"""Source of truth for the instructor notebooks in ``source/xent/``.

The three notebooks are written here as Python data (markdown, code, solution, test and answer
cells) and rendered with nbformat, so that prose and code can be reviewed as one plain-text diff.
Do not edit the ``.ipynb`` files by hand: edit this file, then, from this folder::

    python build_source.py                        # rewrites source/xent/*.ipynb (outputs stripped)
    nbgrader generate_assignment xent --force     # rewrites release/xent/*.ipynb

``tests/test_notebooks.py`` fails when either step has been forgotten.

Cell kinds:

* ``md`` / ``code``: plain cells (prose, imports, demonstrations, figures);
* ``solution``: the student's function; the code between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION`` is replaced in the release by the stub in ``nbgrader_config.py``;
* ``test``: the locked autograded cell of one function (10 points); its last value is the score;
* ``answer``: a hand-graded markdown answer (2 points); the model answer written here becomes
  ``YOUR ANSWER HERE`` in the release.

Cell ids are derived from the grade id or the position, so regenerating gives identical files.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source" / "xent"

TEST_POINTS = 10
ANSWER_POINTS = 2


def _text(s: str) -> str:
    return textwrap.dedent(s).strip("\n")


def md(s: str) -> dict:
    return {"kind": "md", "source": _text(s)}


def code(s: str) -> dict:
    return {"kind": "code", "source": _text(s)}


def solution(grade_id: str, s: str) -> dict:
    return {"kind": "solution", "grade_id": grade_id, "source": _text(s)}


def test(function: str) -> dict:
    src = f'from autograder.notebook import grade\ngrade("{function}")'
    return {"kind": "test", "grade_id": f"test_{function}", "source": src}


def answer(grade_id: str, s: str) -> dict:
    return {"kind": "answer", "grade_id": grade_id, "source": _text(s)}


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points=None) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return meta


def render(cells: list[dict]) -> nbformat.NotebookNode:
    """Turn a list of cell specs into an nbformat v4 notebook with stable ids and no outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for index, spec in enumerate(cells):
        kind, source = spec["kind"], spec["source"]
        cell_id = spec.get("grade_id", f"cell-{index:02d}").replace("_", "-")
        if kind in ("md", "answer"):
            cell = nbformat.v4.new_markdown_cell(source, id=cell_id)
        else:
            cell = nbformat.v4.new_code_cell(source, id=cell_id)
        if kind == "solution":
            cell.metadata["nbgrader"] = _nbgrader(spec["grade_id"], grade=False, solution=True, locked=False)
        elif kind == "test":
            cell.metadata["nbgrader"] = _nbgrader(
                spec["grade_id"], grade=True, solution=False, locked=True, points=TEST_POINTS
            )
        elif kind == "answer":
            cell.metadata["nbgrader"] = _nbgrader(
                spec["grade_id"], grade=True, solution=True, locked=False, points=ANSWER_POINTS
            )
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


# --------------------------------------------------------------------------------------------------
# Notebook 1: entropy
# --------------------------------------------------------------------------------------------------

ENTROPY = [
    md(r"""
    # 1 · Entropy: how surprised should you expect to be?

    You are about to train your first classifier. You pick the layers, the activation functions, the
    optimiser and its learning rate, and then the loss, where every tutorial says the same thing:
    *use cross-entropy*. This assignment asks the question most of us skip: **why cross-entropy?**

    The answer takes three notebooks, and you build every piece of it yourself:

    1. **Entropy** (this notebook): one number for how unpredictable a random outcome is.
    2. **Relative entropy and cross-entropy** (notebook 2): what it costs to believe the wrong
       distribution.
    3. **Likelihood** (notebook 3): how to fit a model to data, and why doing so *is* minimising
       cross-entropy.

    **How the exercises work.** Each exercise gives you a function with its docstring and a line
    `raise NotImplementedError(...)`. Replace that line with your code (numpy only), run the cell,
    try your function in the cell below it, then run the grading cell. The grader calls your function
    on many inputs, including awkward ones, explains any mismatch, and the cell's last line shows the
    points you earned. Questions marked *graded by hand* go in the cells that say *YOUR ANSWER HERE*.
    """),
    code("""
    import numpy as np
    import matplotlib.pyplot as plt
    """),
    md(r"""
    ## 1. Surprise

    A weather station in a desert town records rain on about one day in fifty. When the morning report
    says *sunny*, nobody looks up; when it says *rain*, that's news. Let's give each outcome $x$ a
    number, its **surprise**, that behaves the way our reaction does:

    * an outcome that was certain to happen is no surprise at all;
    * the less probable the outcome, the larger the surprise;
    * for independent outcomes, surprises add up: rain on two unrelated days is twice the news of rain
      on one.

    One formula has all three properties, the logarithm of the inverse probability:

    $$ s(x) = \log\frac{1}{p(x)} = -\log p(x). $$

    A certain outcome gets $\log 1 = 0$; as $p(x)$ shrinks, $1/p(x)$ and its log grow; and for
    independent outcomes $p(x, y) = p(x)\,p(y)$, which the log turns into $s(x) + s(y)$. Remember this
    last property: in notebook 3 it saves a computation from collapsing to zero.
    """),
    code("""
    p_rain = 1 / 50
    p_sun = 1 - p_rain
    print(f"surprise of rain: {np.log(1 / p_rain):.3f} nats")
    print(f"surprise of sun:  {np.log(1 / p_sun):.3f} nats")
    print(f"rain on two independent days: {np.log(1 / p_rain**2):.3f} nats "
          f"= 2 x {np.log(1 / p_rain):.3f}")
    """),
    md(r"""
    ## 2. Entropy is the surprise you expect

    Surprise belongs to one outcome, known after the fact. Before the report arrives we don't know the
    outcome, but we know the odds, so we can ask how surprised we will be *on average*: weight each
    outcome's surprise by its probability. This expected surprise is the **entropy** of the
    distribution $p$ (equivalently, of a random variable $X$ drawn from $p$):

    $$ H(p) \;=\; \mathbb{E}_{X\sim p}\!\left[\log\frac{1}{p(X)}\right]
            \;=\; \sum_x p(x)\,\log\frac{1}{p(x)} \;=\; -\sum_x p(x)\,\log p(x). $$

    In the desert town, a rainy day is very surprising but rare, so it adds little to the average, and
    the common sunny days are barely surprising: the entropy is small, because the weather there is easy
    to predict. In a town where it rains on half of the days, every report is a coin toss and the
    entropy is much larger.
    """),
    code("""
    desert = np.array([49 / 50, 1 / 50])   # P(sunny), P(rain)
    coin_town = np.array([1 / 2, 1 / 2])
    for name, p in [("desert", desert), ("coin town", coin_town)]:
        surprise = np.log(1 / p)
        print(f"{name:9s}  surprises {np.round(surprise, 3)} nats"
              f"  ->  expected surprise {np.sum(p * surprise):.3f} nats")
    """),
    md(r"""
    ## 3. A certain outcome has zero entropy

    Take a distribution that puts all its mass on a single value $\hat{x}$: $p(\hat{x}) = 1$ and
    $p(x) = 0$ for every other $x$. Split the sum into the term for $\hat{x}$ and all the others:

    $$ H(p) = \underbrace{p(\hat{x})\log\frac{1}{p(\hat{x})}}_{=\,1\cdot\log 1\,=\,0}
       \;+\; \underbrace{\sum_{x\neq\hat{x}} p(x)\log\frac{1}{p(x)}}_{\text{each term has } p(x)\,=\,0}. $$

    The first term is zero because $\log 1 = 0$: the outcome we are sure of is no surprise. Each term
    of the second sum has the weight $p(x) = 0$, but its surprise $\log(1/0)$ is infinite. To call this
    sum zero we need the convention $0 \log 0 = 0$ (the same as $0\log\frac{1}{0} = 0$). With it the
    whole entropy is $0$: no uncertainty at all. The next section shows the convention is not a trick.
    """),
    md(r"""
    ## 4. Why $0 \log 0 = 0$

    Watch $f(x) = x \log x$ as $x$ shrinks to zero. The factor $\log x$ heads to $-\infty$, but only
    logarithmically slowly, while the factor $x$ goes to zero linearly, and the linear factor wins:

    $$ \lim_{x\to 0^+} x\log x \;=\; \lim_{x\to 0^+}\frac{\log x}{1/x}
       \;\overset{\text{l'Hôpital}}{=}\; \lim_{x\to 0^+}\frac{1/x}{-1/x^2}
       \;=\; \lim_{x\to 0^+}(-x) \;=\; 0. $$

    So setting $0\log 0 = 0$ simply makes $x\log x$ continuous at $0$: an outcome with a tiny
    probability adds a tiny amount to the entropy, and one with probability zero adds nothing. In words:
    *an outcome that never happens is never observed, so its infinite surprise is never paid.*
    """),
    code("""
    print(f"{'x':>8}  {'log x':>8}  {'x log x':>11}")
    for x in [1e-1, 1e-2, 1e-4, 1e-8, 1e-16, 1e-64, 1e-256]:
        print(f"{x:8.0e}  {np.log(x):8.1f}  {x * np.log(x):11.2e}")
    """),
    code(r"""
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
    """),
    md(r"""
    Floating-point arithmetic does not know the convention. `np.log(0.0)` is `-inf`, and `0.0 * -inf`
    is `nan` by the IEEE rules (numpy also prints warnings). A single `nan` term makes the whole sum
    `nan`. So your code must never take the log of a zero probability in the first place: select the
    entries with $p(x) > 0$ *before* taking logs.
    """),
    code("""
    p = np.array([0.5, 0.5, 0.0])
    with np.errstate(divide="ignore", invalid="ignore"):  # silence numpy's warnings for this demo
        print("0.0 * log(0.0)      =", 0.0 * np.log(0.0))
        print("naive -sum(p log p) =", -np.sum(p * np.log(p)), "  for p =", p)
    kept = p[p > 0]
    print("with p > 0 selected =", -np.sum(kept * np.log(kept)), "  (log 2 =", np.log(2), ")")
    """),
    md(r"""
    ## 5. Nats or bits: the base of the logarithm

    The base of the logarithm only chooses the unit. With the natural log, entropy is measured in
    **nats**; with $\log_2$ it is measured in **bits**, which you can read as the number of yes/no
    questions a clever questioner needs, on average, to find out the outcome (exactly so when the
    probabilities are powers of $\frac12$). Since $\log_b y = \ln y / \ln b$, changing the base divides
    every term by the same constant:

    $$ H_b(p) = \frac{H(p)}{\ln b}. $$

    A fair coin has $\ln 2 \approx 0.693$ nats of entropy, which is exactly $1$ bit. A fair
    eight-sided die has $\ln 8 \approx 2.079$ nats, or $3$ bits: three yes/no questions ("is it 5 or
    more?", ...) always find the face.
    """),
    md(r"""
    ## 6. How large can entropy be? $\;0 \le H(p) \le \log n$

    **Lower bound.** A probability is at most $1$, so every surprise $\log(1/p(x))$ is $\ge 0$, and an
    average of non-negative numbers is non-negative. $H(p) = 0$ exactly when one outcome is certain
    (section 3).

    **Upper bound.** On $n$ outcomes, the uniform distribution $p(x) = 1/n$ gives every outcome the same
    surprise $\log n$, so $H = \log n$. No distribution does better: $\log$ is concave, so the average of
    a log is at most the log of the average (Jensen's inequality), and

    $$ H(p) = \sum_{x:\,p(x)>0} p(x)\log\frac{1}{p(x)}
       \;\le\; \log\sum_{x:\,p(x)>0} p(x)\cdot\frac{1}{p(x)}
       \;=\; \log\,\bigl|\{x : p(x) > 0\}\bigr| \;\le\; \log n. $$

    Jensen's inequality is an equality only when the averaged quantity, here the surprise, is the same
    for every outcome: that is the uniform distribution. In plain terms, as soon as one outcome is more
    likely than another you have something to bet on, and the outcome becomes easier to predict.
    """),
    md(r"""
    ## Exercise 1 · `entropy(p, base=None)` (10 points)

    Implement the entropy of a discrete distribution given as a 1-D array of probabilities:

    $$ H_b(p) = -\sum_{i\,:\,p_i > 0} p_i \log_b p_i \qquad\text{(terms with } p_i = 0 \text{ are } 0\text{)}. $$

    * Use the natural log (nats) when `base` is `None`, otherwise the log in base `base` (`base=2`
      gives bits).
    * Zero probabilities contribute exactly $0$: no `nan`, and no warnings from numpy.
    * Return a Python `float`.

    You may assume the entries of `p` are non-negative and sum to 1.
    """),
    solution("entropy", '''
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
    '''),
    code("""
    # Try it: compare with the values worked out above.
    print(entropy([0.5, 0.5]), "nats for a fair coin; log 2 =", np.log(2))
    print(entropy([0.5, 0.5], base=2), "bit")
    print(entropy([1.0, 0.0, 0.0]), "for a certain outcome")
    print(entropy(np.full(8, 1 / 8), base=2), "bits for a fair eight-sided die")
    print(entropy(desert), "nats for the desert weather")
    """),
    test("entropy"),
    md(r"""
    Run this once your `entropy` passes. It draws a thousand random distributions on six outcomes and
    checks the bounds of section 6: none of them beats the fair die.
    """),
    code("""
    rng = np.random.default_rng(0)
    n = 6
    values = np.array([entropy(rng.dirichlet(np.ones(n))) for _ in range(1000)])
    print(f"1000 random distributions on {n} outcomes: entropy from {values.min():.3f} to {values.max():.3f} nats")
    print(f"fair die: {entropy(np.full(n, 1 / n)):.3f} nats = log {n} = {np.log(n):.3f}")
    """),
    md(r"""
    ## 7. The coin: the Bernoulli entropy curve

    A coin that lands heads with probability $\theta$ has entropy
    $H(\theta) = -\theta\log\theta - (1-\theta)\log(1-\theta)$. Run the cell once your `entropy`
    passes: it draws $H(\theta)$ in bits with your function.
    """),
    code(r"""
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
    """),
    md(r"""
    Read the curve: it is zero at both ends (a two-headed coin holds no surprise), it climbs steeply
    just inside them (a coin that lands heads 99% of the time is already noticeably unpredictable: the
    slope of $x\log x$ is infinite at $0$), and it is highest, $1$ bit, at $\theta = \frac12$.

    ## Question 1 (2 points, graded by hand)

    In a few sentences: **(a)** using the definition of entropy as expected surprise, explain why a fair
    coin is the hardest coin to predict, that is why $H(\theta)$ is largest at $\theta = \frac12$;
    **(b)** what does the convention $0\log 0 = 0$ say about an outcome that can never happen?
    """),
    answer("answer_fair_coin", r"""
    *Model answer.* (a) Entropy averages the surprise $\log(1/p)$ of the outcomes, weighted by how often
    they occur. If the coin favours one side, the favoured side comes up most of the time and carries
    little surprise, so the average is pulled down; only the rare side is surprising, and it is rare.
    At $\theta = \frac12$ both outcomes are equally likely and each carries $\log 2$ (one bit), the
    largest average possible for two outcomes ($H \le \log n$, with equality only for the uniform
    distribution). There is no side worth betting on, which is what "hardest to predict" means.
    (b) An outcome with probability $0$ is never observed, so its surprise, however large, is never
    paid: it contributes nothing to the average. The limit $x\log x \to 0$ shows this is continuous with
    outcomes that are merely very unlikely. Entropy only depends on the outcomes that can happen; adding
    impossible outcomes to the list does not change it.
    """),
    md(r"""
    **Next:** in notebook 2 the probabilities we use are no longer the true ones, and we measure what
    that costs.
    """),
]


# --------------------------------------------------------------------------------------------------
# Notebook 2: relative entropy and cross-entropy
# --------------------------------------------------------------------------------------------------

DIVERGENCE = [
    md(r"""
    # 2 · Relative entropy and cross-entropy: the price of a wrong belief

    Notebook 1 measured the uncertainty of a distribution $p$ that we know. In practice nobody hands us
    the true distribution of the data. We have a **model** $q$ instead: a forecaster's probabilities, or
    the softmax output of a classifier. This notebook puts a price on acting as if $q$ were true when
    the data really follow $p$. That price is the *relative entropy*, and cross-entropy falls out of it.
    """),
    code("""
    import numpy as np
    import matplotlib.pyplot as plt
    """),
    md(r"""
    ## 1. Paying for the wrong code

    Here is a concrete way to charge for a belief. You send each day's weather over an expensive link,
    so you design a code: short codewords for common outcomes, long ones for rare outcomes. The
    shortest average length is reached by giving outcome $x$ a codeword of about $\log\frac{1}{q(x)}$
    units (nats for $\ln$, bits for $\log_2$), its surprise under the distribution $q$ you designed
    the code for. If the weather really follows $q$, the average length is $H(q)$, the entropy, and no
    code does better.

    Now suppose the code was designed for $q$, but the weather follows $p$. Each day costs
    $\log\frac{1}{q(x)}$, averaged over the *true* frequencies $p$. Compared with the code designed for
    $p$, which would have cost $\log\frac{1}{p(x)}$, the extra cost per day is

    $$ D(p\,\|\,q) \;=\; \sum_x p(x)\left[\log\frac{1}{q(x)} - \log\frac{1}{p(x)}\right]
       \;=\; \sum_x p(x)\,\log\frac{p(x)}{q(x)}. $$

    This is the **relative entropy**, or **Kullback–Leibler divergence**, of $q$ from $p$: the
    inefficiency of believing $q$ when the truth is $p$, in extra nats per observation.

    An example: in a city, days are sunny, cloudy or rainy with probabilities $p = (0.6, 0.3, 0.1)$. A
    forecaster with no idea uses $q = (\frac13, \frac13, \frac13)$.
    """),
    code("""
    p = np.array([0.6, 0.3, 0.1])        # the truth: sunny, cloudy, rainy
    q = np.array([1, 1, 1]) / 3          # the clueless forecaster's model
    cost_true_code = np.sum(p * np.log(1 / p))    # average codeword length of the code built for p
    cost_wrong_code = np.sum(p * np.log(1 / q))   # ... of the code built for q, on weather from p
    print(f"code built for p: {cost_true_code:.4f} nats/day")
    print(f"code built for q: {cost_wrong_code:.4f} nats/day")
    print(f"extra cost:       {cost_wrong_code - cost_true_code:.4f} nats/day"
          f"  = sum p log(p/q) = {np.sum(p * np.log(p / q)):.4f}")
    """),
    md(r"""
    ## 2. Cross-entropy = entropy + divergence

    Expand the logarithm of the ratio, $\log\frac{p(x)}{q(x)} = \log\frac{1}{q(x)} - \log\frac{1}{p(x)}$:

    $$ D(p\,\|\,q) \;=\; \underbrace{\sum_x p(x)\log\frac{1}{q(x)}}_{H(p,\,q)}
       \;-\; \underbrace{\sum_x p(x)\log\frac{1}{p(x)}}_{H(p)}. $$

    The second sum is the entropy of $p$. The first is the **cross-entropy** of $q$ relative to $p$,
    the average surprise of $q$ on outcomes drawn from $p$ (the cost of the wrong code above):

    $$ H(p, q) \;=\; -\sum_x p(x)\log q(x) \;=\; H(p) + D(p\,\|\,q). $$

    Read it as *cross-entropy = the uncertainty that is in the data anyway + the penalty for the model
    being wrong*. When $p$ is the data and $q$ the model, the first part does not depend on the model at
    all, so **lowering the cross-entropy and lowering the divergence are the same job.** Note also that
    $H(p, p) = H(p)$. Both facts return in notebook 3.
    """),
    md(r"""
    ## 3. The divergence is never negative (Gibbs' inequality)

    Intuitively, no code can beat the one built for the truth. The proof uses one inequality,
    $\ln t \le t - 1$ for $t > 0$, with equality only at $t = 1$ (the tangent line at $t = 1$ lies above
    the concave log). Apply it to $t = q(x)/p(x)$ for each $x$ with $p(x) > 0$:

    $$ -D(p\,\|\,q) = \sum_{x:\,p(x)>0} p(x)\ln\frac{q(x)}{p(x)}
       \;\le\; \sum_{x:\,p(x)>0} p(x)\left(\frac{q(x)}{p(x)} - 1\right)
       = \sum_{x:\,p(x)>0} q(x) \;-\; 1 \;\le\; 0. $$

    So $D(p\,\|\,q) \ge 0$, and hence $H(p, q) \ge H(p)$: a model's cross-entropy can never go below the
    entropy of the data. Equality needs $q(x) = p(x)$ wherever $p(x) > 0$, and no mass of $q$ elsewhere:
    $D(p\,\|\,q) = 0$ exactly when $q = p$. (In another base, $D$ is divided by a positive constant and
    stays $\ge 0$.)
    """),
    md(r"""
    ## 4. When the model rules out what can happen: $D = +\infty$

    If $q(x) = 0$ for some $x$ with $p(x) > 0$, the term $p(x)\log\frac{p(x)}{0}$ is $+\infty$, so
    $D(p\,\|\,q) = +\infty$ and $H(p,q) = +\infty$. In the coding story, $q$ promised that $x$ never
    happens, so its code has no codeword for $x$: the first time $x$ occurs, the message cannot be sent
    at any price.

    For a classifier this is the model that is completely sure and wrong: giving probability $0$ to the
    class that turns out to be the label costs an infinite loss, and nothing the model does on other
    examples can make up for it. Cross-entropy therefore punishes overconfidence very hard, and a
    trained model keeps some probability on every class. It is also why deep-learning libraries
    compute the loss from logits (log-probabilities) rather than from a probability that may have been
    rounded to exactly $0$.

    The opposite case is harmless: if $p(x) = 0$ but $q(x) > 0$, the term is $0\cdot\log\frac{0}{q(x)} = 0$
    by the convention of notebook 1. Probability wasted on an impossible outcome is only paid for
    indirectly, because it is missing from the outcomes that do happen.
    """),
    md(r"""
    ## Exercise 2 · `kl_divergence(p, q)` (10 points)

    Implement

    $$ D(p\,\|\,q) = \sum_{i\,:\,p_i > 0} p_i \log\frac{p_i}{q_i} \qquad\text{(natural log)}. $$

    * Terms with $p_i = 0$ are $0$, whatever $q_i$ is.
    * Return `+inf` (`np.inf`) when some $q_i = 0$ where $p_i > 0$, without warnings.
    * Return a Python `float`. `p` and `q` have the same length; assume both are valid distributions.
    * Tiny probabilities such as `1e-300` must work: $\log p_i - \log q_i$ stays finite where the
      ratio $p_i/q_i$ might overflow.
    """),
    solution("kl_divergence", '''
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
    '''),
    code("""
    # Try it
    p = np.array([0.6, 0.3, 0.1])
    print(kl_divergence(p, [1 / 3, 1 / 3, 1 / 3]), "extra nats per day for the clueless forecaster")
    print(kl_divergence(p, p), "= D(p || p)")
    print(kl_divergence(p, [0.7, 0.3, 0.0]), "for a forecaster who rules out rain")
    print(kl_divergence([0.7, 0.3, 0.0], p), "the other way round")
    """),
    test("kl_divergence"),
    md(r"""
    ## 5. Not a distance: $D(p\,\|\,q) \neq D(q\,\|\,p)$

    The divergence is sometimes called the KL *distance*, but it is not symmetric, and the difference
    matters. $D(p\,\|\,q)$ averages $\log\frac{p}{q}$ over $p$: it looks where $p$ puts its mass and
    asks how badly $q$ covers it. $D(q\,\|\,p)$ averages over $q$: it asks whether $q$ puts its mass
    where $p$ has little.

    Run the cell once your `kl_divergence` passes. *Left:* a distribution $p$ with two bumps and two
    candidate models, a wide $q$ spread over both bumps and a narrow $q$ sitting on one of them.
    *Right:* coins. With $p$ = Bernoulli$(0.2)$ fixed and $q_\theta$ = Bernoulli$(\theta)$, the two
    divergences as functions of $\theta$. Both vanish at $\theta = 0.2$ only, but they are different
    curves. Near the ends, where $q_\theta$ comes close to ruling out an outcome that $p$ allows,
    $D(p\,\|\,q_\theta)$ grows without bound (slowly, like $-\log\theta$) and is $+\infty$ at
    $\theta = 0$ and $1$, while $D(q_\theta\,\|\,p)$ stays finite all the way.
    """),
    code(r"""
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
    ax1.set_title("Which model is closer depends on the direction")
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
    """),
    md(r"""
    In the left panel, $D(p\,\|\,q)$ prefers the wide model: the narrow one leaves a whole bump of $p$
    almost uncovered, and on those outcomes $\log\frac{p}{q}$ is huge. $D(q\,\|\,p)$ prefers the narrow
    model: everything it predicts is plausible under $p$, while the wide one puts mass in the valley
    between the bumps where $p$ is small.

    Which direction does training use? In $H(p,q) = H(p) + D(p\,\|\,q)$ the data play $p$ and the model
    plays $q$. Minimising the cross-entropy minimises $D(p_\text{data}\,\|\,q_\text{model})$: the
    direction that insists the model covers everything that happens in the data, and charges $+\infty$
    for ruling out something that does happen.
    """),
    md(r"""
    ## 6. Cross-entropy for a classifier

    A classifier with $K$ classes reads an input, say a photo, and outputs a probability vector
    $q = (q_1, \dots, q_K)$, typically from a softmax. The target for that input is also a distribution
    $p$ over the $K$ classes, and the loss on the example is the cross-entropy
    $H(p, q) = -\sum_k p_k \log q_k$, averaged over the training set. Nothing requires $K = 2$: $p$ and
    $q$ are vectors of any length $K \ge 2$, and the two-class case of notebook 3 is $K = 2$.

    **Hard targets.** The usual label says *this photo is class $k$*: $p$ is the one-hot vector $e_k$,
    with $1$ at position $k$ and $0$ elsewhere. Every term with $p_j = 0$ drops out, and

    $$ H(e_k, q) = -\sum_j (e_k)_j \log q_j = -\log q_k. $$

    **Only the probability of the true class matters.** How the model shares the remaining $1 - q_k$
    among the wrong classes does not change the loss. (It matters only indirectly: the $q_j$ sum to 1,
    so raising $q_k$ takes probability away from the others.) Since $H(e_k) = 0$, here cross-entropy
    and divergence are equal, $H(e_k, q) = D(e_k\,\|\,q)$, and the minimum, $0$, requires $q_k = 1$: a
    hard target always asks for more confidence.

    **Soft targets.** Sometimes the target itself is spread out. Five people label a blurry photo of an
    animal: three say *fox*, two say *dog*, nobody says *cat*, so the target over (cat, dog, fox) is
    $p = (0, 0.4, 0.6)$. Or *label smoothing* replaces the one-hot target by
    $(1-\varepsilon)\,e_k + \varepsilon/K$ on purpose, to keep the model from becoming certain. Now every
    class with $p_j > 0$ has a say in the loss, and by Gibbs' inequality the best prediction is
    $q = p$, where the loss is $H(p) > 0$ rather than $0$: the model is rewarded for matching the
    labellers' uncertainty, not for being sure.
    """),
    md(r"""
    ## Exercise 3 · `cross_entropy(p, q)` (10 points)

    Implement the categorical cross-entropy of a prediction $q$ against a target $p$:

    $$ H(p, q) = -\sum_{i\,:\,p_i > 0} p_i \log q_i \qquad\text{(natural log)}. $$

    * `p` is the target: one-hot (hard) or any distribution (soft). `q` is the prediction.
    * Classes with $p_i = 0$ contribute $0$, whatever $q_i$ is (even $q_i = 0$).
    * Return `+inf` when some $q_i = 0$ where $p_i > 0$, without warnings.
    * Return a Python `float`.
    """),
    solution("cross_entropy", '''
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
    '''),
    code("""
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
    """),
    test("cross_entropy"),
    md(r"""
    Run this once your `cross_entropy` passes. The blurry photo again: the model predicts
    $q = (0,\, 1-t,\, t)$ with $t$ the probability of *fox*. With the hard target *fox* the loss
    $-\log t$ keeps falling all the way to $t = 1$. With the soft target $(0, 0.4, 0.6)$ the loss is
    smallest at $t = 0.6$, where it equals $H(p)$, and it climbs to $+\infty$ at *both* ends: the model
    is punished for being sure in either direction.
    """),
    code(r"""
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
    """),
    md(r"""
    ## Question 2 (2 points, graded by hand)

    $D(p\,\|\,q)$ and $D(q\,\|\,p)$ are different. **(a)** When a classifier is trained by minimising
    cross-entropy against the data, which of the two is being made small, and why does the other
    part of the cross-entropy not matter? **(b)** Using the figures above, what happens to a model that
    gives probability $0$ (or almost $0$) to something that does occur in the data, and to a model that
    gives probability to something that never occurs?
    """),
    answer("answer_asymmetry", r"""
    *Model answer.* (a) With the data as $p$ and the model as $q$,
    $H(p, q) = H(p) + D(p\,\|\,q)$. $H(p)$ is fixed by the data and does not change with the model's
    parameters, so minimising the cross-entropy minimises $D(p_\text{data}\,\|\,q_\text{model})$, the
    divergence averaged over what the data actually do. $D(q\,\|\,p)$ is not what training reduces.
    (b) In $D(p\,\|\,q)$, an outcome with $p > 0$ and $q \to 0$ contributes $p\log(p/q) \to +\infty$:
    a model that rules out something that happens pays an unbounded (in the limit infinite) cost, which
    is why the loss punishes confident mistakes so hard and prefers the wide model in the two-bump
    figure. An outcome with $p = 0$ contributes $0$ whatever $q$ is: putting probability on things that
    never happen is only paid for indirectly, through the probability it takes away from the outcomes
    that do happen, which is a finite cost.
    """),
    md(r"""
    **Next:** notebook 3 starts somewhere else entirely, from fitting a model by maximum likelihood,
    and arrives at this same cross-entropy.
    """),
]


# --------------------------------------------------------------------------------------------------
# Notebook 3: likelihood
# --------------------------------------------------------------------------------------------------

LIKELIHOOD = [
    md(r"""
    # 3 · Maximum likelihood: where the cross-entropy loss comes from

    Notebooks 1 and 2 built entropy, divergence and cross-entropy as ways of measuring distributions.
    This notebook starts from a different idea: *fit a model by making the observed data as probable as
    possible*. Following that idea step by step leads to cross-entropy on its own:

    > likelihood → log-likelihood → negative log-likelihood → cross-entropy
    """),
    code("""
    import numpy as np
    import matplotlib.pyplot as plt
    """),
    md(r"""
    ## 1. The likelihood, and why it is a product

    We observe $m$ examples $x_1, \dots, x_m$, drawn **independently** from one unknown distribution
    $p_\text{data}$ (*i.i.d.*: independent and identically distributed), and we have a family of models
    $p_\text{model}(x;\theta)$ with a parameter $\theta$ to choose.

    The running example is a basketball player's free throws: $x_i = 1$ if the $i$-th throw goes in,
    $0$ if it misses. The model says every throw goes in with the same probability $\theta$:

    $$ p_\text{model}(x;\theta) = \theta^{x}\,(1-\theta)^{1-x}. $$

    The exponents act as a **switch**: for $x = 1$ the formula gives $\theta^1(1-\theta)^0 = \theta$,
    for $x = 0$ it gives $1-\theta$.

    The **likelihood** of $\theta$ is the probability the model assigns to the *whole* data set we saw.
    **Why multiply?** Because the throws are independent, and the probability that several independent
    events all happen is the product of their probabilities, just as two independent dice both show a
    six with probability $\frac16\cdot\frac16$:

    $$ L(\theta) = p_\text{model}(x_1, \dots, x_m;\theta) = \prod_{i=1}^{m} p_\text{model}(x_i;\theta). $$

    Without independence this joint probability would not factor, and we would need a model of how the
    throws influence each other. The **maximum likelihood estimate** is the parameter that makes the
    observed data most probable:

    $$ \hat\theta_\text{ML} = \arg\max_\theta \prod_{i=1}^{m} p_\text{model}(x_i;\theta). $$
    """),
    code("""
    rng = np.random.default_rng(0)
    shots = (rng.random(40) < 0.7).astype(int)      # 40 free throws by a 70% shooter
    print(shots)
    print(f"{shots.sum()} made out of {shots.size}")
    for theta in [0.5, 0.7, 0.9]:
        factors = np.where(shots == 1, theta, 1 - theta)   # the switch: theta or 1 - theta
        print(f"theta = {theta}:  L(theta) = product of {shots.size} factors = {np.prod(factors):.3e}")
    """),
    md(r"""
    ## 2. The product underflows

    Every factor is at most $1$, so the product shrinks geometrically as $m$ grows. A float64 cannot
    hold a positive number smaller than about $4.9\times10^{-324}$ (and below $2.2\times10^{-308}$ it
    has already been losing digits); anything smaller is rounded to exactly `0.0`. A season of free
    throws is enough. Once the likelihood is `0.0` it is `0.0` for every reasonable $\theta$, and
    "the $\theta$ with the largest likelihood" no longer means anything. The figure follows the running
    product over a season of 2000 throws, at the true $\theta = 0.7$.
    """),
    code(r"""
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
    """),
    md(r"""
    ## 3. Take logs: the sum keeps the same maximiser

    The logarithm is strictly increasing: if $L(\theta_1) > L(\theta_2)$ then
    $\log L(\theta_1) > \log L(\theta_2)$. So the $\theta$ that maximises $\log L$ also maximises $L$,
    and the log turns the product into a sum:

    $$ \hat\theta_\text{ML} = \arg\max_\theta \sum_{i=1}^{m} \log p_\text{model}(x_i;\theta). $$

    Each term is a moderate negative number (about $-0.36$ for a made throw at $\theta = 0.7$, $-1.2$ for
    a miss), and a sum of two thousand of them is around $-1200$: nothing underflows. This is the
    additivity of surprise from notebook 1: the log-likelihood is minus the total surprise of the data
    under the model.

    For the Bernoulli model, group the $k$ ones and the $n - k$ zeros among the $n$ samples:

    $$ \log L(\theta) = \sum_{i=1}^{n}\bigl[x_i\log\theta + (1-x_i)\log(1-\theta)\bigr]
                      = k\log\theta + (n-k)\log(1-\theta). $$

    Edge cases follow the $0\log 0 = 0$ convention. With $\theta = 0$ and no ones at all, the data were
    certain under the model: $L = 1$, $\log L = 0$. With $\theta = 0$ and a single one, the model called
    the data impossible: $\log L = -\infty$. Numerically, $1 - \theta$ rounds to $1$ when $\theta$ is
    tiny, so compute $\log(1-\theta)$ as `np.log1p(-theta)`, which stays accurate.
    """),
    md(r"""
    ## Exercise 4 · `bernoulli_log_likelihood(x, theta)` (10 points)

    Return $\log L(\theta) = k\log\theta + (n-k)\log(1-\theta)$ for 0/1 samples `x`.

    * Sum log-probabilities (or use the counts $k$ and $n-k$). **Never** form the product: it underflows
      for large samples.
    * $0\log 0 = 0$: with `theta = 0` and every sample 0 the answer is `0.0`; likewise with
      `theta = 1` and every sample 1.
    * An impossible sample (a 1 when `theta = 0`, a 0 when `theta = 1`) gives `-inf`, without warnings.
    * Use `np.log1p(-theta)` for $\log(1-\theta)$. Return a Python `float`.
    """),
    solution("bernoulli_log_likelihood", '''
    def bernoulli_log_likelihood(x, theta):
        """Log-likelihood of 0/1 samples under a Bernoulli(theta) model, in nats.

        Parameters
        ----------
        x : array_like, shape (n,)
            Samples, each 0 or 1.
        theta : float
            Probability of a 1, in [0, 1].

        Returns
        -------
        float
            sum_i log p(x_i; theta) = k log(theta) + (n - k) log(1 - theta), with k the number of
            ones and 0 log 0 = 0; -inf if some sample has probability 0 under theta.
        """
        ### BEGIN SOLUTION
        x = np.asarray(x)
        n = x.size
        k = np.count_nonzero(x)               # number of ones
        log_likelihood = 0.0
        if k > 0:                             # the k * log(theta) term; 0 log 0 = 0 when k = 0
            if theta == 0:
                return -np.inf                # a 1 was observed, but the model says it cannot happen
            log_likelihood += k * np.log(theta)
        if n - k > 0:                         # the (n - k) * log(1 - theta) term
            if theta == 1:
                return -np.inf
            log_likelihood += (n - k) * np.log1p(-theta)
        return float(log_likelihood)
        ### END SOLUTION
    '''),
    code("""
    # Try it
    print(bernoulli_log_likelihood(shots, 0.7), "for the 40 throws")
    print(bernoulli_log_likelihood(season, 0.7), "for the season of 2000: no underflow")
    print(bernoulli_log_likelihood([0, 0, 0], 0.0), "a model sure of misses, and only misses")
    print(bernoulli_log_likelihood([0, 1, 0], 0.0), "... and then a throw goes in")
    """),
    test("bernoulli_log_likelihood"),
    md(r"""
    ## 4. The maximum in closed form: $\hat\theta = k/n$

    For $0 < \theta < 1$, set the derivative of the log-likelihood to zero:

    $$ \frac{d}{d\theta}\Bigl[k\log\theta + (n-k)\log(1-\theta)\Bigr]
       = \frac{k}{\theta} - \frac{n-k}{1-\theta} = 0
       \;\Longrightarrow\; k(1-\theta) = (n-k)\,\theta
       \;\Longrightarrow\; \hat\theta = \frac{k}{n}. $$

    The second derivative, $-\frac{k}{\theta^2} - \frac{n-k}{(1-\theta)^2}$, is negative, so the
    log-likelihood is concave and this stationary point is its maximum. When $k = 0$ (or $k = n$) there
    is no stationary point inside $(0, 1)$: the log-likelihood only decreases (or only increases) and the
    maximum sits at the boundary, $\theta = 0$ (or $1$), which is still $k/n$. The estimate is the
    fraction of throws that went in, the answer you would have guessed, now with a reason.
    """),
    md(r"""
    ## Exercise 5 · `bernoulli_mle(x)` (10 points)

    Return the maximum likelihood estimate $\hat\theta = k/n$ for 0/1 samples `x`: the number of ones
    divided by the number of samples, as a Python `float`. You may assume `x` is not empty.
    """),
    solution("bernoulli_mle", '''
    def bernoulli_mle(x):
        """Maximum likelihood estimate of theta for 0/1 samples under a Bernoulli(theta) model.

        Parameters
        ----------
        x : array_like, shape (n,)
            Samples, each 0 or 1; n >= 1.

        Returns
        -------
        float
            k / n, the number of ones divided by the number of samples.
        """
        ### BEGIN SOLUTION
        x = np.asarray(x)
        return float(np.count_nonzero(x) / x.size)
        ### END SOLUTION
    '''),
    code("""
    # Try it
    print(bernoulli_mle(shots), "from the 40 throws")
    print(bernoulli_mle(season), "from the season")
    print(bernoulli_mle([0, 0, 0, 0]), "when nothing goes in")
    """),
    test("bernoulli_mle"),
    md(r"""
    Run this once both functions pass: the log-likelihood of the 40 throws as a function of $\theta$,
    with the maximum likelihood estimate marked.
    """),
    code(r"""
    thetas = np.linspace(0.01, 0.99, 197)
    log_likelihoods = [bernoulli_log_likelihood(shots, t) for t in thetas]
    theta_hat = bernoulli_mle(shots)

    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    ax.plot(thetas, log_likelihoods)
    ax.axvline(theta_hat, color="C3", ls="--")
    ax.plot([theta_hat], [bernoulli_log_likelihood(shots, theta_hat)], "o", color="C3",
            label=rf"$\hat\theta = k/n = {theta_hat:.3f}$")
    ax.set_ylim(-80, 0)
    ax.set_xlabel(r"$\theta$")
    ax.set_ylabel(r"$\log L(\theta)$ (nats)")
    ax.set_title(f"{shots.size} free throws, {shots.sum()} made")
    ax.legend()
    plt.show()
    """),
    md(r"""
    ## 5. Average negative log-likelihood = cross-entropy

    Multiplying by a positive constant does not move the maximiser either, and flipping the sign turns
    a maximisation into a minimisation. So

    $$ \hat\theta_\text{ML} = \arg\min_\theta\; -\frac{1}{m}\sum_{i=1}^{m}\log p_\text{model}(x_i;\theta). $$

    Now group the sum by value. Let $\hat p(x) = \frac{1}{m}\,\#\{i : x_i = x\}$ be the **empirical
    distribution**: the fraction of the sample equal to $x$. Each value $x$ occurs $m\,\hat p(x)$ times,
    so

    $$ -\frac{1}{m}\sum_{i=1}^{m}\log p_\text{model}(x_i;\theta)
       = -\sum_x \hat p(x)\log p_\text{model}(x;\theta)
       = H\bigl(\hat p,\; p_\text{model}(\cdot\,;\theta)\bigr). $$

    **The average negative log-likelihood is the cross-entropy between the empirical distribution and
    the model.** With notebook 2, $H(\hat p, p_\theta) = H(\hat p) + D(\hat p\,\|\,p_\theta)$ and
    $H(\hat p)$ depends on the data only, so

    $$ \text{maximum likelihood} \iff \text{minimum cross-entropy} \iff
       \text{minimum } D(\hat p\,\|\,p_\theta): $$

    the model is pushed as close to the data as its family allows. For the free throws,
    $\hat p = (1 - k/n,\; k/n)$ and the Bernoulli model can match it exactly with $\theta = k/n$, where
    $D = 0$ by Gibbs' inequality: the closed form again, from a different direction.
    """),
    md(r"""
    ## 6. Binary cross-entropy: one prediction per example

    So far a single $\theta$ served every example. A classifier gives each example its own probability:
    from input $x_i$ (the distance of the throw, the minute of the game, ...) the model computes
    $\hat y_i = P(y_i = 1 \mid x_i;\theta)$, the probability that the label $y_i \in \{0, 1\}$ is $1$.
    The likelihood of the labels, given the inputs, has the same switch as before:

    $$ P(y_1,\dots,y_m \mid x_1,\dots,x_m;\theta) = \prod_{i=1}^{m} \hat y_i^{\,y_i}\,(1-\hat y_i)^{1-y_i}. $$

    *Which distribution is being modelled?* Not the distribution of the inputs: the classifier models
    the **conditional** distribution of the label given the input, and the inputs enter only through
    $\hat y_i$. Take logs, average and flip the sign to get the **binary cross-entropy**:

    $$ \mathrm{BCE}(y, \hat y) = -\frac{1}{m}\sum_{i=1}^{m}
       \bigl[\,y_i\log\hat y_i + (1-y_i)\log(1-\hat y_i)\,\bigr]. $$

    The label is the switch: $y_i = 1$ keeps $\log\hat y_i$, $y_i = 0$ keeps $\log(1-\hat y_i)$, so
    each example contributes minus the log of the probability given to what actually happened. Each
    term is the cross-entropy of notebook 2 with $K = 2$, between the label $(1-y_i,\, y_i)$ and the
    prediction $(1-\hat y_i,\, \hat y_i)$. Three questions are worth asking.

    * **When is the likelihood largest?** With hard labels each factor is at most $1$, and equals $1$
      only when $\hat y_i = y_i$: all the probability on the true label. On data that can be separated
      perfectly, the loss keeps pushing predictions towards $0$ and $1$, which is one reason trained
      classifiers tend to be overconfident. And one confident mistake ($\hat y_i = 0$ while $y_i = 1$)
      makes the loss $+\infty$, the infinite divergence of notebook 2.
    * **What if the labels are soft?** Say three of four referees think the ball crossed the line:
      $y = 0.75$. The exponents stop being a switch and become weights; both terms count. For a single
      example, $-y\log\hat y - (1-y)\log(1-\hat y)$ is smallest at $\hat y = y$ (Gibbs again), where it
      equals the entropy of the label, not $0$. The formula is unchanged; it now reads as a cross-entropy
      between two Bernoulli distributions rather than as the probability of one observed outcome.
    * **More than two classes?** Replace the coin by a $K$-sided die. The model outputs
      $q_i = (q_{i1},\dots,q_{iK})$ and the label is $y_i \in \{1,\dots,K\}$. The likelihood is
      $\prod_i q_{i,y_i} = \prod_i\prod_k q_{ik}^{[y_i = k]}$, where the one-hot vector $e_{y_i}$ is the
      switch, and its log is $\sum_i \log q_{i,y_i} = -\sum_i H(e_{y_i}, q_i)$: the categorical
      cross-entropy with one-hot targets from notebook 2, where only the probability of the observed
      class counts. Soft labels replace $e_{y_i}$ by a distribution.
    """),
    md(r"""
    ## Exercise 6 · `binary_cross_entropy(y, y_hat)` (10 points)

    Implement the mean binary cross-entropy above.

    * `y` holds the labels, hard (0 or 1) or soft (anything in $[0, 1]$); `y_hat` holds the predicted
      probabilities of class 1. Both have shape `(m,)`.
    * $0\log 0 = 0$: the term $y_i\log\hat y_i$ is $0$ when $y_i = 0$ (even if $\hat y_i = 0$), and
      $(1-y_i)\log(1-\hat y_i)$ is $0$ when $y_i = 1$ (even if $\hat y_i = 1$).
    * Return `+inf` when some $\hat y_i = 0$ with $y_i > 0$, or $\hat y_i = 1$ with $y_i < 1$, without
      warnings.
    * Average over the samples (mean, not sum). Use `np.log1p(-y_hat)` for $\log(1-\hat y)$. Return a
      Python `float`.
    """),
    solution("binary_cross_entropy", '''
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
    '''),
    code("""
    # Try it
    y = np.array([1, 0, 1, 1])
    print(binary_cross_entropy(y, [0.9, 0.2, 0.6, 0.99]), "for reasonable predictions")
    print(binary_cross_entropy(y, y), "for perfect, certain predictions")
    print(binary_cross_entropy([1, 0], [0.0, 0.0]), "after one confident mistake")
    print(binary_cross_entropy([0.75], [0.75]), "for a soft label predicted exactly;",
          "its entropy is", -(0.75 * np.log(0.75) + 0.25 * np.log(0.25)))
    """),
    test("binary_cross_entropy"),
    md(r"""
    ## 7. Minimising cross-entropy numerically lands on the MLE

    In real classifiers there is no closed form, and the cross-entropy is minimised numerically. Here
    is the same thing on the free throws, where we know the answer. The model has no inputs: it predicts
    $\hat y_i = \theta$ for every throw, so the binary cross-entropy is the average negative
    log-likelihood of section 5. The helper below is a **golden-section search**: it keeps an interval
    that contains the minimum of a one-dimensional function with a single dip, and shrinks it by the
    factor $0.618\ldots$ at each step, reusing one function value each time.
    """),
    code('''
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
    '''),
    md(r"""
    Run this once all your functions pass.
    """),
    code("""
    def average_nll(theta):
        # the same prediction theta for every throw
        return binary_cross_entropy(shots, np.full(shots.size, theta))

    theta_numeric = golden_section_minimise(average_nll, 1e-9, 1 - 1e-9)
    theta_closed = bernoulli_mle(shots)
    print(f"argmin of the cross-entropy: {theta_numeric:.10f}")
    print(f"k / n:                       {theta_closed:.10f}")
    print(f"average NLL at k/n: {average_nll(theta_closed):.12f}")
    print(f"-log L(k/n) / n:    {-bernoulli_log_likelihood(shots, theta_closed) / shots.size:.12f}")
    p_hat = np.array([1 - theta_closed, theta_closed])
    print(f"H(p_hat):           {-np.sum(p_hat * np.log(p_hat)):.12f}   (so D(p_hat || model) = 0 at the MLE)")

    soft_labels = np.array([0.75, 0.75, 1.0, 0.0])
    best = golden_section_minimise(lambda t: binary_cross_entropy(soft_labels, np.full(4, t)), 1e-9, 1 - 1e-9)
    print(f"soft labels {soft_labels}: best constant prediction {best:.6f} = their mean {soft_labels.mean()}")
    """),
    md(r"""
    The two estimates agree to about eight digits, not sixteen. Near a smooth minimum the function is
    flat: moving $\theta$ by $\delta$ changes the loss by about $\delta^2$, so a search that only
    *compares* function values cannot locate the minimum better than about the square root of the
    float64 precision, $\sqrt{2.2\times10^{-16}}\approx 1.5\times10^{-8}$. The closed form has no such
    limit, which is one reason to know it.

    ## Question 3 (2 points, graded by hand)

    Explain why minimising the cross-entropy gives the same $\theta$ as maximising the likelihood. Name
    each step from $\prod_i p_\text{model}(x_i;\theta)$ to $H(\hat p, p_\text{model})$ and say why it
    leaves the best $\theta$ unchanged.
    """),
    answer("answer_mle_equals_min_ce", r"""
    *Model answer.* Start from the likelihood $\prod_i p_\text{model}(x_i;\theta)$, a product because the
    samples are independent. (1) Take the log: $\log$ is strictly increasing, so the order of any two
    values of $\theta$ is preserved and the maximiser is the same; the product becomes
    $\sum_i \log p_\text{model}(x_i;\theta)$. (2) Multiply by $1/m$: a positive constant rescales every
    value equally and does not move the maximiser. (3) Flip the sign: the maximiser of $f$ is the
    minimiser of $-f$. (4) Group equal samples: $-\frac1m\sum_i \log p_\text{model}(x_i;\theta) =
    -\sum_x \hat p(x)\log p_\text{model}(x;\theta) = H(\hat p, p_\text{model})$ is an exact rewriting,
    the same function of $\theta$. So $\arg\max$ likelihood $= \arg\min$ cross-entropy. Since
    $H(\hat p, p_\theta) = H(\hat p) + D(\hat p\,\|\,p_\theta)$ and $H(\hat p)$ does not depend on
    $\theta$, both also minimise the divergence from the data to the model.
    """),
    md(r"""
    ## Summary: why do we train classifiers by minimising cross-entropy?

    * **It is maximum likelihood.** Choosing the parameters that make the training labels most probable
      under the model (a product, by independence), then taking logs, averaging and flipping the sign,
      gives exactly the average cross-entropy between the labels and the predictions. None of these
      steps moves the optimum.
    * **It measures distance to the data.** $H(\hat p, q) = H(\hat p) + D(\hat p\,\|\,q)$: the entropy
      of the data is fixed, so what training shrinks is the divergence from the data to the model,
      which is zero only when the model matches the data.
    * **It is computable.** The sum of log-probabilities does not underflow where the product would.
    * **It behaves sensibly.** With hard labels only the probability of the true class counts; a
      confident mistake costs without limit; with soft labels the best prediction is the label
      distribution itself, and the loss does not reward false certainty.

    One misreading to avoid: training does not lower *the model's own* entropy. A model can be very
    sure (low entropy) and wrong (huge cross-entropy). What falls during training is the cross-entropy
    between the data and the model, and the part of it that can fall is $D(\hat p\,\|\,q)$; the
    entropy of the data stays where it is.
    """),
]


NOTEBOOKS = {
    "01_entropy.ipynb": ENTROPY,
    "02_divergence.ipynb": DIVERGENCE,
    "03_likelihood.ipynb": LIKELIHOOD,
}


def build(directory: Path = SOURCE) -> list[Path]:
    """Write the instructor notebooks into ``directory``; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, cells in NOTEBOOKS.items():
        path = directory / name
        nbformat.write(render(cells), str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    for path in build(target):
        print(f"wrote {path}")
