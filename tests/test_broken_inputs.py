"""Broken submissions: one batch grades every input of tests/hostile/broken_corpus.py with the
baseline and a correct submission. Each must get a report with a score in [0, 90], the points
of what is still readable, and a note or message that says what is wrong (never a traceback);
the batch must finish with exit code 0. ``check`` on an unreadable file exits 2 with one line.

If the batch itself crashes, it is resumed (``harness.finish_batch``: what crashes even a batch
of its own is set aside), so that one crash does not hide how the others fare; the crash still
fails ``test_the_batch_finishes``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .hostile import broken_corpus, harness

CORPUS = broken_corpus.corpus()
TRACEBACK = "Traceback (most recent call last)"


@dataclass
class Graded:
    out: Path
    batch: subprocess.CompletedProcess
    alone: dict[str, harness.Run]  # reruns after a crash, by student
    records: dict[str, dict]

    def expected_score(self, case: broken_corpus.Broken) -> float:
        return broken_corpus.expected_score(case, self.records["baseline"])


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory) -> Path:
    subs = tmp_path_factory.mktemp("broken") / "submissions"
    subs.mkdir()
    for case in CORPUS:
        case.write(subs)
    shutil.copy(harness.CORRECT, subs / "correct.py")
    shutil.copy(harness.BASELINE, subs / "baseline.py")
    return subs


@pytest.fixture(scope="module")
def graded(corpus_folder) -> Graded:
    root = corpus_folder.parent
    batch = subprocess.run(harness.grade_command(corpus_folder, root / "out"), cwd=root,
                           env=harness.env(), capture_output=True, text=True, timeout=300)
    alone = {}
    if batch.returncode != 0:
        _runs, alone = harness.finish_batch(corpus_folder, root / "out", cwd=root, timeout=120,
                                            namespace=False)
    return Graded(root / "out", batch, alone, harness.records(root / "out"))


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 16
    assert len({c.student for c in CORPUS}) == len(CORPUS)


def test_the_batch_finishes(graded):
    assert TRACEBACK not in graded.batch.stderr, graded.batch.stderr[-3000:]
    assert graded.batch.returncode == 0, graded.batch.stderr[-3000:]
    assert (graded.out / "grades.csv").exists()


def test_the_correct_submission_still_gets_90(graded):
    assert harness.score(graded.records["correct"]) == 90


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.student)
def test_broken_input_gets_a_clear_report(graded, case):
    record = graded.records.get(case.student)
    alone = graded.alone.get(case.student)
    assert record is not None, f"no report for {case.name} ({case.what})" + (
        f"; graded alone, the batch exits {alone.returncode}:\n"
        f"{alone.stderr.decode(errors='replace')[-1500:]}" if alone else "")
    points = harness.score(record)
    assert isinstance(points, float) and 0 <= points <= 90
    text = harness.texts(record)
    assert TRACEBACK not in text
    assert harness.max_score(record) == 90, (
        f"graded out of {harness.max_score(record):g}, while its classmates (intact notebooks "
        "with the same test cells) are graded on all nine functions, out of 90")
    assert points == graded.expected_score(case), harness.first_message(record)
    if case.message:
        assert re.search(case.message, text), f"the report never says {case.message!r}:\n{text[:1500]}"
    for check in record["checks"]:
        if case.lost and check["function"] in case.lost:
            assert check["status"] == "not_implemented", check


@pytest.mark.parametrize("case", [c for c in CORPUS if c.unreadable], ids=lambda c: c.student)
def test_check_on_an_unreadable_file_says_why_in_one_line(corpus_folder, case):
    path = corpus_folder / case.name.rstrip("/")
    done = subprocess.run([sys.executable, "-m", "autograder", "check", str(path)],
                          env=harness.env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr[-2000:]
    assert re.search(case.message, lines[0]), lines[0]
