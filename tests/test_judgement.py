"""Judgement round 2: inputs stay untouched, warnings are reported not scored, and the
tolerance policy holds on both sides of the catalogue."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

from autograder import wording
from autograder.model import Status
from autograder.runner import grade_path, warning_notes

from .conftest import REFERENCE_STUDENT

BENCH = Path(__file__).parents[1] / "bench" / "tolerance_margins.py"

MUTATES = '''
def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p[p == 0] = 1.0
    return float(-np.sum(p * np.log(p))) + 0.0
'''

WARNS = '''
def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    h = -np.sum(np.where(p > 0, p * np.log(p), 0.0))
    return float(h if base is None else h / np.log(base)) + 0.0
'''


def _bench():
    spec = importlib.util.spec_from_file_location("tolerance_margins", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_function_that_changes_its_input_is_told_where(write_submission):
    path = write_submission(REFERENCE_STUDENT.read_text() + MUTATES)
    report = grade_path(path, functions=("entropy",), redact=False)
    result = {r.name: r for r in report.results}["entropy.zero_probability"]
    assert result.status is Status.FAILED
    assert result.counterexample.diagnosis == "input_changed"
    assert "changed its input" in result.message and "p[2] was 1.0 instead of 0.0" in result.message
    assert {r.name: r for r in report.results}["entropy.basic"].passed  # no zeros: untouched


def test_warnings_are_one_note_per_function_and_cost_nothing(write_submission):
    path = write_submission(REFERENCE_STUDENT.read_text() + WARNS)
    report = grade_path(path, functions=("entropy", "kl_divergence"), redact=False)
    assert report.score == report.max_score
    notes = [n for n in report.notes if "warned" in n]
    assert len(notes) == 1 and notes[0].startswith("entropy: numpy warned: divide by zero")
    assert "in " in notes[0] and " calls" in notes[0]


def test_warning_note_wording():
    notes = warning_notes({"kl_divergence": {"RuntimeWarning: invalid value encountered": 1},
                           "entropy": {"RuntimeWarning: divide by zero encountered in log": 3,
                                       "DeprecationWarning: old": 2}})
    assert notes[0].startswith("entropy: numpy warned: divide by zero encountered in log, "
                               "in 3 calls; Python warned (DeprecationWarning): old, in 2 calls")
    assert notes[1].startswith("kl_divergence: numpy warned: invalid value encountered, in 1 call.")
    assert wording.warned("f", {"RuntimeWarning: a": 1, "RuntimeWarning: b": 2}).startswith(
        "f: numpy warned: a, in 1 call; b, in 2 calls.")


@pytest.mark.slow
def test_every_correct_entry_is_within_its_bound_with_margin():
    bench = _bench()
    for function in bench.FUNCTIONS:
        cases = bench.cases_of(function)
        for path in [None, *sorted((bench.CATALOGUE_DIR / "correct").glob(f"{function}__*.py"))]:
            worst, where = bench.worst(bench._functions(path), function, cases)
            assert worst < 0.75, (path, worst, where)  # one side's single rounding is 0.5


@pytest.mark.slow
def test_every_numeric_bug_exceeds_its_bound_and_no_bug_rests_on_one_check():
    bench = _bench()
    for path in sorted((bench.CATALOGUE_DIR / "buggy").glob("*__bias_*.py")):
        function = bench._header(path, "function")
        worst, _ = bench.worst(bench._functions(path), function, bench.cases_of(function))
        assert worst > 1 or math.isinf(worst), path
    single = [stem for stem, failed in bench.lines_of_defence() if len(failed) < 2]
    assert not single, single
