"""The students' copy carries no answer key, and still self-checks every public check."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import solutions
from autograder import casebook, student_kit
from autograder.checks import checks_for

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    return student_kit.build(tmp_path_factory.mktemp("kit"))


def _texts(folder: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8", errors="replace")
            for p in folder.rglob("*") if p.is_file()}


def test_the_copy_has_the_grader_and_notebooks_but_no_reference(kit):
    names = {p.relative_to(kit).as_posix() for p in kit.rglob("*")}
    assert "autograder/cli.py" in names and "autograder/data/public.json" in names
    assert {"notebooks/xent/01_entropy.ipynb", "pyproject.toml", "README.md"} <= names
    assert not [n for n in names if "solutions" in n or casebook.HIDDEN_NAME in n
                or "/examples" in n or n.startswith("tests")]


def test_the_copy_holds_no_hidden_input(kit):
    hidden = json.loads((REPO / "solutions" / casebook.HIDDEN_NAME).read_text())
    sources = [s for cases in hidden["draws"].values() for c in cases for s in c["args"]
               if s.count(",") >= 5]  # longer than any coincidental short list
    assert len(sources) > 100
    texts = _texts(kit)
    leaks = [(s[:40], p.name) for s in sources for p, t in texts.items() if s in t]
    assert not leaks


def test_the_copy_holds_no_reference_code(kit):
    reference_lines = set()
    for module in (solutions.information, solutions.likelihood, solutions.logspace,
                   solutions._validate):
        for line in inspect.getsource(module).splitlines():
            line = line.strip()
            if len(line) > 40 and not line.startswith(("#", '"', "'", "import", "from")):
                reference_lines.add(line)
    assert len(reference_lines) > 50
    copied = {line.strip() for t in _texts(kit).values() for line in t.splitlines()}
    assert not sorted(reference_lines & copied)


def test_released_notebooks_hold_no_solution_and_no_hidden_test(kit):
    for notebook in (kit / "notebooks").rglob("*.ipynb"):
        text = notebook.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, notebook.name
        assert "raise NotImplementedError" in text


def _isolated_site(tmp_path: Path) -> Path:
    """A folder with numpy alone, so the child interpreter cannot find the repository's code."""
    site = tmp_path / "site"
    site.mkdir()
    numpy_dir = Path(np.__file__).parent
    for sibling in (numpy_dir, numpy_dir.with_name("numpy.libs")):
        if sibling.exists():
            (site / sibling.name).symlink_to(sibling)
    return site


def test_the_copy_self_checks_public_checks_without_the_reference(kit, tmp_path):
    program = textwrap.dedent(f"""
        import importlib.util, sys
        sys.path[:0] = [{str(kit)!r}, {str(_isolated_site(tmp_path))!r}]
        assert importlib.util.find_spec("solutions") is None, "the reference is visible"
        from autograder.cli import main
        sys.exit(main(["check", {str(REPO / "autograder/examples/correct.py")!r}]))
    """)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([sys.executable, "-S", "-c", program], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    public = sum(c.points for c in checks_for() if not c.hidden)
    assert f"Score: {public:g}/{public:g}" in done.stdout
    assert "run when your instructor grades your work" in done.stdout
    assert "(hidden)" not in done.stdout
