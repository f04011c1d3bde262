"""The kit's most valuable test: known bugs lose the intended points, correct variants lose none.

Each entry of ``tests/catalogue`` redefines one function of a correct student file. A buggy
entry must fail every check its header names, with the diagnosis its header names; a correct
entry, written in another style (loops, fsum, masks, scipy…), must get full marks.
"""

from __future__ import annotations

import pytest

from autograder.checks import CATALOGUE, FUNCTIONS
from autograder.model import Status
from autograder.runner import grade_path

from .conftest import REFERENCE_STUDENT, entries

BUGGY = entries("buggy")
CORRECT = entries("correct")


def test_catalogue_is_large_enough():
    assert len(BUGGY) >= 42
    assert len(CORRECT) >= 18
    assert {e.function for e in BUGGY} == set(FUNCTIONS)
    assert {e.function for e in CORRECT} == set(FUNCTIONS)


def test_headers_name_real_checks():
    names = {c.name for checks in CATALOGUE.values() for c in checks}
    for entry in BUGGY:
        assert entry.checks, f"{entry.id} names no check"
        unknown = set(entry.checks) - names
        assert not unknown, f"{entry.id} names unknown checks {unknown}"
        assert all(c.startswith(entry.function + ".") for c in entry.checks), entry.id


def test_reference_student_file_scores_full_marks():
    report = grade_path(REFERENCE_STUDENT, redact=False)
    failed = [r.name for r in report.results if not r.passed]
    assert not failed, failed
    assert report.score == report.max_score == 90


@pytest.mark.parametrize("entry", CORRECT, ids=lambda e: e.id)
def test_correct_variant_gets_full_marks(entry, write_submission):
    report = grade_path(write_submission(entry.submission_source()), functions=(entry.function,),
                        redact=False)
    failures = {r.name: (r.counterexample, r.message) for r in report.results if not r.passed}
    assert not failures, failures


@pytest.mark.parametrize("entry", BUGGY, ids=lambda e: e.id)
def test_buggy_variant_fails_its_check_with_its_diagnosis(entry, write_submission):
    report = grade_path(write_submission(entry.submission_source()), functions=(entry.function,),
                        redact=False)
    results = {r.name: r for r in report.results}
    got, top = report.function_score(entry.function)
    assert got < top, f"{entry.id} lost no points ({entry.why})"
    for name in entry.checks:
        assert results[name].status is not Status.PASSED, f"{name} passed for {entry.id}"
    if entry.diagnosis:
        seen = {n: results[n].counterexample.diagnosis for n in entry.checks
                if results[n].counterexample}
        assert entry.diagnosis in seen.values(), (
            f"{entry.id}: expected diagnosis {entry.diagnosis!r}, got {seen}")
