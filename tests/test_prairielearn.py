"""PrairieLearn: ``prairielearn-run`` against a fake ``/grade`` tree, and the course files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import prairielearn

from .conftest import CATALOGUE, REFERENCE_STUDENT

REPO = Path(__file__).resolve().parent.parent


def _grade(tmp_path: Path, files: dict[str, str]) -> tuple[subprocess.CompletedProcess, Path]:
    root = tmp_path / "grade"
    for name, text in files.items():
        path = root / "student" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "data.json").write_text("{}")
    env = {**os.environ, prairielearn.ROOT_VARIABLE: str(root), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "autograder", "prairielearn-run"], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    return done, root


def _results(root: Path) -> dict:
    data = json.loads((root / "results" / "results.json").read_text())
    assert data["gradable"] is True and 0.0 <= data["score"] <= 1.0
    for test in data["tests"]:
        assert set(test) == {"name", "description", "points", "max_points", "message", "output"}
    return data


def test_the_reference_scores_one(tmp_path):
    done, root = _grade(tmp_path, {"work.py": REFERENCE_STUDENT.read_text()})
    assert done.returncode == 0, done.stderr
    data = _results(root)
    assert data["score"] == 1.0
    assert sum(t["points"] for t in data["tests"]) == sum(t["max_points"] for t in data["tests"])


def test_a_bug_loses_points_and_hidden_inputs_stay_hidden(tmp_path):
    bug = (CATALOGUE / "buggy" / "entropy__epsilon_in_log.py").read_text()
    done, root = _grade(tmp_path, {"work.py": REFERENCE_STUDENT.read_text() + "\n\n" + bug})
    assert done.returncode == 0, done.stderr
    data = _results(root)
    assert data["score"] < 1.0
    failed = [t for t in data["tests"] if t["points"] < t["max_points"]]
    assert failed and all(t["name"].startswith("entropy.") for t in failed)
    for t in failed:
        if t["description"].startswith("hidden"):
            assert "Failing case" not in t["output"]
    assert any("Failing case: entropy(" in t["output"] for t in failed)


def test_nothing_uploaded_scores_zero_with_a_reason(tmp_path):
    done, root = _grade(tmp_path, {"notes.txt": "I ran out of time"})
    assert done.returncode == 0, done.stderr
    data = _results(root)
    assert data["score"] == 0.0 and "No notebook" in data["output"]


@pytest.mark.slow
def test_the_bundle_runs_from_its_own_files(tmp_path):
    out = tmp_path / "course"
    done = subprocess.run([sys.executable, "-m", "autograder", "prairielearn-bundle", "--out",
                           str(out)], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    kit = out / "serverFilesCourse" / "xent_kit"
    info = json.loads((out / "questions" / "xent" / "info.json").read_text())
    options = info["externalGradingOptions"]
    assert options["enabled"] and options["serverFilesCourse"] == ["xent_kit/"]
    assert options["entrypoint"] == "/grade/serverFilesCourse/xent_kit/run.sh"
    html = (out / "questions" / "xent" / "question.html").read_text()
    assert "pl-file-upload" in html and "01_entropy.ipynb" in html
    # run.sh installs the wheel with --no-deps; this interpreter supplies numpy and friends
    root = tmp_path / "grade"
    (root / "student").mkdir(parents=True)
    (root / "student" / "work.py").write_text(REFERENCE_STUDENT.read_text())
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update({prairielearn.ROOT_VARIABLE: str(root),
                "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])})
    done = subprocess.run(["bash", str(kit / "run.sh")], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _results(root)["score"] == 1.0
