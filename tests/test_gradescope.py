"""Gradescope: ``gradescope-run`` against a fake ``/autograder`` tree, and (slow) the whole bundle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder import gradescope

from .conftest import CATALOGUE, REFERENCE_STUDENT

REPO = Path(__file__).resolve().parent.parent


def _tree(tmp_path: Path, source: str | bytes, name: str = "work.py") -> Path:
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    path = root / "submission" / name
    path.write_bytes(source if isinstance(source, bytes) else source.encode())
    return root


def _run(command: list[str], root: Path, pythonpath: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, gradescope.ROOT_VARIABLE: str(root), "PYTHONPATH": pythonpath,
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def _results(root: Path) -> dict:
    data = json.loads((root / "results" / "results.json").read_text())
    assert set(data) >= {"score", "max_score", "execution_time", "tests"}
    assert isinstance(data["execution_time"], (int, float))
    for test in data["tests"]:
        assert set(test) == {"name", "score", "max_score", "status", "output", "visibility"}
        assert test["status"] in ("passed", "failed")
        assert test["visibility"] in ("visible", "after_published")
    return data


def test_run_autograder_script_grades_the_reference(tmp_path):
    root = _tree(tmp_path, REFERENCE_STUDENT.read_text())
    script = tmp_path / "run_autograder"
    script.write_text(gradescope.RUN_AUTOGRADER)
    done = _run(["bash", str(script)], root, str(REPO), tmp_path)
    assert done.returncode == 0, done.stderr
    data = _results(root)
    assert data["score"] == data["max_score"] == 90
    assert all(t["status"] == "passed" for t in data["tests"])
    assert {t["visibility"] for t in data["tests"]} == {"visible", "after_published"}


def test_gradescope_run_on_a_buggy_submission(tmp_path):
    bug = CATALOGUE / "buggy" / "entropy__epsilon_in_log.py"
    root = _tree(tmp_path, REFERENCE_STUDENT.read_text() + "\n\n" + bug.read_text())
    done = _run([sys.executable, "-m", "autograder", "gradescope-run"], root, str(REPO), tmp_path)
    assert done.returncode == 0, done.stderr
    data = _results(root)
    assert data["score"] < data["max_score"]
    failed = [t for t in data["tests"] if t["status"] == "failed"]
    assert failed and all(t["name"].startswith("entropy.") for t in failed)
    for t in failed:
        if t["visibility"] == "after_published":
            assert "Failing case" not in t["output"]
    assert any("Failing case: entropy(" in t["output"] for t in failed
               if t["visibility"] == "visible")


def test_gradescope_run_on_an_unreadable_submission(tmp_path):
    root = _tree(tmp_path, b"\x00\x01binary", name="work.py")
    done = _run([sys.executable, "-m", "autograder", "gradescope-run"], root, str(REPO), tmp_path)
    assert done.returncode == 0, done.stderr
    data = _results(root)
    assert data["score"] == 0 and data["max_score"] == 90
    assert "could not be read" in data["output"]


@pytest.mark.slow
def test_bundle_installs_and_grades_without_the_source_tree(tmp_path):
    bundle = tmp_path / "autograder.zip"
    done = subprocess.run([sys.executable, "-m", "autograder", "gradescope-bundle", "--out",
                           str(bundle)], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    source = tmp_path / "source"
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
        zf.extractall(source)
    wheels = [n for n in names if n.endswith(".whl")]
    assert "setup.sh" in names and "run_autograder" in names and len(wheels) == 1
    assert wheels[0] in (source / "setup.sh").read_text()
    # setup.sh would pip-install the wheel with its dependencies; here only the wheel goes into a
    # private folder, and the test's interpreter supplies numpy and friends.
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                    str(site), str(source / wheels[0])], check=True, timeout=300)
    root = _tree(tmp_path, REFERENCE_STUDENT.read_text())
    done = _run(["bash", str(source / "run_autograder")], root, str(site), tmp_path)
    assert done.returncode == 0, done.stderr
    assert _results(root)["score"] == 90


SOURCE_NOTEBOOKS = REPO / "assignments" / "source" / "xent"


def _upload(tmp_path: Path, files: dict[str, bytes]) -> Path:
    root = tmp_path / "autograder"
    for name, data in files.items():
        path = root / "submission" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def test_a_zipped_folder_is_found_in_its_subfolder(tmp_path):
    # what a zip of the xent/ folder unpacks to, with the debris archivers and Jupyter leave
    files = {f"xent/{p.name}": p.read_bytes() for p in sorted(SOURCE_NOTEBOOKS.glob("*.ipynb"))}
    files["__MACOSX/xent/._01_entropy.ipynb"] = b"\x00\x05\x16\x07 resource fork"
    files["xent/.ipynb_checkpoints/01_entropy-checkpoint.ipynb"] = b"{not json"
    root = _upload(tmp_path, files)
    done = _run([sys.executable, "-m", "autograder", "gradescope-run"], root, str(REPO), tmp_path)
    assert done.returncode == 0, done.stderr
    data = _results(root)
    assert data["score"] == data["max_score"] == sum(t["max_score"] for t in data["tests"])


def test_one_notebook_of_three_is_graded_out_of_the_whole_assignment(tmp_path):
    from autograder.checks import FUNCTIONS, checks_for

    first = sorted(SOURCE_NOTEBOOKS.glob("*.ipynb"))[0]
    root = _upload(tmp_path, {first.name: first.read_bytes()})
    done = _run([sys.executable, "-m", "autograder", "gradescope-run"], root, str(REPO), tmp_path)
    assert done.returncode == 0, done.stderr
    data = _results(root)
    assert data["max_score"] == sum(c.points for c in checks_for(FUNCTIONS))
    assert 0 < data["score"] < data["max_score"]
    assert "upload every notebook" in data["output"]


def test_a_link_in_the_upload_is_not_followed(tmp_path):
    secret = tmp_path / "classmate.py"
    secret.write_text(REFERENCE_STUDENT.read_text())
    root = _upload(tmp_path, {})
    (root / "submission").mkdir(parents=True)
    (root / "submission" / "work.py").symlink_to(secret)
    done = _run([sys.executable, "-m", "autograder", "gradescope-run"], root, str(REPO), tmp_path)
    assert done.returncode == 0, done.stderr
    data = _results(root)
    assert data["score"] == 0 and data["max_score"] > 0
    assert "not a regular file" in data["output"]


def test_setup_installs_into_a_venv_of_its_own():
    setup = gradescope.SETUP_SH.format(wheel="xent_kit-0.1.0-py3-none-any.whl")
    assert "-m venv" in setup and "xent-venv/bin/python\" -m pip install ./xent_kit" in setup
    assert "xent-venv/bin/python" in gradescope.RUN_AUTOGRADER
