"""Renderers are deterministic: the same report always reads the same (snapshot-tested)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from autograder.render import json as render_json
from autograder.render import text as render_text
from autograder.runner import grade_path

SNAPSHOTS = Path(__file__).parent / "snapshots"
FIRST_ATTEMPT = Path(__file__).parents[1] / "autograder" / "examples" / "first_attempt.py"


def _matches_snapshot(name: str, text: str) -> None:
    """Compare with the stored snapshot; XENT_UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    if os.environ.get("XENT_UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(text)
    assert text == path.read_text(), (
        f"{name} changed; if the change is intended, rerun with XENT_UPDATE_SNAPSHOTS=1")


def test_text_report_of_a_first_attempt_matches_its_snapshot():
    report = grade_path(FIRST_ATTEMPT)
    text = render_text.render(report).replace(str(FIRST_ATTEMPT), "first_attempt.py")
    _matches_snapshot("first_attempt.txt", text + "\n")


def test_same_submission_same_report():
    first, second = grade_path(FIRST_ATTEMPT), grade_path(FIRST_ATTEMPT)
    assert render_json.render(first) == render_json.render(second)


def test_students_never_see_hidden_inputs_but_instructors_do():
    student = json.loads(render_json.render(grade_path(FIRST_ATTEMPT)))
    instructor = json.loads(render_json.render(grade_path(FIRST_ATTEMPT, redact=False)))
    hidden = [c for c in student["checks"] if c["hidden"]]
    assert hidden and all(c["counterexample"] is None for c in hidden)
    assert all(c["message"] for c in hidden)
    failed_hidden = [c for c in instructor["checks"] if c["hidden"] and c["status"] == "failed"]
    assert failed_hidden and all(c["counterexample"]["call"] for c in failed_hidden)
    text = render_text.render(grade_path(FIRST_ATTEMPT))
    block = text[text.index("entropy.random  [0/1]  (hidden)"):]
    assert not block.splitlines()[1].startswith("Failing case")
