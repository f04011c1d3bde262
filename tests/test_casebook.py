"""The casebook: drawn cases and recorded answers are data, and the data tells the truth.

A student's copy grades the public checks from ``autograder/data/public.json`` alone; these tests
prove that it gives the same result as the reference on every catalogue entry, and that the file
is neither stale nor wrong.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import solutions
from autograder import casebook
from autograder.checks import CATALOGUE, checks_for
from autograder.loader import load_submission
from autograder.runner import grade_submission

from .conftest import entries

CATALOGUE_ENTRIES = entries("buggy") + entries("correct")

PUBLIC = json.loads(casebook.PUBLIC.read_text(encoding="utf-8"))
BOOK = casebook.load(casebook.hidden_path(solutions))


def test_every_drawing_check_has_its_draws_in_the_right_file():
    hidden = json.loads((casebook.PUBLIC.parents[2] / "solutions" / casebook.HIDDEN_NAME)
                        .read_text(encoding="utf-8"))
    for check in checks_for():
        if check.draws is None:
            continue
        where = hidden if check.hidden else PUBLIC
        other = PUBLIC if check.hidden else hidden
        assert len(where["draws"].get(check.name, ())) >= 20, check.name
        assert check.name not in other["draws"], f"{check.name} is in the wrong file"


def test_drawn_cases_keep_the_notebooks_contract():
    for name, cases in BOOK.draws.items():
        for case in cases:
            values = dict(zip(case.names, case.values))
            for key in ("p", "q"):
                if key in values:
                    assert abs(values[key].sum() - 1.0) < 1e-12 and (values[key] >= 0).all()
            if "q" in values:  # a model gives positive probability wherever the target does
                assert not ((values["p"] > 0) & (values["q"] == 0)).any(), case.call()
            if "x" in values:
                assert set(np.unique(values["x"])) <= {0, 1}


def test_drawn_cases_grow_from_small_to_large():
    for name, cases in BOOK.draws.items():
        sizes = [len(c.values[0]) for c in cases]
        assert sizes == sorted(sizes) and sizes[0] <= 2, name


def test_recorded_answers_agree_with_the_reference_and_cover_every_call():
    public = [c for c in checks_for() if not c.hidden]
    draws = {c.name: BOOK.draws[c.name] for c in public if c.draws}
    fresh, models = casebook.record(public, draws, solutions)
    stale = sorted(set(fresh) - set(PUBLIC["answers"]))
    assert not stale, (f"{len(stale)} answers are missing from {casebook.PUBLIC.name}; "
                       "rebuild it with `python -m autograder.casebook`")
    for key, value in fresh.items():
        mine, kept = np.atleast_1d(casebook._restore(value)), np.atleast_1d(
            casebook._restore(PUBLIC["answers"][key]))
        assert np.allclose(mine, kept, rtol=4e-16, atol=0, equal_nan=True), key
    assert set(models) == set(PUBLIC["models"]), "rebuild with `python -m autograder.casebook`"
    for key, value in models.items():
        kept = casebook._restore_models(PUBLIC["models"][key])
        mine = casebook._restore_models(value)
        assert [k for k, _ in mine] == [k for k, _ in kept], key
        assert np.allclose([v for _, v in mine], [v for _, v in kept], rtol=4e-16, atol=0,
                           equal_nan=True), key


def test_every_public_case_has_its_bug_models_recorded():
    """A students' copy diagnoses a public case from data: every case's models are there.
    (Notebook 4's functions return arrays; their models stay with the reference, and a
    students' copy names their bugs by shape rules only: autograder/diagnosis_softmax.py.)"""
    from autograder.diagnosis_softmax import FUNCTIONS as ARRAY_FUNCTIONS

    for check in checks_for():
        if check.hidden or check.function in ARRAY_FUNCTIONS:
            continue
        for case in check.cases + BOOK.draws.get(check.name, ()):
            stored = PUBLIC["models"].get(casebook.models_key(case.function, case.values))
            assert stored, case.call()
            assert {k for k, _ in stored} >= {"float32_precision"} or case.function == \
                "bernoulli_mle", case.call()


def test_call_keys_tell_apart_what_the_reference_tells_apart():
    a = np.array([0.5, 0.5])
    keys = {casebook.call_key("entropy", (a,)), casebook.call_key("entropy", (a, 2)),
            casebook.call_key("entropy", (a.astype(np.float32),)),
            casebook.call_key("entropy", (np.array([0.5, 0.5 + 2**-53]),)),
            casebook.call_key("cross_entropy", (a, a)), casebook.call_key("entropy", (a, 2.0))}
    assert len(keys) == 6
    assert casebook.call_key("entropy", (a,)) == casebook.call_key("entropy", (a.copy(),))


def test_without_recorded_models_a_diagnosis_is_stale_not_invented(write_submission):
    """Answers without the models' values: the check says the data is stale, never guesses."""
    path = write_submission("import numpy as np\ndef entropy(p, base=None):\n"
                            "    return float(np.sum(p * np.log(p)))\n")
    report = grade_submission(load_submission(path), functions=["entropy"],
                              reference=casebook.Answers(PUBLIC["answers"]))
    basic = next(r for r in report.results if r.name == "entropy.basic")
    assert basic.status.value == "error" and "older than its checks" in basic.message


def test_a_missing_answer_is_an_error_result_not_a_crash(write_submission):
    answers = casebook.Answers({})
    report = grade_submission(load_submission(write_submission("")), functions=["entropy"],
                              reference=answers)
    assert {r.status.value for r in report.results} == {"not_implemented"}
    path = write_submission("import numpy as np\ndef entropy(p, base=None):\n    return 0.0\n")
    report = grade_submission(load_submission(path), functions=["entropy"], reference=answers)
    errors = [r for r in report.results if r.status.value == "error"]
    assert len(errors) >= 4 and all("older than its checks" in r.message for r in errors)
    assert {r.status.value for r in report.results} <= {"error", "passed"}


@pytest.mark.parametrize("entry", CATALOGUE_ENTRIES, ids=lambda e: e.id)
def test_a_students_copy_grades_public_checks_exactly_as_the_reference_does(entry,
                                                                            write_submission):
    """Recorded answers in place of the reference: same statuses, points, messages and calls."""
    submission = load_submission(write_submission(entry.submission_source()))
    functions = [entry.function]
    live = grade_submission(submission, functions=functions, reference=solutions, redact=False)
    copy = grade_submission(submission, functions=functions,
                            reference=casebook.Answers(PUBLIC["answers"], PUBLIC["models"]),
                            redact=False)
    public = [r for r in live.results if not r.hidden]
    diagnoses = [r.counterexample and r.counterexample.diagnosis for r in public]
    assert [r.counterexample and r.counterexample.diagnosis for r in copy.results] == diagnoses
    assert list(copy.results) == public
    hidden = [c.name for c in CATALOGUE[entry.function] if c.hidden]
    assert any(all(n in note for n in hidden) for note in copy.notes)


def test_probe_values_reach_both_branches_of_every_judge():
    values = casebook._probe_values(0.25)
    assert 0.25 in values and 1.25 in values and any(math.isnan(v) for v in values)


def test_every_function_is_worth_nine_public_points_and_the_hidden_ones():
    from autograder.checks import CATALOGUE, HIDDEN_POINTS

    for function, checks in CATALOGUE.items():
        public = sum(c.points for c in checks if not c.hidden)
        hidden = sum(c.points for c in checks if c.hidden)
        assert (function, public, hidden) == (function, 9, HIDDEN_POINTS)
