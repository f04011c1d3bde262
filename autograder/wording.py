"""Every sentence the grader says to a student lives here.

A diagnosis is a key (``"nan_from_zero"``) chosen by :mod:`autograder.diagnosis`; this module turns
it into a one-sentence *why* and a one-sentence *hint*. Checks and renderers never write prose of
their own, so wording is reviewed, translated or changed in one place.
"""

from __future__ import annotations

import builtins
from typing import NamedTuple


class Words(NamedTuple):
    why: str
    hint: str


DIAGNOSES: dict[str, Words] = {
    # -- zeros, logs and infinities ---------------------------------------------------------
    "nan_from_zero": Words(
        "In floating point log(0) is -inf and 0 * -inf is nan, but p log p -> 0 as p -> 0, "
        "so zero-probability terms add nothing.",
        "Compute the terms only where the weight in front of the log is positive "
        "(a mask such as p > 0, or np.where), so 0 * log 0 never happens.",
    ),
    "log_domain_error": Words(
        "Python's math.log(0) raises ValueError instead of returning -inf, and a term with zero weight "
        "should not be computed at all (0 log 0 = 0).",
        "Skip terms whose weight is 0 before taking the log (if p_i > 0: ...).",
    ),
    "epsilon_clipping": Words(
        "Adding or clipping to a small epsilon changes the answer: it turns an exact 0 into "
        "a small number, or an infinite loss into a finite one.",
        "Do not add an epsilon; handle zeros exactly (0 log 0 = 0, and log 0 = -inf where "
        "the weight is positive).",
    ),
    "skips_support_mismatch": Words(
        "Where q is 0 but p is positive, the answer is +inf: the model calls impossible "
        "something that happens, and skipping those terms hides that.",
        "Mask only the terms with p = 0; when p > 0 and q = 0, log q = -inf must reach the sum.",
    ),
    "nan_result": Words(
        "The result is nan, which no valid input should produce; none of the usual mistakes "
        "we know gives nan on this input.",
        "Look for 0 * inf, inf - inf or 0 / 0 in your computation, term by term.",
    ),
    "unexpected_infinity": Words(
        "The result is infinite although the answer is finite. Possible causes: log(0) on a "
        "term that should have been skipped, a guard that returns an infinity too early, or a "
        "probability that became exactly 0 on the way (an underflowing product).",
        "Print the terms of your sum for the failing call and find the first infinite one.",
    ),
    "finite_for_infinite": Words(
        "The answer is infinite (an outcome that occurs was given probability 0), but your "
        "function returned a finite number: something kept the infinite term finite, such as "
        "an epsilon, a clip, np.nan_to_num, or skipping the term.",
        "Let log(0) = -inf reach the sum wherever the weight in front of it is positive.",
    ),
    "small_bias_near_zero": Words(
        "The result is slightly off on an input with zeros or tiny probabilities, as an "
        "epsilon added to or clipped into the probabilities would make it.",
        "Handle zeros exactly (0 log 0 = 0) instead of moving probabilities away from 0.",
    ),
    "zero_weight_log": Words(
        "The result is infinite because a term with zero weight was still computed (or a guard "
        "returned an infinity whenever a probability is 0 or 1), but a term whose weight is 0 "
        "contributes nothing, even when its log is -inf.",
        "Skip the terms whose weight (p_i, or the count of samples) is 0 before taking logs; "
        "return an infinity only when a term with positive weight has log 0.",
    ),
    "labels_in_log": Words(
        "The labels y appear inside a log: the result matches -y log(y) (or (1 - y) log(1 - y)) "
        "where -y log(y_hat) (or (1 - y) log(1 - y_hat)) belongs.",
        "Each sample contributes y log(y_hat) + (1 - y) log(1 - y_hat): the labels weigh, the "
        "predictions go inside the logs.",
    ),
    "nan_to_num": Words(
        "The result matches np.nan_to_num applied to the terms: it turns -inf into about "
        "-1.8e308 (and nan into 0), so an infinite answer becomes an enormous finite one.",
        "Do not repair infinities after the fact: skip zero-weight terms, and let a log(0) with "
        "positive weight make the answer infinite.",
    ),
    "clamped_log": Words(
        "The result matches each log clamped at -100, as PyTorch's BCELoss does: a confidently "
        "wrong prediction then costs 100 instead of an infinite loss.",
        "Do not clamp the logs; log(0) with positive weight makes the loss +inf.",
    ),
    # -- arguments, signs, logs and bases ---------------------------------------------------
    "swapped_arguments": Words(
        "The result equals the same quantity with the two arguments swapped; these quantities "
        "are not symmetric, so the order matters.",
        "The first argument p is the true (target) distribution and weights the sum; q is the "
        "model's and goes inside the log.",
    ),
    "symmetrised": Words(
        "The result is symmetric in p and q (or sums absolute values), but D(p||q) is not a "
        "distance: it is an expectation under p of log(p/q), whose terms may be negative.",
        "Sum p_i * log(p_i / q_i) over the entries with p_i > 0, signs included.",
    ),
    "ignored_base": Words(
        "The result is in nats although a base was given.",
        "Divide the natural-log result by log(base) when base is not None.",
    ),
    "wrong_base_conversion": Words(
        "The result is in the wrong unit: changing the base of a logarithm divides by "
        "log(base), not by base, and the default is the natural log.",
        "Use log_b(x) = log(x) / log(b): compute with np.log and rescale only when base is given.",
    ),
    "missing_minus_sign": Words(
        "The result has the right size but the wrong sign.",
        "Entropy and cross-entropy are minus sums of p log(...); log-likelihoods are plain sums "
        "of log-probabilities and are never positive.",
    ),
    # -- sums, means and products -----------------------------------------------------------
    "mean_instead_of_sum": Words(
        "The result is the right total divided by the number of entries: this quantity is a "
        "sum, not an average.",
        "Add the terms up (np.sum) instead of averaging them (np.mean).",
    ),
    "sum_instead_of_mean": Words(
        "The result is the right average multiplied by the number of samples: binary "
        "cross-entropy is the mean over samples.",
        "Average the per-sample losses (np.mean), or divide the sum by len(y).",
    ),
    "log_of_product": Words(
        "The result matches a log taken of a product of many probabilities: the product "
        "underflows to 0.0 before the log is taken, although every probability is positive.",
        "Add up log-probabilities instead of taking the log of a product.",
    ),
    "missing_complement_term": Words(
        "The result leaves out the (1 - y) * log(1 - y_hat) term, so samples with label 0 "
        "cost nothing.",
        "Each sample contributes y log(y_hat) + (1 - y) log(1 - y_hat): the label switches "
        "between the two terms.",
    ),
    "ignores_zero_samples": Words(
        "The result only counts the samples equal to 1; samples equal to 0 have probability "
        "1 - theta and contribute log(1 - theta) each.",
        "Add (number of zeros) * log(1 - theta) to (number of ones) * log(theta).",
    ),
    "kl_instead_of_cross": Words(
        "The result is the KL divergence D(p||q), not the cross-entropy H(p, q) = H(p) + D(p||q) "
        "(scipy.stats.entropy(p, q) computes the divergence).",
        "Cross-entropy is -sum p_i log q_i over the entries with p_i > 0; it adds the entropy "
        "of the target to the divergence.",
    ),
    "scipy_positional_base": Words(
        "The result is log n - H(p), the divergence from the uniform distribution: "
        "scipy.stats.entropy(p, base) reads its second positional argument as a second "
        "distribution qk, not as the base.",
        "Pass the base by keyword: scipy.stats.entropy(p, base=base).",
    ),
    "argmax_target": Words(
        "The result keeps only the most likely target class, which is right for one-hot "
        "targets but not for soft ones, where every class with p_i > 0 counts.",
        "Sum -p_i log q_i over all classes with p_i > 0 instead of picking the argmax of p.",
    ),
    # -- precision and estimation -----------------------------------------------------------
    "float32_precision": Words(
        "The result is off by about a part in 10^7 or 10^8, the size of float32 rounding.",
        "Keep everything in float64 (NumPy's default); avoid np.float32 and dtype=np.float32.",
    ),
    "coarse_optimiser": Words(
        "The estimate is near the maximum-likelihood value but not on it, as a grid search or "
        "an optimiser stopped early would give.",
        "Set the derivative of the log-likelihood to zero: the maximum is at the sample mean.",
    ),
    "laplace_smoothing": Words(
        "The result is (k + 1) / (n + 2), Laplace's smoothed estimate, not the maximum-likelihood "
        "estimate k / n.",
        "The MLE is the plain fraction of ones; smoothing is a prior, which is a different estimator.",
    ),
    "count_not_proportion": Words(
        "The result is the number of ones, not the fraction of ones.",
        "Divide the count by the number of samples.",
    ),
    "divides_by_n_minus_one": Words(
        "The result is k / (n - 1): the count of ones divided by one less than the number of "
        "samples, as in the unbiased variance, but the maximum-likelihood estimate is k / n.",
        "Divide the number of ones by the number of samples, len(x).",
    ),
    "integer_arithmetic": Words(
        "The result is rounded to a whole number, as integer division or int() would give.",
        "Divide with / (true division) and do not round the estimate.",
    ),
    "assumes_uniform": Words(
        "The result is log n, the entropy of a uniform distribution over n outcomes, whatever "
        "the probabilities are.",
        "H(p) depends on every p_i: sum -p_i log p_i over the entries with p_i > 0; log n is "
        "only the upper bound.",
    ),
    "rounded_result": Words(
        "The estimate was rounded to a few decimals, which throws away accuracy.",
        "Return k / n as it is; round only when you print it.",
    ),
    "hard_coded": Words(
        "The function returns the same value for inputs whose answers differ.",
        "Compute the answer from the arguments instead of returning a fixed number.",
    ),
    "swallowed_error": Words(
        "The function returned 0.0 where the answer is not 0; a try/except that hides a "
        "failure (and returns 0.0) would do this.",
        "Remove the blanket try/except and let the real computation run.",
    ),
    # -- calls that did not return a number -------------------------------------------------
    "wrong_signature": Words(
        "The function could not be called the way the assignment specifies.",
        "Keep the signature given in the stub, including the default arguments.",
    ),
    "division_by_zero": Words(
        "The function divided by zero.",
        "Check which quantity can be 0 for this input; a zero weight means the term is skipped.",
    ),
    "exception": Words(
        "The function raised an exception on a valid input.",
        "Paste the failing call into a cell and read the traceback.",
    ),
    "wrong_type": Words(
        "The function returned something that is not a single number.",
        "Return one float, for example float(np.sum(...)).",
    ),
    "not_implemented": Words(
        "The function is not implemented yet.",
        "Replace the raise NotImplementedError() line with your code.",
    ),
    "missing": Words(
        "The submission does not define this function.",
        "Define it with the exact name and signature of the assignment.",
    ),
    "timeout": Words(
        "The call did not finish within the time limit.",
        "Look for an infinite loop, or a Python loop over a very large input where NumPy "
        "would do the work at once.",
    ),
    "crash": Words(
        "The process running your code stopped during this call.",
        "Do not call exit() or os._exit(), and keep memory use reasonable.",
    ),
    "mismatch": Words(
        "The result differs from the reference by more than the tolerance.",
        "Paste the failing call and compare with the formula term by term.",
    ),
    "property": Words(
        "The result breaks an identity every correct implementation satisfies.",
        "Paste the failing call; the expected line shows the identity's value.",
    ),
    "input_changed": Words(
        "Your function changed its input: the caller's array is not the same after the call.",
        "Work on a copy (p = np.array(p, dtype=float) copies; np.asarray does not) or build "
        "new arrays with np.where, instead of assigning into the argument.",
    ),
}


# -- softmax, its cross-entropy and its gradient (notebook 4) -------------------------------------
DIAGNOSES.update({
    "softmax_overflow": Words(
        "The exponential of a logit near 1000 overflows to inf, and inf / inf is nan: the probabilities "
        "were computed before taking the log.",
        "Never form exp(z) itself: subtract each row's largest logit first, and get the log "
        "directly as (z - max) - log(sum(exp(z - max))).",
    ),
    "max_not_subtracted": Words(
        "The log-sum-exp was computed without subtracting the row's largest logit, so exp "
        "overflowed to inf (logits near 1000) or every term underflowed to 0 (near -1000).",
        "Shift each row by its maximum: log sum exp(z) = max + log sum exp(z - max).",
    ),
    "log_of_underflowed_softmax": Words(
        "The largest logit was subtracted, but softmax was formed before the log: a class far "
        "below the best one has a probability that underflows to 0.0, and log(0.0) = -inf where "
        "the answer is a finite number such as -2000.",
        "Stay in log space: log_softmax = (z - max) - log(sum(exp(z - max))); take exp only "
        "when you need probabilities.",
    ),
    "wrong_axis": Words(
        "The normalisation runs over the wrong axis: each row (one example) must sum to 1, "
        "not each column or the whole array.",
        "Reduce along axis=1 with keepdims=True, so the row sums broadcast against the rows.",
    ),
    "sum_over_rows": Words(
        "The result is the right mean multiplied by the number of rows: the loss is averaged "
        "over examples.",
        "Divide the summed loss by m = logits.shape[0] (or use np.mean over the rows).",
    ),
    "mean_over_all_entries": Words(
        "The result is divided by m * n (all entries) instead of m (the rows): classes are "
        "summed within a row, examples are averaged.",
        "Sum over axis=1 (classes), then average over the rows.",
    ),
    "index_labels_as_columns": Words(
        "The labels were used as column indices for every row (z[:, labels]), which picks an "
        "m x m block instead of one true class per row.",
        "Pick one entry per row: log_p[np.arange(m), labels].",
    ),
    "index_labels_as_weights": Words(
        "Class indices were used as if they were rows of probabilities (multiplied into the "
        "logits), but a label 2 means 'class 2', not 'weight 2'.",
        "Tell the two kinds of labels apart by their shape: (m,) holds class indices, (m, n) "
        "holds probability rows; turn indices into one-hot rows or index with them.",
    ),
    "soft_labels_argmax": Words(
        "Only the most likely class of each soft label row was used; with probability rows "
        "every class with y > 0 contributes -y log softmax.",
        "Use -sum(y * log_softmax(z), axis=1) for probability rows, not their argmax.",
    ),
    "grad_missing_mean": Words(
        "The gradient is m times too large: the loss is a mean over m rows, so each entry of "
        "its gradient carries a factor 1/m.",
        "Divide softmax(z) - y by m = logits.shape[0].",
    ),
    "grad_wrong_divisor": Words(
        "The gradient is divided by the wrong count: by the number of classes, not of rows.",
        "The loss averages over the m rows: divide by m = logits.shape[0].",
    ),
    "grad_wrong_sign": Words(
        "The gradient has the wrong sign: it is y - softmax(z), the direction in which the "
        "loss decreases.",
        "The gradient of the loss is (softmax(z) - y) / m; gradient descent then subtracts it.",
    ),
    "grad_missing_softmax": Words(
        "The gradient uses the logits themselves where the softmax probabilities belong.",
        "Turn the logits into probabilities first: (softmax(z) - y) / m.",
    ),
    "wrong_shape": Words(
        "The returned array does not have the shape of the logits.",
        "Keep one row per example and one column per class; reduce with keepdims=True so the "
        "row sums broadcast.",
    ),
})

def words(key: str | None) -> Words:
    return DIAGNOSES.get(key or "mismatch", DIAGNOSES["mismatch"])


def explain(key: str | None, detail: str | None = None) -> str:
    """The message of a failed check: the why, an optional detail, and the hint."""
    w = words(key)
    lines = [w.why]
    if detail:
        lines.append(detail)
    lines.append(f"Hint: {w.hint}")
    return "\n".join(lines)


PASSED = "All cases agree with the reference."


TYPE_CHARS = 60  # an exception type's name, as shown
_BUILTIN_EXCEPTIONS = frozenset(
    name for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)


def type_name(exc_type: str | None) -> str:
    """An exception type's name as shown: at most TYPE_CHARS characters."""
    name = exc_type or "an exception"
    return name if len(name) <= TYPE_CHARS else name[: TYPE_CHARS - 3] + "..."


def exception_detail(exc_type: str | None, message: str, where: str | None) -> str:
    text = f"{type_name(exc_type)}: {message}" if message else type_name(exc_type)
    return f"{text}\n  at {where}" if where else text


_HIDDEN = {
    "failed": "On one of the hidden inputs the result is not the reference's answer.",
    "error": "On one of the hidden inputs the function raised {exception}.",
    "timeout": "On one of the hidden inputs the call did not finish within the time limit.",
    "not_implemented": "The function is not implemented yet.",
}


def hidden(status: str, exc_type: str | None = None) -> str:
    """The whole message of a failed hidden check: one fixed sentence per status. The
    exception is named only when it is a built-in type (a class the student wrote could carry
    the hidden inputs in its name); an error without exception is the process stopping."""
    if status == "error" and exc_type is None:
        return "On one of the hidden inputs the process running the function stopped."
    exception = exc_type if exc_type in _BUILTIN_EXCEPTIONS else "an exception"
    return _HIDDEN.get(status, _HIDDEN["failed"]).format(exception=exception)


def type_detail(description: str) -> str:
    return f"It returned {description}; a single float was expected."


def hidden_note() -> str:
    return "(hidden check: its inputs are not shown)"


def hidden_elsewhere(names: list[str], points: float) -> str:
    return (f"The hidden checks ({', '.join(names)}; {points:g} points) run when your "
            f"instructor grades your work: this copy of the kit does not hold their inputs.")


def stale_answers() -> str:
    return ("This copy of the kit has no recorded answer for one of this check's cases; its data "
            "is older than its checks. Reinstall the kit, or ask your instructor.")


def facts(*, n: int, zeros: int, ratio: float | None = None, sign_flipped: bool = False,
          ratio_is: str | None = None, difference: float | None = None,
          per_zero: float | None = None) -> str:
    """What a wrong number shows when no known mistake reproduces it, in one or two lines."""
    said = []
    if sign_flipped:
        said.append("Your value has the opposite sign of the expected one")
    if ratio is not None:
        named = f", which is {ratio_is}" if ratio_is else ""
        said.append(f"Your value is {ratio:.6g} times the expected one{named}")
    elif difference is not None:
        said.append(f"Your value differs from the expected one by {difference:.3g}")
    if zeros:
        each = (f"; the difference is {per_zero:.3g} per such entry"
                if per_zero is not None and ratio_is != "the number of zeros" else "")
        said.append(f"The input has {zeros} entr{'y' if zeros == 1 else 'ies'} equal to 0 or 1 "
                    f"out of {n}{each}")
    return ". ".join(said) + "." if said else ""


def near_miss(function: str, defined: str) -> str:
    return (f"There is no function named {function}, but there is {defined}: the grader calls "
            f"{function} by that exact name, so rename it (or keep the name the notebook gave).")


def budget_spent(seconds: float) -> str:
    return (f"the submission used its whole time budget ({seconds:g} s for all calls together); "
            f"the remaining cases were not run")


def gap(difference: float, allowed: float) -> str:
    if allowed == 0:
        return (f"They differ by {difference:.2g}; here every term is exactly 0 in floating "
                f"point, so the answer must be exactly 0.")
    return f"They differ by {difference:.2g}; the tolerance allows {allowed:.2g} here."


def changed_detail(argument: str, position: str, before: str, after: str) -> str:
    return f"After the call, {argument}{position} was {after} instead of {before}."


def warned(function: str, texts: dict[str, int]) -> str:
    """One note per function: what numpy (or Python) warned about while it was graded."""
    groups: dict[str, list[str]] = {}
    for text, calls in texts.items():
        category, _, message = text.partition(": ")
        source = "numpy warned" if category == "RuntimeWarning" else f"Python warned ({category})"
        groups.setdefault(source, []).append(
            f"{message or text}, in {calls} call{'s' if calls != 1 else ''}")
    said = "; ".join(f"{source}: {'; '.join(items)}" for source, items in groups.items())
    return (f"{function}: {said}. Warnings cost no points, but they often mean a log of 0 "
            f"or a 0 * inf that a mask would avoid.")


def array_type_detail(description: str) -> str:
    return f"It returned {description}; an array with the shape of the logits was expected."


def shape_detail(got: tuple, expected: tuple) -> str:
    return f"It returned an array of shape {got}; the logits have shape {expected}."
