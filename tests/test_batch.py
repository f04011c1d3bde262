"""The batch grader: discovery, unreadable submissions, worker deaths, and resuming after kill -9."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
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


def _grades(out: Path) -> dict[str, dict[str, str]]:
    """grades.csv as {student: {column: cell}}."""
    with open(out / "grades.csv", newline="", encoding="utf-8") as f:
        return {row["student"]: row for row in csv.DictReader(f)}


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
    assert (out / "grades.csv").read_text().startswith("student,entropy,")
    by_student = _grades(out)
    assert set(by_student) == {"almost_there", "broken", "correct"}
    assert (by_student["broken"]["total"], by_student["broken"]["max"]) == ("0", "90")
    assert by_student["broken"]["outcome"] == "unreadable"
    assert (by_student["correct"]["total"], by_student["correct"]["max"]) == ("90", "90")
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
    assert "stopped twice" in crash["notes"][0] and crash["outcome"] == "errored"
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


# --------------------------------------------------------------- fail closed, per student

from autograder import canary, one_student, records  # noqa: E402
from autograder.loader import SubmissionError  # noqa: E402

HOSTILE_TEXT = "caf\ud800 \x1b[31m\x00 <script>alert(1)</script> **bold** [x](javascript:y) =1+1"


def _crashing(real, failures: dict[str, BaseException]):
    """``real`` (a loader or grader), raising ``failures[name]`` for the submission ``name``."""
    def call(submission, *args, **kwargs):
        path = getattr(submission, "path", submission)
        for name, error in failures.items():
            if Path(str(path)).stem == name:
                raise error
        return real(submission, *args, **kwargs)
    return call


FAILURES = {
    "recursion": RecursionError("maximum recursion depth exceeded"),
    "bigint": ValueError("Exceeds the limit (4300 digits) for integer string conversion"),
    "surrogate": UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"),
    "memory": MemoryError(),
    "keyerror": KeyError("checks"),
}


def test_any_exception_in_loading_or_grading_is_that_students_report(tmp_path, monkeypatch):
    """The triggers are fixed on other branches (loader limits, wire errors); whatever still
    escapes is caught here: every neighbour graded, a row for everyone, a rerun completes."""
    from autograder import loader, runner

    subs = tmp_path / "subs"
    _class(subs, 2)
    for name in FAILURES:
        (subs / f"{name}.py").write_text((EXAMPLES / "correct.py").read_text())
    loading = {k: v for k, v in FAILURES.items() if k in ("recursion", "bigint")}
    grading = {k: v for k, v in FAILURES.items() if k not in loading}
    monkeypatch.setattr(loader, "load_submission", _crashing(loader.load_submission, loading))
    monkeypatch.setattr(runner, "grade_submission",
                        _crashing(runner.grade_submission, grading))
    out = tmp_path / "out"
    for _ in range(2):  # and a rerun completes too
        assert batch.main(submissions=str(subs), out=str(out), jobs=2, quiet=True,
                          canary=False) == 0
        grades = _grades(out)
        assert set(grades) == {"almost_there", "correct", *FAILURES}
        assert grades["correct"]["total"] == "90"
        for name in FAILURES:
            assert (grades[name]["total"], grades[name]["max"]) == ("0", "90")
            assert grades[name]["outcome"] == "errored"
            record = json.loads((out / "reports" / f"{name}.json").read_text())
            assert record["notes"][0].startswith("The grader could not finish grading")
            assert (out / "feedback" / f"{name}.html").exists()


def test_a_crash_in_the_batch_itself_is_that_students_report(tmp_path):
    subs = tmp_path / "subs"
    _class(subs, 2)

    out = tmp_path / "out"
    counts = batch.grade_all(batch.discover(subs), out, jobs=1, quiet=True,
                             grade=_unpicklable_for_correct, functions=None)
    assert counts["graded"] == 2
    got = _records(out)
    assert got["correct"]["outcome"] == "errored"
    assert got["almost_there"]["outcome"] == "graded"


def _unpicklable_for_correct(student: str, path: str, shown: str) -> dict:
    record = batch.grade_item(student, path, shown, functions=("entropy",))
    if student == "correct":
        record["checks"] = lambda: None  # cannot cross back from the worker
    return record


def test_outputs_survive_any_text_and_escape_it(tmp_path):
    subs = tmp_path / "subs"
    _class(subs, 1)
    (subs / "hostile.py").write_text(
        "def entropy(p, base=None):\n"
        f"    raise ValueError({HOSTILE_TEXT!r})\n", encoding="utf-8", errors="surrogatepass")
    name = os.fsdecode(b"bad\xffname")  # a file name that is not UTF-8: a lone surrogate
    (subs / f"{name}.py").write_text("def entropy(p, base=None):\n    return 0.5\n")
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=2, quiet=True, canary=False) == 0
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 8
    for path in files:
        text = path.read_text(encoding="utf-8")  # strict: every output is valid UTF-8
        assert "\x1b" not in text and "\x00" not in text
        if path.suffix == ".md":  # raw HTML only inside a code fence, where it is shown
            text = re.sub(r"(`{3,})\n.*?\n\1", "", text, flags=re.S)
        if path.suffix in (".html", ".md"):
            assert "<script>" not in text, path
    grades = _grades(out)
    assert len(grades) == 3 and all(row["max"] == "90" for row in grades.values())
    assert "badname" in "".join(grades).replace("\ufffd", "")


def test_markdown_and_html_in_notes_are_escaped():
    from autograder.model import Report
    from autograder.render import class_report, html, markdown

    report = Report("s.py", (), notes=(HOSTILE_TEXT,),
                    meta={"outcome": "errored", "flags": [HOSTILE_TEXT],
                          "instructor_notes": [HOSTILE_TEXT]})
    md = markdown.render(report, student="<b>x</b>")
    assert "<script>" not in md and "<b>" not in md and "\\*\\*bold\\*\\*" in md
    assert "[x](javascript" not in md
    for page in (html.render(report, student="<b>x</b>"), class_report.render({"<b>": report})):
        assert "<script>" not in page and "&lt;script&gt;" in page and "<b>x" not in page


def test_a_csv_cell_is_never_a_formula(tmp_path):
    from autograder.model import Report
    from autograder.render import csv as render_csv

    text = render_csv.render({"=HYPERLINK(1)": Report("s", (), meta={"flags": ["-x"]})})
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["student"] == "'=HYPERLINK(1)" and row["flags"] == "'-x"


# ------------------------------------------------------------------------ fail honestly


def _notebook(source: str, function: str) -> str:
    return json.dumps({"cells": [
        {"cell_type": "code", "source": source, "metadata": {}, "outputs": [],
         "execution_count": None},
        {"cell_type": "code", "source": f'grade("{function}")\n', "metadata": {}, "outputs": [],
         "execution_count": None}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _function_source(name: str) -> str:
    """The reference student's definition of ``name`` (with numpy imported)."""
    import ast

    text = REFERENCE_STUDENT.read_text()
    tree = ast.parse(text)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return "import math\nimport numpy as np\n\n" + ast.get_source_segment(text, node) + "\n"
    raise KeyError(name)


def _course(root: Path, students: dict[str, dict[str, str]]) -> Path:
    """nbgrader's layout: ``submitted/<student>/xent/<notebook>``."""
    for student, notebooks in students.items():
        folder = root / "submitted" / student / "xent"
        folder.mkdir(parents=True)
        for name, text in notebooks.items():
            (folder / name).write_text(text)
    return root


PAIRS = {"01_information.ipynb": ("entropy", "kl_divergence"),
         "02_cross_entropy.ipynb": ("cross_entropy", "binary_cross_entropy"),
         "03_likelihood.ipynb": ("bernoulli_log_likelihood", "bernoulli_mle")}


def _three_notebooks(truncate: str | None = None) -> dict[str, str]:
    notebooks = {}
    for name, functions in PAIRS.items():
        cells = json.loads(_notebook("\n".join(_function_source(f) for f in functions),
                                     functions[0]))
        cells["cells"].append({"cell_type": "code", "source": f'grade("{functions[1]}")',
                               "metadata": {}, "outputs": [], "execution_count": None})
        text = json.dumps(cells)
        notebooks[name] = text[: len(text) * 2 // 3] if name == truncate else text
    return notebooks


def test_one_unreadable_notebook_costs_its_functions_only(tmp_path):
    course = _course(tmp_path / "course", {"ada": _three_notebooks("03_likelihood.ipynb"),
                                           "bo": _three_notebooks()})
    out = tmp_path / "out"
    assert batch.main(submissions=str(course), out=str(out), jobs=2, quiet=True,
                      canary=False) == 0
    grades = _grades(out)
    # the class is graded on every function (no notebook 4 here: its 30 points are lost)
    assert (grades["bo"]["total"], grades["bo"]["max"]) == ("60", "90")
    ada = grades["ada"]
    assert (ada["total"], ada["max"], ada["outcome"]) == ("40", "90", "partly unreadable")
    assert (ada["bernoulli_log_likelihood"], ada["bernoulli_mle"]) == ("0", "0")
    note = json.loads((out / "reports" / "ada.json").read_text())["notes"][0]
    assert note.startswith("03_likelihood.ipynb could not be read, so bernoulli_log_likelihood, "
                           "bernoulli_mle, log_softmax")  # and the class's undeclared functions
    assert "The other notebooks were graded." in note


def _sentences(markdown_text: str) -> list[str]:
    """The prose of a feedback page (notes and messages), sentence by sentence."""
    import re

    prose = []
    for line in markdown_text.splitlines():
        if line.startswith(("#", "- **", "**Score", "```", "Failing case", "  expected",
                            "  got", "  at ")) or not line.strip():
            continue
        prose += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line.lstrip("> ")) if s.strip()]
    return prose


def test_feedback_never_repeats_a_sentence(tmp_path):
    subs = tmp_path / "subs"
    _class(subs, 4)
    (subs / "zoe.py").write_bytes(b"\xff\xfe\x00\x00binary")
    (subs / "loops.py").write_text("def entropy(p, base=None):\n    while True:\n        pass\n")
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=2, quiet=True, canary=False) == 0
    for page in sorted((out / "feedback").glob("*.md")):
        sentences = _sentences(page.read_text())
        repeated = {s for s in sentences if sentences.count(s) > 1}
        assert not repeated, (page.name, repeated)
    zoe = (out / "feedback" / "zoe.md").read_text()
    assert zoe.count("could not be read, so nothing in it was graded") == 1
    assert zoe.count("Not graded:") == 1  # said once, not under each of its 44 checks


def test_blank_and_unreadable_submissions_are_named_in_the_summary(tmp_path, capsys):
    subs = tmp_path / "subs"
    _class(subs, 2)
    (subs / "broken.py").write_bytes(b"\xff\xfe\x00\x00binary")
    (subs / "blank.py").write_text((EXAMPLES / "not_started.py").read_text())
    (subs / "cheat.py").write_text((EXAMPLES / "correct.py").read_text()
                                   + "\nimport math\nmath.log = abs\n")
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=2, canary=False) == 0
    err = capsys.readouterr().err
    summary = err[err.index("Summary of 5 submissions"):]
    assert "scores: min 0, median 12, max 90 (of 90); 2 with full marks" in summary
    assert re.search(r"blank: +1  blank\n", summary)
    assert re.search(r"unreadable: +1  broken\n", summary)
    assert re.search(r"errored: +0\n", summary)
    assert re.search(r"flagged: +1  cheat\n +cheat: patches math \(math.log = ...\) "
                     r"\(dropped, not run\)", summary)
    page = (out / "class_report.html").read_text()
    assert "Submissions to look at" in page and "patches math" in page
    assert "(2 blank, unreadable or errored left out)" in page


# ------------------------------------------------------------------------ instructor only


def test_dropped_statements_and_flags_reach_the_instructor_only(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "cheat.py").write_text((EXAMPLES / "correct.py").read_text()
                                   + "\nprint(entropy([0.5, 0.5]))\nimport numpy\n"
                                     "numpy.isclose = lambda *a, **k: True\n")
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=1, quiet=True, canary=False) == 0
    for path in [out / "results" / "cheat.json", *(out / "feedback").iterdir()]:
        text = path.read_text()
        assert "Dropped" not in text and "patches" not in text and "isclose" not in text
    report = json.loads((out / "reports" / "cheat.json").read_text())
    assert report["instructor_notes"][0].startswith("Dropped 2 top-level statements")
    assert report["flags"] == ["patches numpy (numpy.isclose = ...) (dropped, not run)"]
    assert "patches numpy" in _grades(out)["cheat"]["flags"]
    page = (out / "class_report.html").read_text()
    assert "Dropped 2 top-level statements" in page


# -------------------------------------------------------------------------------- canary


def test_the_canary_passes_and_is_printed(tmp_path, capsys):
    subs = tmp_path / "subs"
    _class(subs, 1)
    assert batch.main(submissions=str(subs), out=str(tmp_path / "out"), jobs=1) == 0
    assert ("canary: the reference solutions score 90/90 in the class's sandbox"
            in capsys.readouterr().err)


def test_a_canary_that_loses_points_stops_grading_with_exit_2(tmp_path, capsys, monkeypatch):
    subs = tmp_path / "subs"
    _class(subs, 1)
    wrong = (EXAMPLES / "correct.py").read_text().replace("nz * np.log(nz)", "nz * np.log2(nz)")
    monkeypatch.setattr(canary, "canary_source", lambda: ("the reference solutions", wrong))
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=1) == 2
    err = capsys.readouterr().err
    assert "not full marks: the reference solutions lose points on entropy." in err
    assert "wrong environment" in err and "Nothing was graded" in err
    assert not (out / "grades.csv").exists()


def test_a_sandbox_that_cannot_start_stops_grading_with_exit_2(tmp_path, capsys):
    from autograder.sandbox import Limits

    subs = tmp_path / "subs"
    _class(subs, 1)
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=1,
                      limits=Limits(memory_bytes=48 << 20)) == 2
    assert "the sandbox cannot run the reference solutions" in capsys.readouterr().err
    assert not (out / "grades.csv").exists()


def test_the_canary_names_a_stale_casebook():
    from autograder import wording
    from autograder.model import CheckResult, Report, Status

    report = Report("canary", (
        CheckResult("entropy.basic", "entropy", 2.0, 2.0, Status.PASSED, "ok"),
        CheckResult("entropy.bounds", "entropy", 1.0, 0.0, Status.ERROR, wording.stale_answers())))
    verdict = canary.diagnose(report, "the recorded answers")
    assert not verdict.ok and "casebook is stale" in verdict.reason


def test_on_a_students_copy_the_canary_is_the_recorded_answers(monkeypatch):
    from autograder import runner

    monkeypatch.setattr(runner, "reference_module", lambda: None)
    verdict, report = canary.run(("entropy", "bernoulli_mle"))
    assert verdict.ok and verdict.what == "the recorded answers"
    assert report.max_score == 18  # the public checks: hidden ones run at the instructor's


# ------------------------------------------------------------------- regrades and records


def test_regrade_one_student_and_compare_with_an_old_run(tmp_path, capsys):
    subs = tmp_path / "subs"
    _class(subs, 3)  # almost_there, correct, first_attempt
    old, new = tmp_path / "old", tmp_path / "new"
    assert batch.main(submissions=str(subs), out=str(old), jobs=2, quiet=True, canary=False) == 0
    shutil.copytree(old, new)
    before = {p.name: p.stat().st_mtime_ns for p in (new / "reports").glob("*.json")}
    (subs / "almost_there.py").write_text((EXAMPLES / "correct.py").read_text())
    (subs / "first_attempt.py").write_text((EXAMPLES / "correct.py").read_text())
    assert batch.main(submissions=str(subs), out=str(new), jobs=1, quiet=True, canary=False,
                      student="almost_there", compare=str(old)) == 0
    after = {p.name: p.stat().st_mtime_ns for p in (new / "reports").glob("*.json")}
    assert after["almost_there.json"] != before["almost_there.json"]
    assert after["first_attempt.json"] == before["first_attempt.json"]  # not asked for
    assert after["correct.json"] == before["correct.json"]
    printed = capsys.readouterr().out
    assert printed.startswith("almost_there: 12 -> 90\n  entropy ")
    assert "entropy.certainty failed 0/1 -> passed 1/1" in printed
    assert "first_attempt" not in printed and "correct:" not in printed
    assert batch.main(submissions=str(subs), out=str(new), quiet=True, canary=False,
                      student="nobody") == 2


def test_a_student_who_left_leaves_grades_csv(tmp_path):
    subs = tmp_path / "subs"
    _class(subs, 2)
    out = tmp_path / "out"
    assert batch.main(submissions=str(subs), out=str(out), jobs=2, quiet=True, canary=False) == 0
    (subs / "almost_there.py").unlink()
    assert batch.main(submissions=str(subs), out=str(out), jobs=1, quiet=True, canary=False) == 0
    assert set(_grades(out)) == {"correct"}
    assert (out / "removed" / "almost_there.json").exists()
    assert not (out / "feedback" / "almost_there.md").exists()
    assert not (out / "results" / "almost_there.json").exists()


def test_late_penalty_from_nbgrader_timestamps(tmp_path):
    source = (EXAMPLES / "correct.py").read_text()
    course = tmp_path / "course"
    times = {"early": "2026-03-01 12:00:00.000000 UTC", "late": "2026-03-03 09:00:00 UTC",
             "very_late": "2026-03-20T00:00:00+00:00", "untimed": None}
    for student, stamp in times.items():
        folder = course / "submitted" / student / "xent"
        folder.mkdir(parents=True)
        (folder / "work.py").write_text(source)
        if stamp:
            (folder / "timestamp.txt").write_text(stamp + "\n")
    out = tmp_path / "out"
    assert batch.main(submissions=str(course), out=str(out), jobs=2, quiet=True, canary=False,
                      due="2026-03-02 00:00", late_penalty=10, late_cap=50) == 0
    grades = _grades(out)
    assert [(grades[s]["late_days"], grades[s]["penalty"], grades[s]["final"], grades[s]["total"])
            for s in times] == [("0", "0", "90", "90"), ("2", "18", "72", "90"),
                                ("18", "45", "45", "90"), ("0", "0", "90", "90")]
    assert grades["late"]["submitted"] == "2026-03-03T09:00:00+00:00"
    report = json.loads((out / "reports" / "late.json").read_text())
    assert report["submitted"] == "2026-03-03T09:00:00+00:00"
    assert "Submitted 2 days late" in (out / "feedback" / "late.md").read_text()
    assert batch.main(submissions=str(course), out=str(out), quiet=True, canary=False,
                      due="2026-03-02") == 2  # --due without --late-penalty


def test_late_policy_counts_started_days_and_caps():
    policy = records.LatePolicy(records.parse_time("2026-03-02 00:00"), 10, 25)
    assert policy.days_late("2026-03-01T23:59:59+00:00") == 0
    assert policy.days_late("2026-03-02T00:00:01+00:00") == 1
    assert policy.penalty_percent("2026-03-04T00:00:01+00:00") == 25
    assert policy.days_late(None) == 0
    assert records.parse_time("2026-03-02 01:00 +01:00") == records.parse_time("2026-03-02")
    with pytest.raises(ValueError, match="not a time"):
        records.parse_time("next tuesday")
