"""Hostile submissions: one batch grades the baseline, honest students and every trick in
tests/hostile/tamper; no trick may gain points or reach anything outside its own sandbox.

Each trick is ``tests/hostile/baseline.py`` (29/90: typical bugs) followed by the trick file.
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

#: Tricks that still get through, and what is still open for each. An entry is removed once the
#: hole is closed (the test then passes; strict=False only tolerates a machine where it passes).
FIXED_ELSEWHERE: dict[str, str] = {}

#: Tricks whose grading still costs the grader more than harness.GRADER_MEMORY or GRADER_CPU.
#: (source_3mb_one_line and source_1mb_many_statements were here: the loader's token cap now
#: refuses them before parsing; source_under_token_cap_* are the largest inputs it reads.)
COSTLY_ELSEWHERE: dict[str, str] = {}


def _param(trick, fixed=FIXED_ELSEWHERE):
    marks = [pytest.mark.slow] if trick.slow else []
    if trick.name in fixed:
        marks.append(pytest.mark.xfail(reason=fixed[trick.name], strict=False))
    return pytest.param(trick, id=trick.name, marks=marks)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Every trick but the slow ones, in one batch with the honest students."""
    return harness.grade_hostile_class(tmp_path_factory.mktemp("hostile"), slow=False)


@pytest.fixture(scope="module")
def hostile_slow(tmp_path_factory):
    """The slow tricks (huge inputs, and those that stop a batch), in a batch of their own."""
    return harness.grade_hostile_class(tmp_path_factory.mktemp("hostile_slow"), slow=True)


def test_corpus():
    assert len(TRICKS) >= 55
    for trick in TRICKS:
        if trick.source() is not None:
            ast.parse(trick.source(), trick.path.name)  # a trick is code, not a syntax error
    assert len({t.student for t in TRICKS}) == len(TRICKS)


def test_baseline_scores_strictly_between_0_and_full_marks(hostile):
    assert 0 < hostile.baseline_score < harness.MAX_SCORE
    assert hostile.alone["correct"] and harness.score(hostile.alone["correct"]) == harness.MAX_SCORE


@pytest.mark.parametrize("trick", [_param(t) for t in TRICKS])
def test_trick_gains_nothing_and_reaches_nothing(request, trick):
    run = request.getfixturevalue("hostile_slow" if trick.slow else "hostile")
    if trick.name in run.skipped:
        pytest.skip(run.skipped[trick.name])
    problems = run.problems(trick)
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


def test_no_kernel_key_left_behind(hostile):
    assert not hostile.key_problems()


@pytest.mark.slow
def test_the_slow_batch_completes_and_spares_the_innocents(hostile_slow):
    assert not hostile_slow.batch_problems() + hostile_slow.innocent_problems()


def test_the_grader_stays_small_during_the_batch(hostile):
    print(f"\ngrader's own processes during the batch: peak {hostile.grader_peak_rss >> 20} MB, "
          f"{hostile.grader_cpu:.1f} s CPU")
    assert not hostile.cost_problems()


COSTLY = [t for t in TRICKS if "cost" in t.targets]


@pytest.mark.slow
@pytest.mark.parametrize("trick", [_param(t, COSTLY_ELSEWHERE) for t in COSTLY])
def test_grading_it_costs_the_grader_little(trick, tmp_path):
    peak, cpu, wall = harness.grader_cost(trick, tmp_path)
    print(f"\n{trick.name}: grader peak {peak >> 20} MB, {cpu:.1f} s CPU, {wall:.1f} s wall")
    assert peak < harness.GRADER_MEMORY and cpu < harness.GRADER_CPU
