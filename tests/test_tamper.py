"""Hostile submissions: one batch grades the baseline, honest students and every trick in
tests/hostile/tamper; no trick may gain points or reach anything outside its own sandbox.

Each trick is ``tests/hostile/baseline.py`` (35/60 of typical bugs) followed by the trick file.
A trick passes when its score (as the grader computed it) is at most the baseline's, its report
has every check, and whatever its header's ``targets`` names is intact: innocent neighbours
graded as when alone, reports on disk as the grader wrote them, grades.csv, a fake nbgrader
gradebook, the kit's and reference's files, no process left behind, the batch finished.
The same facts are also asserted for the batch as a whole, without attribution.

The batch runs as the init of a PID namespace when the machine allows it
(``tests/hostile/nsinit.py``), so ``kill_everything`` only sees the grader. The kit's files are
restored if ``tamper_kit_files`` got through (only its line is removed).
"""

from __future__ import annotations

import ast

import pytest

from .hostile import harness

TRICKS = harness.tricks()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return harness.grade_hostile_class(tmp_path_factory.mktemp("hostile"))


def test_corpus():
    assert len(TRICKS) >= 22
    for trick in TRICKS:
        ast.parse(trick.source(), trick.path.name)  # a trick is code, not a syntax error
    assert len({t.student for t in TRICKS}) == len(TRICKS)


def test_baseline_scores_strictly_between_0_and_60(hostile):
    assert 0 < hostile.baseline_score < harness.MAX_SCORE
    assert hostile.alone["correct"] and harness.score(hostile.alone["correct"]) == 60


@pytest.mark.parametrize("trick", TRICKS, ids=lambda t: t.name)
def test_trick_gains_nothing_and_reaches_nothing(hostile, trick):
    if trick.name in hostile.skipped:
        pytest.skip(hostile.skipped[trick.name])
    problems = hostile.problems(trick)
    assert not problems, f"{trick.name} ({trick.tries}):\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------- the batch as a whole


def test_the_batch_completed(hostile):
    assert not hostile.batch_problems()


def test_innocents_graded_exactly_as_when_alone(hostile):
    assert not hostile.innocent_problems()


def test_reports_on_disk_are_what_the_grader_computed(hostile):
    assert not hostile.report_problems()


def test_grades_csv_agrees_with_the_reports(hostile):
    assert not hostile.grades_problems()


def test_kit_and_reference_files_unchanged(hostile):
    assert not hostile.kit_changed, (
        f"changed during the batch: {hostile.kit_changed}; tamper_kit_files' line was removed "
        f"again from {hostile.kit_repaired} (a file someone edited meanwhile is listed too)")


def test_gradebook_unchanged(hostile):
    assert hostile.gradebook_before == hostile.gradebook_after


def test_no_process_left_behind(hostile):
    assert not hostile.leftover(), "; ".join(harness.describe_processes(hostile.leftover()))


def test_no_hidden_check_data_in_any_output(hostile):
    assert not hostile.secret_problems()


def test_the_batch_output_stays_small(hostile):
    assert not hostile.output_problems()
