"""The batch grader: discovery, unreadable submissions, worker deaths, and resuming after kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder import batch

from .conftest import CATALOGUE, REFERENCE_STUDENT

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "autograder" / "examples"


def _class(folder: Path, size: int) -> list[str]:
    """``size`` .py submissions: the examples, then the reference composed with catalogue bugs."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = {p.stem: p.read_text() for p in sorted(EXAMPLES.glob("*.py"))}
    base = REFERENCE_STUDENT.read_text() + "\n\n"
    for bug in sorted((CATALOGUE / "buggy").glob("*.py"))[::5]:
        sources[bug.stem] = base + bug.read_text()
    chosen = dict(list(sources.items())[:size])
    for student, source in chosen.items():
        (folder / f"{student}.py").write_text(source)
    return sorted(chosen)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def _grade_command(subs: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "autograder", "grade", str(subs), "--out", str(out), "--jobs", "2"]


def _records(out: Path) -> dict[str, dict]:
    records = {}
    for path in sorted((out / "reports").glob("*.json")):
        record = json.loads(path.read_text())
        record.pop("elapsed")
        for check in record["checks"]:
            check.pop("warnings", None)
        records[path.stem] = record
    return records


# ------------------------------------------------------------------------------ discovery


def test_plain_folder_files_and_subfolders(tmp_path):
    (tmp_path / "alice.py").write_text("x = 1\n")
    (tmp_path / "bob.ipynb").write_text("{}")
    (tmp_path / "carol").mkdir()
    (tmp_path / "carol" / "work.py").write_text("x = 1\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("not a submission")
    items = batch.discover(tmp_path)
    assert [(i.student, i.path.name) for i in items] == [
        ("alice", "alice.py"), ("bob", "bob.ipynb"), ("carol", "carol"), ("empty", "empty")]


def test_nbgrader_layout_from_course_root_or_submitted(tmp_path):
    for student in ("zoe", "adam"):
        folder = tmp_path / "submitted" / student / "xent"
        folder.mkdir(parents=True)
        (folder / "01_entropy.ipynb").write_text("{}")
    for root in (tmp_path, tmp_path / "submitted"):
        items = batch.discover(root)
        assert [i.student for i in items] == ["adam", "zoe"]
        assert all(i.path.name == "xent" for i in items)
    (tmp_path / "submitted" / "zoe" / "other").mkdir()
    with pytest.raises(ValueError, match="--assignment"):
        batch.discover(tmp_path)
    assert [i.student for i in batch.discover(tmp_path, assignment="other")] == ["zoe"]


def test_two_submissions_for_one_student_is_an_error(tmp_path):
    (tmp_path / "alice.py").write_text("x = 1\n")
    (tmp_path / "alice.ipynb").write_text("{}")
    with pytest.raises(ValueError, match="alice"):
        batch.discover(tmp_path)


def test_hash_changes_with_content(tmp_path):
    path = tmp_path / "a.py"
    path.write_text("x = 1\n")
    first = batch.submission_hash(path)
    path.write_text("x = 2\n")
    assert batch.submission_hash(path) != first


def test_a_changed_grader_regrades_and_an_unchanged_one_does_not(tmp_path):
    subs = tmp_path / "subs"
    _class(subs, 2)
    items, out = batch.discover(subs), tmp_path / "out"
    assert batch.grade_all(items, out, jobs=1, quiet=True, grader="v1")["graded"] == 2
    assert batch.grade_all(items, out, jobs=1, quiet=True, grader="v1")["skipped"] == 2
    assert batch.grade_all(items, out, jobs=1, quiet=True, grader="v2")["graded"] == 2


def test_the_grader_fingerprint_covers_checks_and_reference():
    first = batch.grader_fingerprint()
    assert first == batch.grader_fingerprint() and len(first) == 64
    tolerance = REPO / "autograder" / "tolerance.py"
    text = tolerance.read_text()
    try:
        tolerance.write_text(text + "\n")
        assert batch.grader_fingerprint() != first
    finally:
        tolerance.write_text(text)
    assert batch.grader_fingerprint() == first


# ------------------------------------------------------------------------------ grading


def test_unreadable_submission_scores_zero_and_the_rest_are_graded(tmp_path):
    subs = tmp_path / "subs"
    _class(subs, 2)  # almost_there, correct
    (subs / "broken.py").write_bytes(b"\xff\xfe\x00\x00binary")
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=2, quiet=True) == 0
    rows = (out / "grades.csv").read_text().splitlines()
    assert rows[0].startswith("student,entropy,")
    by_student = {row.split(",")[0]: row.split(",") for row in rows[1:]}
    assert set(by_student) == {"almost_there", "broken", "correct"}
    assert by_student["broken"][-2:] == ["0", "90"]
    assert by_student["correct"][-2:] == ["90", "90"]
    broken = json.loads((out / "reports" / "broken.json").read_text())
    assert "could not be read" in broken["notes"][0]
    assert all(c["status"] == "error" for c in broken["checks"])


def crash_on_marker(student: str, path: str, shown: str) -> dict:
    """A grading function whose worker dies on the student called ``crash``."""
    if student == "crash":
        os._exit(3)
    return batch.grade_item(student, path, shown)


def test_worker_death_is_retried_once_then_reported(tmp_path):
    subs = tmp_path / "subs"
    _class(subs, 3)
    (subs / "crash.py").write_text(REFERENCE_STUDENT.read_text())
    items = batch.discover(subs)
    counts = batch.grade_all(items, tmp_path / "out", jobs=2, quiet=True, grade=crash_on_marker)
    assert counts["worker_deaths"] == 2  # once in the pool, once alone
    records = _records(tmp_path / "out")
    assert set(records) == {"almost_there", "correct", "crash", "first_attempt"}
    crash = records["crash"]
    assert sum(c["points"] for c in crash["checks"]) == 0
    assert "stopped twice" in crash["notes"][0]
    assert sum(c["points"] for c in records["correct"]["checks"]) == 90


# ------------------------------------------------------------------------------ resuming


def test_resume_after_kill_matches_an_uninterrupted_run(tmp_path):
    subs = tmp_path / "subs"
    students = _class(subs, 12)
    assert len(students) == 12
    env = _env()

    reference = tmp_path / "reference"
    subprocess.run(_grade_command(subs, reference) + ["--quiet"], env=env, check=True, timeout=120)

    out = tmp_path / "out"
    process = subprocess.Popen(_grade_command(subs, out) + ["--quiet"], env=env,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while not list((out / "reports").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    try:
        os.killpg(process.pid, signal.SIGKILL)  # whatever the dead parent left behind
    except ProcessLookupError:
        pass
    done_before = {p.name: p.stat().st_mtime_ns for p in (out / "reports").glob("*.json")}
    assert 1 <= len(done_before) < 12

    rerun = subprocess.run(_grade_command(subs, out), env=env, capture_output=True, text=True,
                           timeout=120, check=True)
    assert f"graded {12 - len(done_before)}, already done {len(done_before)}" in rerun.stderr
    for name, mtime in done_before.items():  # not regraded
        assert (out / "reports" / name).stat().st_mtime_ns == mtime
    regraded = {line.split()[1].rstrip(":") for line in rerun.stderr.splitlines()
                if line.startswith("graded ") and ": " in line}
    assert regraded == set(students) - {Path(n).stem for n in done_before}

    assert sorted(_records(out)) == students  # everyone once, nobody twice
    assert _records(out) == _records(reference)
    assert not list(out.rglob("*.tmp"))
    for name in ("grades.csv", "class_report.html"):
        assert (out / name).read_text() == (reference / name).read_text()
    for folder in ("results", "feedback"):
        assert sorted(p.name for p in (out / folder).iterdir()) == \
            sorted(p.name for p in (reference / folder).iterdir())
