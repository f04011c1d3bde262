"""PrairieLearn: the kit as an external grader, and the files a course needs to use it.

PrairieLearn runs an external grader in a fresh Docker container per submission, on its own
autoscaled hosts, which makes it a second way (after Gradescope) to grade past one machine. The
container gets ``/grade/student`` (the uploaded files), ``/grade/serverFilesCourse`` (files the
course shares between questions, here the kit's wheel and ``run.sh``) and ``/grade/data``; the
grader must write ``/grade/results/results.json`` with a ``score`` in [0, 1].

``python -m autograder prairielearn-bundle --out DIR`` writes, under ``DIR``:

- ``serverFilesCourse/xent_kit/``: the wheel and ``run.sh``, the entrypoint. It installs the wheel
  without dependencies (``prairielearn/grader-python`` already has numpy and matplotlib, and a
  grading container has no network) and runs ``prairielearn-run``;
- ``questions/xent/``: ``info.json`` (external grading on, the entrypoint, a timeout) and
  ``question.html`` (an upload field for the notebooks), to copy into the course.

``python -m autograder prairielearn-run`` grades what was uploaded, on the whole assignment
(:mod:`autograder.container`). ``$XENT_PRAIRIELEARN_ROOT`` (default ``/grade``) lets the tests run
it against a fake tree. Hidden checks are shown the way the students' copy shows them: name,
points and a fixed sentence, never their inputs, since PrairieLearn shows results at once.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from .model import Report, Status

ROOT_VARIABLE = "XENT_PRAIRIELEARN_ROOT"
DEFAULT_ROOT = "/grade"
MAX_RESULTS_BYTES = 1_000_000  # PrairieLearn's limit on results.json

RUN_SH = """#!/usr/bin/env bash
# PrairieLearn runs this in a fresh container for each submission.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
KIT="$(mktemp -d)"
python3 -m pip install --quiet --no-deps --no-index --target "$KIT" "$HERE"/{wheel}
mkdir -p "${{XENT_PRAIRIELEARN_ROOT:-/grade}}/results"
PYTHONPATH="$KIT" exec python3 -m autograder prairielearn-run
"""


def root() -> Path:
    return Path(os.environ.get(ROOT_VARIABLE) or DEFAULT_ROOT)


def results_dict(report: Report) -> dict[str, Any]:
    """PrairieLearn's results object for a report: score in [0, 1], one test per check."""
    from .render.json import student_view
    from .render.text import check_block

    view = student_view(report)
    tests = []
    for result in view.results:
        passed = result.status is Status.PASSED
        tests.append({
            "name": result.name,
            "description": ("hidden check: " if result.hidden else "") + result.function,
            "points": result.points,
            "max_points": result.max_points,
            "message": "passed" if passed else str(result.status).replace("_", " "),
            "output": result.message if passed else check_block(result),
        })
    score = view.score / view.max_score if view.max_score else 0.0
    return {
        "gradable": True,
        "score": round(min(1.0, max(0.0, score)), 6),
        "message": f"{view.score:g} of {view.max_score:g} points from the autograder.",
        "output": "\n".join(view.notes),
        "tests": tests,
    }


def render(report: Report) -> str:
    data = results_dict(report)
    text = json.dumps(data, indent=2, allow_nan=False, ensure_ascii=True) + "\n"
    if len(text) > MAX_RESULTS_BYTES:  # too much output for PrairieLearn: keep score and names
        for test in data["tests"]:
            test["output"] = test["output"][:500]
        data["output"] = data["output"][:2000]
        text = json.dumps(data, indent=2, allow_nan=False, ensure_ascii=True) + "\n"
    return text


def run_main(*, allow_unprotected: bool = False) -> int:
    """``prairielearn-run``: grade ``$ROOT/student``, write ``$ROOT/results/results.json``.
    Exit 2 without grading when student code could read the answer key, unless
    ``allow_unprotected`` (see :mod:`autograder.sandbox.protect`)."""
    from .container import run_in_container

    return run_in_container(root(), "student", ("serverFilesCourse", "tests", "data"), render,
                            allow_unprotected=allow_unprotected)


def question_info(timeout: int = 120) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "title": "Entropy, divergence and likelihood: the notebooks",
        "topic": "Information theory",
        "tags": ["xent-kit"],
        "type": "v3",
        "singleVariant": True,
        "gradingMethod": "External",
        "externalGradingOptions": {
            "enabled": True,
            "image": "prairielearn/grader-python",
            "serverFilesCourse": ["xent_kit/"],
            "entrypoint": "/grade/serverFilesCourse/xent_kit/run.sh",
            "timeout": timeout,
        },
    }


def released_notebooks() -> list[str]:
    """The names of the released notebooks students upload, from the source checkout."""
    from .gradescope import SOURCE_TREE

    release = SOURCE_TREE / "assignments" / "release"
    return sorted(p.name for p in release.glob("*/*.ipynb"))


def question_html(notebooks: list[str]) -> str:
    names = ",".join(notebooks)
    return (
        "<pl-question-panel>\n"
        "  <p>Upload your completed notebooks. Each function is graded by the kit's autograder;\n"
        "  hidden checks show their name and points, not their inputs.</p>\n"
        "</pl-question-panel>\n"
        f'<pl-file-upload file-names="{names}"></pl-file-upload>\n'
        "<pl-submission-panel>\n"
        "  <pl-external-grader-results></pl-external-grader-results>\n"
        "  <pl-file-preview></pl-file-preview>\n"
        "</pl-submission-panel>\n"
    )


def bundle_main(*, out: str) -> int:
    """``prairielearn-bundle``: the course files that make the kit PrairieLearn's grader."""
    from .gradescope import build_wheel

    target = Path(out)
    kit = target / "serverFilesCourse" / "xent_kit"
    question = target / "questions" / "xent"
    kit.mkdir(parents=True, exist_ok=True)
    question.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            wheel = build_wheel(Path(tmp))
        except RuntimeError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        for old in kit.glob("xent_kit-*.whl"):
            old.unlink()
        (kit / wheel.name).write_bytes(wheel.read_bytes())
    run = kit / "run.sh"
    run.write_text(RUN_SH.format(wheel=wheel.name))
    run.chmod(0o755)
    info = question / "info.json"
    if not info.exists():  # keep the uuid PrairieLearn already knows
        info.write_text(json.dumps(question_info(), indent=2) + "\n")
    (question / "question.html").write_text(question_html(released_notebooks()))
    print(f"wrote {kit} ({wheel.name}, run.sh) and {question} (info.json, question.html); copy "
          "both into your course repository.")
    return 0
