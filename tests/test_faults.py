"""Faults around the batch grader: kill -9 at several moments then resume, workers that die,
and determinism (grading the same thing twice writes the same bytes but for timing fields).

The batch runs under ``tests/hostile/nsinit.py`` as a child subreaper, in a session of its own:
whatever the killed batch leaves behind (a worker, a zygote, a sandbox child) is reparented to
nsinit and listed a second after the batch's death.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from autograder import batch

from .hostile import harness

TIMING = re.compile(r'^\s*"(elapsed|execution_time)": [0-9.e+-]+,?\n', re.M)


def _class(folder: Path) -> list[str]:
    """Twelve .py submissions: the examples, the baseline and reference + catalogue bug."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = {p.stem: p.read_text() for p in sorted((harness.REPO / "autograder" / "examples")
                                                      .glob("*.py"))}
    sources["baseline"] = harness.BASELINE.read_text()
    student = (harness.CATALOGUE / "reference_student.py").read_text() + "\n\n"
    for bug in sorted((harness.CATALOGUE / "buggy").glob("*.py"))[::8][:7]:
        sources[bug.stem] = student + bug.read_text()
    harness.write_class(folder, sources)
    return sorted(sources)


def _without_timing(text: str) -> str:
    return TIMING.sub("", text)


def _outputs(out: Path) -> dict[str, str]:
    """Every output file's text, timing fields removed."""
    return {str(p.relative_to(out)): _without_timing(p.read_text())
            for p in sorted(out.rglob("*")) if p.is_file()}


def _grade(subs: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(harness.grade_command(subs, out), cwd=subs.parent, env=harness.env(),
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """(submissions folder, students, the output of one uninterrupted run)."""
    root = tmp_path_factory.mktemp("faults")
    students = _class(root / "subs")
    done = _grade(root / "subs", root / "reference")
    assert done.returncode == 0, done.stderr[-2000:]
    return root / "subs", students, root / "reference"


# --------------------------------------------------------------------- kill -9, then resume


def _reports(out: Path) -> list[Path]:
    return sorted((out / "reports").glob("*.json")) if (out / "reports").is_dir() else []


MOMENTS = {
    "before_the_first_report": lambda out, n: (out / "reports").is_dir(),
    "after_the_first_report": lambda out, n: len(_reports(out)) >= 1,
    "half_way": lambda out, n: len(_reports(out)) >= n // 2,
    "after_the_last_report": lambda out, n: len(_reports(out)) >= n,
}


@pytest.mark.parametrize("moment,how", [("before_the_first_report", "group"),
                                        ("after_the_first_report", "main"),
                                        ("half_way", "group"),
                                        ("after_the_last_report", "main")])
def test_kill_9_then_resume_loses_and_duplicates_nothing(klass, tmp_path, moment, how):
    """``group``: killpg the batch (its workers and zygotes share its group; sandbox children
    do not). ``main``: kill only the main process, as the OOM killer would."""
    subs, students, reference = klass
    out = tmp_path / "out"
    running = harness.Isolated(harness.grade_command(subs, out), cwd=tmp_path, timeout=120,
                               namespace=False)
    deadline = time.monotonic() + 60
    pid = None
    while time.monotonic() < deadline and running.popen.poll() is None:
        pid = pid or running.command_pid()
        if pid and MOMENTS[moment](out, len(students)):
            break
        time.sleep(0.005)
    assert pid is not None
    try:
        (os.killpg if how == "group" else os.kill)(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it finished first: resuming must then be a no-op
    killed = running.finish()
    assert killed.leftover == [], harness.describe_processes(killed.leftover)
    before = {p.name: p.stat().st_mtime_ns for p in _reports(out)}
    if moment != "after_the_last_report":  # it really was interrupted
        assert killed.returncode == -signal.SIGKILL and len(before) < len(students)

    resumed = harness.run_isolated(harness.grade_command(subs, out), cwd=tmp_path, timeout=120,
                                   namespace=False)
    assert resumed.returncode == 0, resumed.stderr.decode()[-2000:]
    assert resumed.leftover == [], harness.describe_processes(resumed.leftover)
    stderr = resumed.stderr.decode()
    assert f"graded {len(students) - len(before)}, already done {len(before)}" in stderr
    regraded = set(harness.graded_scores(resumed))
    assert regraded == set(students) - {Path(n).stem for n in before}
    for name, mtime in before.items():  # what was done is not done again
        assert (out / "reports" / name).stat().st_mtime_ns == mtime
    assert sorted(p.stem for p in _reports(out)) == students  # everyone once
    assert not list(out.rglob(".*.tmp"))
    assert _outputs(out) == _outputs(reference)


# ------------------------------------------------------------------------- workers that die

_MARKER: Path | None = None  # set by the test; forked workers inherit it


def _dies(student: str, path: str, shown: str) -> dict:
    """Kill the worker: always for ``always``, the first time only for ``flaky``."""
    if student == "always":
        os._exit(3)
    if student == "flaky":
        try:
            os.close(os.open(_MARKER, os.O_CREAT | os.O_EXCL))
            os._exit(3)
        except FileExistsError:
            pass
    return batch.grade_item(student, path, shown)


def test_a_worker_that_dies_once_is_retried_and_one_that_always_dies_is_reported(klass, tmp_path):
    global _MARKER
    subs, students, reference = klass
    folder = tmp_path / "subs"
    harness.write_class(folder, {s: (subs / f"{s}.py").read_text() for s in students[:5]})
    (folder / "flaky.py").write_text((subs / "correct.py").read_text())
    (folder / "always.py").write_text((subs / "correct.py").read_text())
    _MARKER = tmp_path / "flaky-died"
    counts = batch.grade_all(batch.discover(folder), tmp_path / "out", jobs=2, quiet=True,
                             root=folder, grade=_dies)
    assert _MARKER.exists() and counts["worker_deaths"] >= 2
    got = harness.records(tmp_path / "out")
    assert sorted(got) == sorted(students[:5] + ["flaky", "always"])
    expected = harness.records(reference)
    for student in students[:5]:
        assert harness.comparable(got[student]) == harness.comparable(expected[student])
    flaky = harness.comparable(got["flaky"])
    correct = harness.comparable(expected["correct"])
    for record in (flaky, correct):
        for key in ("student", "submission", "hash"):
            record.pop(key)
    assert flaky == correct  # its real report, not an error
    always = got["always"]
    assert harness.score(always) == 0 and harness.max_score(always) == 90
    assert all(c["status"] == "error" for c in always["checks"])
    assert "stopped twice" in always["notes"][0] and always["outcome"] == "errored"
    assert "python -m autograder check" in always["instructor_notes"][0]


# ---------------------------------------------------------------------------- determinism


def test_grading_twice_writes_the_same_bytes_but_for_timing(klass, tmp_path):
    subs, _students, reference = klass
    again = _grade(subs, tmp_path / "again")
    assert again.returncode == 0, again.stderr[-2000:]
    first, second = _outputs(reference), _outputs(tmp_path / "again")
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name
    for path in _reports(reference):  # the only difference in a report is its "elapsed"
        old = json.loads(path.read_text())
        new = json.loads((tmp_path / "again" / "reports" / path.name).read_text())
        assert set(old) == set(new) and old.pop("elapsed") >= 0 and new.pop("elapsed") >= 0
        assert old == new


def test_the_same_file_under_two_names_gets_the_same_report(klass, tmp_path):
    subs, _students, _reference = klass
    folder = tmp_path / "subs"
    harness.write_class(folder, {"alice": harness.BASELINE.read_text(),
                                 "bob": harness.BASELINE.read_text()})
    assert _grade(folder, tmp_path / "out").returncode == 0
    alice, bob = (harness.comparable(r) for r in harness.records(tmp_path / "out").values())
    for record in (alice, bob):
        for key in ("student", "submission", "hash"):  # the hash covers the file's name
            record.pop(key)
    assert alice == bob
