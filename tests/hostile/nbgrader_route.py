"""The hostile corpus through ``nbgrader autograde`` with the kit's configuration.

Each trick becomes a student of a copy of the course: every notebook of the release with its
solution cells filled in from ``baseline.py`` and the trick's code in a cell right above every
test cell (where a kernel would have run it before the test). A notebook trick of
``generated.py`` adds its own cells there; a folder trick has no notebook form and is left out.
The gradebook then says what each student got, and whether any manual points appeared.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import harness

COURSE = harness.REPO / "assignments"
NBGRADER = Path(sys.executable).parent / "nbgrader"
NOTEBOOKS = ["01_entropy", "02_divergence", "03_likelihood"]


def _baseline_defs() -> dict[str, str]:
    text = harness.BASELINE.read_text()
    tree = ast.parse(text)
    return {node.name: "import numpy as np\n\n" + ast.get_source_segment(text, node)
            for node in tree.body if isinstance(node, ast.FunctionDef)}


def _cells_of(trick: harness.Trick) -> list[str] | None:
    if trick.spec is None:
        return [trick.path.read_text()]
    if "text" in trick.spec:
        return [trick.spec["text"]]
    if "notebook" in trick.spec:
        return trick.spec["notebook"][1:]
    return None


def _code(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": source}


def _notebook(release: dict, extra: list[str]) -> dict:
    nb = json.loads(json.dumps(release))
    defs, cells = _baseline_defs(), []
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell["cell_type"] == "code" and meta.get("solution") and meta.get("grade_id") in defs:
            cell["source"] = defs[meta["grade_id"]]
        if cell["cell_type"] == "code" and meta.get("grade"):
            cells += [_code(x) for x in extra]
        cells.append(cell)
    nb["cells"] = cells
    return nb


def env() -> dict[str, str]:
    e = harness.env()
    e["PATH"] = os.pathsep.join([str(NBGRADER.parent), e.get("PATH", "")])
    return e


def grade(folder: Path, tricks: list[harness.Trick], timeout: float = 1800) -> dict[str, dict]:
    """student -> {"score", "manual", "leaked"} (score None: no grade recorded); "baseline" too."""
    course = folder / "course"
    course.mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source", course / "source")
    subprocess.run([str(NBGRADER), "generate_assignment", "xent"], cwd=course, env=env(),
                   capture_output=True, check=True, timeout=600)
    students = {"baseline": []}
    students.update({t.student: cells for t in tricks if not t.last
                     and (cells := _cells_of(t)) is not None})
    for student, extra in students.items():
        out = course / "submitted" / student / "xent"
        out.mkdir(parents=True)
        for name in NOTEBOOKS:
            release = json.loads((course / "release" / "xent" / f"{name}.ipynb").read_text())
            (out / f"{name}.ipynb").write_text(json.dumps(_notebook(release, extra)))
    book = harness.digest(course / "gradebook.db")
    done = harness.run_isolated([str(NBGRADER), "autograde", "xent"], cwd=course,
                                timeout=timeout, namespace=harness.namespaces_available())
    from nbgrader.api import Gradebook, MissingEntry

    secret = harness.hidden_snippet()
    found: dict[str, dict] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "xent") as gb:
        for student in students:
            row = {"score": None, "manual": False, "leaked": False}
            try:
                sub = gb.find_submission("xent", student)
                grades = [g for nb in sub.notebooks for g in nb.grades]
                row["score"] = round(sum(g.auto_score or 0 for g in grades
                                         if g.name.startswith("test_")), 6)
                row["manual"] = any(g.manual_score is not None or g.extra_credit for g in grades)
            except MissingEntry:
                pass
            graded = course / "autograded" / student / "xent"
            text = "".join(json.dumps(cell.get("outputs", [])) for p in graded.glob("*.ipynb")
                           for cell in json.loads(p.read_text(errors="replace"))["cells"])
            row["leaked"] = harness.LEAK_MARK in text or bool(secret and secret in text)
            found[student] = row
    found["_run"] = {"returncode": done.returncode, "seconds": done.seconds,
                     "book_before": book}
    return found
