"""Diagnoses: confirmed by a model or worded as a possibility, and near misses that are near.

The grader's diagnosis module holds no formula: the bug models live in the answer key
(``solutions/mistakes.py``), and these tests pin what the comparison logic makes of them.
"""

from __future__ import annotations

import ast
import inspect
import math

import numpy as np
import pytest

import solutions
from autograder import diagnosis, names, wording


def _diagnose(function, values, got, others=()):
    values = tuple(np.asarray(v, float) if isinstance(v, list) else v for v in values)
    expected = getattr(solutions, function)(*values)
    return diagnosis.diagnose(function, values, expected, got, others, reference=solutions)


def test_the_diagnosis_module_takes_no_log_and_sums_nothing():
    """Every working formula is in the answer key: the grader only compares numbers."""
    tree = ast.parse(inspect.getsource(diagnosis))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    formula = {ast.unparse(c) for c in calls if ast.unparse(c.func).split(".")[-1] in {
        "log", "log1p", "log2", "xlogy", "sum", "mean", "prod", "fsum", "entr", "rel_entr",
        "nansum", "dot", "nan_to_num", "clip"}}
    # naming a ratio ("which is log(base)") takes the log of the base, and of nothing else
    assert formula <= {"math.log(2)", "math.log(base)"}, formula


def test_every_key_a_model_can_name_is_worded():
    rng = np.random.default_rng(0)
    p, q = rng.dirichlet(np.ones(5)), rng.dirichlet(np.ones(5))
    calls = [("entropy", (p,)), ("entropy", (p, 2)), ("kl_divergence", (p, q)),
             ("cross_entropy", (p, q)), ("binary_cross_entropy", (p, q)),
             ("bernoulli_log_likelihood", (np.array([1, 0, 1]), 0.3)),
             ("bernoulli_mle", (np.array([1, 0, 1]),))]
    keys = {k for f, v in calls for k, _ in solutions.bug_models(f, *v)}
    assert len(keys) > 20
    assert not keys - set(wording.DIAGNOSES)


def test_a_model_that_reproduces_the_number_names_the_bug():
    found = _diagnose("entropy", ([0.5, 0.25, 0.25],), -1.0397207708399179)
    assert found.key == "missing_minus_sign" and found.facts is None


@pytest.mark.parametrize("got,key", [
    (math.nan, "labels_in_log"),  # -y log(y): 0 log 0 in the labels, not a missing mask
])
def test_labels_inside_the_log_do_not_get_the_zero_probability_hint(got, key):
    assert _diagnose("binary_cross_entropy", ([1.0, 0.0, 1.0, 1.0], [0.9, 0.2, 0.6, 0.7]),
                     got).key == key


def test_an_unmasked_formula_gets_the_zero_probability_hint():
    assert _diagnose("binary_cross_entropy", ([1.0, 0.0], [1.0, 0.0]), math.nan).key \
        == "nan_from_zero"
    assert _diagnose("entropy", ([0.5, 0.5, 0.0],), math.nan).key == "nan_from_zero"


def test_a_nan_no_model_explains_is_not_blamed_on_zeros():
    found = _diagnose("entropy", ([0.5, 0.5],), math.nan)
    assert found.key == "nan_result"


def test_minus_infinity_from_a_guard_is_not_called_an_underflow():
    found = _diagnose("bernoulli_log_likelihood", (np.array([0, 0, 0]), 0.0), -math.inf)
    assert found.key == "zero_weight_log"
    found = _diagnose("bernoulli_log_likelihood", (np.array([0, 1, 0, 1]), 0.4), -math.inf)
    assert found.key == "unexpected_infinity"  # a possibility, not "the product underflowed"
    assert "Possible causes" in wording.DIAGNOSES[found.key].why


def test_an_underflowing_product_is_confirmed_by_its_model():
    x = (np.arange(2000) % 10 < 7).astype(int)
    assert _diagnose("bernoulli_log_likelihood", (x, 0.7), -math.inf).key == "log_of_product"


def test_without_a_model_the_facts_are_said():
    found = _diagnose("entropy", ([0.5, 0.25, 0.25],), 0.7)
    assert found.key == "mismatch"
    assert "times the expected one" in found.facts
    found = _diagnose("entropy", ([0.5, 0.25, 0.25],), 4 * 1.0397207708399179 + 0.5)
    assert "opposite" not in found.facts
    found = _diagnose("cross_entropy", ([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]), 0.5)
    assert "1 entry equal to 0 or 1 out of 3" in found.facts


def test_a_ratio_that_equals_a_known_quantity_is_named():
    h = solutions.entropy(np.array([0.5, 0.3, 0.2]))
    found = diagnosis.diagnose("entropy", (np.array([0.5, 0.3, 0.2]),), h, -7 * h,
                               reference=solutions)
    assert found.key == "mismatch" and "opposite sign" in found.facts
    facts = wording.facts(n=4, zeros=0, ratio=0.25, ratio_is="1/n")
    assert "which is 1/n" in facts


def test_a_finite_answer_for_an_infinite_one_is_a_possibility():
    found = _diagnose("cross_entropy", ([0.0, 1.0], [1.0, 0.0]), 700.0)
    assert found.key == "finite_for_infinite"
    found = _diagnose("cross_entropy", ([0.0, 1.0], [1.0, 0.0]), -np.nan_to_num(-np.inf))
    assert found.key == "nan_to_num"


def test_scipy_entropy_used_for_cross_entropy_is_named():
    p, q = np.array([0.7, 0.2, 0.1]), np.array([0.5, 0.3, 0.2])
    assert _diagnose("cross_entropy", (p, q), solutions.kl_divergence(p, q)).key \
        == "kl_instead_of_cross"


def test_a_judge_fallback_replaces_mismatch():
    found = diagnosis.diagnose("kl_divergence", (np.array([0.5, 0.5]),) * 2, 0.0, 0.3,
                               reference=solutions, fallback="property")
    assert found.key == "property"


def test_without_an_answer_key_only_shape_rules_apply():
    found = diagnosis.diagnose("entropy", (np.array([0.5, 0.5]),), math.log(2), 0.0,
                               reference=object())
    assert found.key == "swallowed_error"


@pytest.mark.parametrize("function,name", [
    ("entropy", "entropy_"), ("entropy", "Entropy"), ("entropy", "entropie"),
    ("entropy", "my_entropy"), ("entropy", "entropy2"), ("kl_divergence", "KL_divergence"),
    ("kl_divergence", "kl_divergance"), ("kl_divergence", "klDivergence"),
    ("bernoulli_mle", "Bernoulli_MLE"), ("cross_entropy", "cross_entropy_loss"),
    ("binary_cross_entropy", "binary_crossentropy"),
])
def test_near_misses_are_near(function, name):
    assert names.is_near_miss(function, name)


@pytest.mark.parametrize("function,name", [
    ("binary_cross_entropy", "cross_entropy"), ("cross_entropy", "binary_cross_entropy"),
    ("bernoulli_log_likelihood", "bernoulli_log_likelihood_from_logits"),
    ("entropy", "cross_entropy"), ("entropy", "entropy_plot"), ("kl_divergence", "kl_grad"),
    ("bernoulli_mle", "bernoulli_log_likelihood"), ("entropy", "entropy"),
])
def test_other_functions_are_never_near_misses(function, name):
    assert not names.is_near_miss(function, name)


def test_near_misses_pick_one_name_per_missing_function():
    pairs = names.near_misses(["entropy", "cross_entropy", "binary_cross_entropy"],
                                  ["cross_entropy", "Entropy", "helper"])
    assert pairs == [("entropy", "Entropy")]


def test_a_correct_cross_entropy_is_never_told_to_become_binary_cross_entropy(write_submission):
    from autograder.runner import grade_path

    path = write_submission("import numpy as np\n\ndef cross_entropy(p, q):\n"
                            "    m = p > 0\n    return float(-np.sum(p[m] * np.log(q[m])))\n\n"
                            "def Entropy(p, base=None):\n    return 0.0\n")
    report = grade_path(path, functions=("entropy", "binary_cross_entropy"))
    renames = [n for n in report.notes if "rename" in n]
    assert renames == [wording.near_miss("entropy", "Entropy")]
