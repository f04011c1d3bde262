"""The canary graded in parts by the pool's workers: the parts cover the class, and any part that
fails, or whose worker dies, stops the run before a student's report is written."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

from autograder import batch, canary
from autograder.checks import FUNCTIONS, checks_for
from autograder.model import CheckResult, Report, Status

EXAMPLES = Path(__file__).resolve().parent.parent / "autograder" / "examples"


@pytest.mark.parametrize("count", [1, 2, 3, 20])
def test_the_parts_hold_every_function_once_and_about_as_many_checks(count):
    parts = canary.parts(None, count)
    assert len(parts) == min(count, len(FUNCTIONS))
    assert sorted(f for part in parts for f in part) == sorted(FUNCTIONS)
    weights = [len(checks_for(part)) for part in parts]
    assert max(weights) - min(weights) <= max(len(checks_for((f,))) for f in FUNCTIONS)
    assert canary.parts(("entropy", "bernoulli_mle"), 3) == [("entropy",), ("bernoulli_mle",)]


def _result(name: str, points: float) -> CheckResult:
    return CheckResult(name, name.split(".")[0], 2.0, points,
                       Status.PASSED if points == 2.0 else Status.FAILED, "")


def test_the_verdict_needs_every_part_at_full_marks():
    good = Report("canary.py", (_result("entropy.basic", 2.0),), ("a note",))
    other = Report("canary.py", (_result("bernoulli_mle.basic", 2.0),), ("a note",))
    verdict, report = canary.verdict("the reference solutions", [good, other])
    assert verdict.ok and report.max_score == 4 and report.notes == ("a note",)
    lost = Report("canary.py", (_result("bernoulli_mle.basic", 0.0),))
    verdict, _ = canary.verdict("the reference solutions", [good, lost])
    assert not verdict.ok and "bernoulli_mle.basic" in verdict.reason
    verdict, _ = canary.verdict("the reference solutions", [good, "the loader rejects it"])
    assert not verdict.ok and verdict.reason == "the loader rejects it"


def _dies(functions, limits):
    os._exit(3)


def test_a_worker_that_dies_grading_the_canary_fails_it(monkeypatch):
    monkeypatch.setattr(canary, "grade_part", _dies)
    with ProcessPoolExecutor(2, mp_context=get_context("fork")) as pool:
        verdict = canary.wait(canary.start(pool, None, None, 2))
    assert not verdict.ok and "stopped (BrokenProcessPool" in verdict.reason


def test_a_failing_part_stops_the_class_before_any_report(tmp_path, capsys, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a.py").write_text((EXAMPLES / "correct.py").read_text())
    wrong = (EXAMPLES / "correct.py").read_text().replace("def bernoulli_mle", "def _unused")
    monkeypatch.setattr(canary, "canary_source", lambda: ("the reference solutions", wrong))
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=2) == 2
    assert "lose points on bernoulli_mle." in capsys.readouterr().err
    assert not (out / "reports").exists() or not any((out / "reports").iterdir())
    assert not (out / "grades.csv").exists()


def test_a_rerun_writes_its_outputs_only_after_the_canary_passes(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a.py").write_text((EXAMPLES / "correct.py").read_text())
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=2, quiet=True) == 0
    first = (out / "grades.csv").read_text()
    report = out / "reports" / "a.json"  # edited behind the grader's back: still fresh
    report.write_text(report.read_text().replace('"points": 2.0', '"points": 0.0', 1))
    right = canary.canary_source()
    wrong = ("the reference solutions", right[1].replace("def entropy(", "def _entropy("))
    monkeypatch.setattr(canary, "canary_source", lambda: wrong)
    assert batch.main(submissions=str(subs), out=str(out), jobs=2, quiet=True) == 2
    assert (out / "grades.csv").read_text() == first  # rendered while it ran, never written
    monkeypatch.setattr(canary, "canary_source", lambda: right)
    assert batch.main(submissions=str(subs), out=str(out), jobs=2, quiet=True) == 0
    assert (out / "grades.csv").read_text() != first  # the outputs follow the reports
