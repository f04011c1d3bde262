"""The nbgrader course graded end to end with the real ``nbgrader`` command.

One module-scoped run on a temporary copy of ``assignments/``: ``generate_assignment``, a handful
of students' submissions written from the release, ``autograde``, ``generate_feedback`` and
``export``. The scores are read back from the gradebook and the CSV and compared with what the kit
itself gives the same code: the autograded cells' points must come from the kit's out-of-kernel
grading (``autograder/nbgrader_plugin.py``), so tricks played inside the student's kernel gain
nothing. Run with ``-s`` to see the score table and the timings.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("nbgrader")

from autograder.runner import grade_path  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "assignments"
BIN = Path(sys.executable).parent
NBGRADER = BIN / "nbgrader"
NOTEBOOKS = ["01_entropy", "02_divergence", "03_likelihood", "04_classifier"]
CODE_POINTS = 90.0

if not NBGRADER.exists():
    pytest.skip("the nbgrader command is not installed next to this Python",
                allow_module_level=True)

# ---------------------------------------------------------------------------------------------
# The students: which function gets which code (None: the reference solution from source/)

BUGS = {
    "entropy_nan": '''
def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    h = -np.sum(p * np.log(p))              # 0 * log 0 = nan
    return float(h / np.log(base)) if base is not None else float(h)
''',
    "entropy_warns": '''
def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    logs = np.log(p)                        # RuntimeWarning: divide by zero, but masked below
    h = -np.sum(np.where(p > 0, p * logs, 0.0))
    return float(h / np.log(base)) if base is not None else float(h)
''',
    "kl_swapped": '''
def kl_divergence(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    mask = q > 0
    return float(np.sum(q[mask] * np.log(q[mask] / p[mask])))
''',
    "loglik_product": '''
def bernoulli_log_likelihood(x, theta):
    x = np.asarray(x)
    return float(np.log(np.prod(theta ** x * (1 - theta) ** (1 - x))))
''',
    "mle_laplace": '''
def bernoulli_mle(x):
    x = np.asarray(x)
    return float((x.sum() + 1) / (x.size + 2))
''',
}

TRICKS = '''
import numpy as np
np.isclose = lambda *a, **k: True
np.allclose = lambda *a, **k: True
import autograder.notebook as n
n.grade = lambda *a, **k: 10.0
def grade(*a, **k):
    return 10.0
'''

#: What the kernel of a hostile notebook would do, as nbgrader's user, with the course folder as
#: COURSE and the repository as REPO: give itself manual points and zero a classmate in the
#: gradebook, overwrite other students' submitted and autograded notebooks, append to the kit's
#: and the course's files, and print the answer key into its own feedback. It runs twice: as a
#: top-level statement (what a kernel would run; the kit drops it) and in a class body (what the
#: kit's sandbox runs). MARK and LEAKED are built at run time, so the notebook's own source,
#: which the feedback shows, holds neither.
ATTACK = '''
def _attack():
    import glob, os, sqlite3
    mark, leaked = "HOSTILE" + "-WAS-HERE", "LEAKED" + ":"
    mine = "(select n.id from submitted_notebook n join submitted_assignment a "
    mine += "on n.assignment_id = a.id where a.student_id = '{}')"
    for root in (COURSE, os.path.join(os.getcwd(), "..", "..", "..")):
        try:
            db = sqlite3.connect("file:" + os.path.join(root, "gradebook.db") + "?mode=rw",
                                 uri=True)
            with db:
                db.execute("update grade set manual_score = 12 where notebook_id in "
                           + mine.format("hostile"))
                db.execute("update grade set manual_score = 0, auto_score = 0 where "
                           "notebook_id in " + mine.format("buggy"))
        except Exception:
            pass
        for path in glob.glob(os.path.join(root, "*", "*", "xent", "*.ipynb")):
            if "hostile" not in path:
                try:
                    with open(path, "w") as handle:
                        handle.write(mark)
                except OSError:
                    pass
        for path in glob.glob(os.path.join(root, "source", "xent", "*.ipynb")) + [
                os.path.join(root, "nbgrader_config.py")]:
            try:
                with open(path, "a") as handle:
                    handle.write("\\n# " + mark + "\\n")
            except OSError:
                pass
    for name in ("autograder/data/public.json", "solutions/hidden_cases.json",
                 "solutions/__init__.py", "autograder/notebook.py"):
        try:
            with open(os.path.join(REPO, name), "a") as handle:
                handle.write("\\n" + mark + "\\n")
        except OSError:
            pass
    for path in glob.glob(os.path.join(REPO, "solutions", "*")):
        try:
            with open(path) as handle:
                print(leaked, handle.read())
        except OSError:
            pass

_attack()


class _InTheSandbox:
    _attack()
'''

#: A bernoulli_mle that puts its input in every exception: hidden checks must not show it.
LEAKY_MLE = '''
def bernoulli_mle(x):
    raise ValueError("INPUT" + ":" + repr(list(x)))
'''

#: student -> (function -> bug name), with "release" meaning: hand in the release untouched.
STUDENTS = {
    "solutions": {},
    "release": "release",
    "buggy": {"entropy": "entropy_nan", "kl_divergence": "kl_swapped",
              "bernoulli_log_likelihood": "loglik_product", "bernoulli_mle": "mle_laplace"},
    "cheater": {"entropy": "entropy_nan", "kl_divergence": "kl_swapped",
                "bernoulli_log_likelihood": "loglik_product", "bernoulli_mle": "mle_laplace"},
    "warnings": {"entropy": "entropy_warns"},
    "hostile": {"entropy": "entropy_nan", "kl_divergence": "kl_swapped",
                "bernoulli_log_likelihood": "loglik_product", "bernoulli_mle": "leaky_mle"},
}
BUGS["leaky_mle"] = LEAKY_MLE


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source_of(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def reference_code(source_nb: dict) -> dict[str, str]:
    """grade_id -> solution cell code from a source notebook, without the nbgrader markers."""
    out = {}
    for cell in source_nb["cells"]:
        if cell["cell_type"] == "code" and meta(cell).get("solution"):
            lines = [line for line in source_of(cell).splitlines()
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
            out[meta(cell)["grade_id"]] = "\n".join(lines)
    return out


def code_cell(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": source.strip("\n")}


def submission(release_nb: dict, source_nb: dict, bugs: dict[str, str], *, tricks: bool,
               attack: str = "") -> dict:
    """The release with every solution cell filled in (reference code unless ``bugs`` says)."""
    nb = json.loads(json.dumps(release_nb))
    solutions = reference_code(source_nb)
    cells = []
    for cell in nb["cells"]:
        grade_id = meta(cell).get("grade_id", "")
        if cell["cell_type"] == "code" and meta(cell).get("solution"):
            bug = bugs.get(grade_id)
            cell["source"] = BUGS[bug].strip("\n") if bug else solutions[grade_id]
        if tricks and meta(cell).get("grade") and cell["cell_type"] == "code":
            cells.append(code_cell(TRICKS))          # in the kernel, these make grade() say 10.0
            if grade_id == "test_cross_entropy":
                continue                             # a test cell deleted: nbgrader puts it back
            cell["source"] = "10.0"                  # the locked test cells are edited too
        if attack and meta(cell).get("grade") and cell["cell_type"] == "code":
            cells.append(code_cell(attack))
        cells.append(cell)
    nb["cells"] = cells
    return nb


def run(*args: str, cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(NBGRADER), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stderr[-4000:]}"
    return time.perf_counter() - start


def expected_points(path: Path) -> dict[str, float]:
    """test grade_id -> the kit's score for that function on the same notebook."""
    out = {}
    for cell in read(path)["cells"]:
        grade_id = meta(cell).get("grade_id", "")
        if meta(cell).get("grade") and grade_id.startswith("test_"):
            function = grade_id.removeprefix("test_")
            out[grade_id] = grade_path(path, functions=(function,)).score
    return out


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The graded course: folder, gradebook scores, expected scores, CSV rows and timings."""
    course = tmp_path_factory.mktemp("course")
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source", course / "source")
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])  # nbgrader runs `alembic`
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("MPLBACKEND", None)
    timings = {"generate_assignment": run("generate_assignment", "xent", cwd=course, env=env)}

    expected: dict[str, dict[str, float]] = {}
    for student, bugs in STUDENTS.items():
        folder = course / "submitted" / student / "xent"
        folder.mkdir(parents=True)
        expected[student] = {}
        for name in NOTEBOOKS:
            release = read(course / "release" / "xent" / f"{name}.ipynb")
            if bugs == "release":
                nb = release
            else:
                attack = ATTACK.replace("COURSE", repr(str(course))).replace(
                    "REPO", repr(str(ROOT))) if student == "hostile" else ""
                nb = submission(release, read(course / "source" / "xent" / f"{name}.ipynb"), bugs,
                                tricks=student == "cheater", attack=attack)
            path = folder / f"{name}.ipynb"
            path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
            expected[student].update(expected_points(path))
    # the cheater's code is the buggy student's, and one of its test cells was deleted
    expected["cheater"] = dict(expected["buggy"])

    kit_before, course_before = kit_files(), course_files(course)
    try:
        timings["autograde"] = run("autograde", "xent", cwd=course, env=env)
        timings["generate_feedback"] = run("generate_feedback", "xent", cwd=course, env=env)
        timings["export"] = run("export", "--to", "grades.csv", cwd=course, env=env)
    finally:
        kit_changed = restore(kit_before, ROOT)  # the hostile notebook must not reach them

    from nbgrader.api import Gradebook

    scores: dict[str, dict[str, float]] = {}
    manual: dict[str, list] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "xent") as gb:
        for student in STUDENTS:
            scores[student], manual[student] = {}, []
            for name in NOTEBOOKS:
                notebook = gb.find_submission_notebook(name, "xent", student)
                for grade in notebook.grades:
                    if grade.name.startswith("test_"):
                        scores[student][grade.name] = grade.auto_score
                    manual[student].append((grade.name, grade.manual_score, grade.extra_credit))
            scores[student]["total"] = gb.find_submission("xent", student).score
    with open(course / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}

    print("\n\nstudent     kit   nbgrader  (autograded code cells, out of 90)")
    for student in STUDENTS:
        kit, recorded = sum(expected[student].values()), total(scores[student])
        print(f"{student:<10}{kit:>5g}{recorded:>10g}   " + " ".join(
            f"{k[5:]}={v:g}" for k, v in scores[student].items() if k != "total"))
    notebooks = len(STUDENTS) * len(NOTEBOOKS)
    print(f"nbgrader autograde: {timings['autograde']:.1f} s for {notebooks} notebooks, "
          f"{timings['autograde'] / notebooks:.2f} s per notebook")
    return {"root": course, "env": env, "scores": scores, "expected": expected, "csv": rows,
            "timings": timings, "manual": manual, "kit_changed": kit_changed,
            "course_changed": sorted(n for n, data in course_before.items()
                                     if course_files(course).get(n) != data)}


def kit_files() -> dict[str, bytes]:
    """The bytes of the kit's and the reference's files (what the plugin imports and reads)."""
    return {str(p.relative_to(ROOT)): p.read_bytes() for folder in ("autograder", "solutions")
            for p in sorted((ROOT / folder).rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def course_files(course: Path) -> dict[str, bytes]:
    """The course's own files: configuration and source notebooks."""
    paths = [course / "nbgrader_config.py", *sorted((course / "source").rglob("*.ipynb"))]
    return {str(p.relative_to(course)): p.read_bytes() for p in paths}


def restore(before: dict[str, bytes], root: Path) -> list[str]:
    """Put back any of ``before``'s files that changed; return their names."""
    changed = []
    for name, data in before.items():
        path = root / name
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            changed.append(name)
    return changed


def total(points: dict[str, float]) -> float:
    return round(sum(v for k, v in points.items() if k != "total"), 6)


def test_reference_solutions_earn_every_point(course):
    assert len(course["scores"]["solutions"]) == 10  # nine cells and the submission's total
    assert total(course["scores"]["solutions"]) == CODE_POINTS


def test_untouched_release_earns_nothing(course):
    assert total(course["scores"]["release"]) == 0.0


def test_each_cell_scores_what_the_kit_gives_the_same_code(course):
    for student in STUDENTS:
        scores = {k: v for k, v in course["scores"][student].items() if k != "total"}
        assert scores == pytest.approx(course["expected"][student]), student


def test_buggy_functions_lose_points_and_correct_ones_keep_theirs(course):
    buggy = course["scores"]["buggy"]
    # nan from 0 log 0 and a log of a product that underflows fail some checks, not all
    assert 0 < buggy["test_entropy"] < 10
    assert 0 < buggy["test_bernoulli_log_likelihood"] < 10
    assert buggy["test_kl_divergence"] < 10
    assert buggy["test_bernoulli_mle"] < 10  # Laplace smoothing is off on every input
    assert buggy["test_cross_entropy"] == buggy["test_binary_cross_entropy"] == 10


def test_tricks_in_the_kernel_gain_nothing(course):
    # the cheater's code is the buggy student's, plus cells that patch numpy and grade() in the
    # kernel, and test cells edited to say 10.0
    assert course["scores"]["cheater"] == course["scores"]["buggy"]
    assert not any(c.get("outputs") for name in NOTEBOOKS for c in read(
        course["root"] / "autograded" / "cheater" / "xent" / f"{name}.ipynb")["cells"]
        if not meta(c).get("grade")), "a kernel ran the student's cells"
    # nbgrader restored the locked test cells' source (and the deleted one) before running them
    for name in NOTEBOOKS:
        graded = read(course["root"] / "autograded" / "cheater" / "xent" / f"{name}.ipynb")
        tests = [c for c in graded["cells"] if meta(c).get("grade") and c["cell_type"] == "code"]
        assert tests and all("grade(" in source_of(c) for c in tests), name


def test_without_the_plugin_the_tricks_would_work(course, tmp_path):
    # the same submission graded by nbgrader's default autograde, in the kernel only
    copy = tmp_path / "course"
    shutil.copytree(course["root"], copy)
    defaults = ["nbgrader.preprocessors.Execute", "nbgrader.preprocessors.IgnorePattern",
                "nbconvert.preprocessors.ClearMetadataPreprocessor",
                "nbgrader.preprocessors.LimitOutput", "nbgrader.preprocessors.SaveAutoGrades",
                "nbgrader.preprocessors.AssignLatePenalties",
                "nbgrader.preprocessors.CheckCellMetadata"]
    with open(copy / "nbgrader_config.py", "a") as handle:
        handle.write(f"\nc.Autograde.autograde_preprocessors = {defaults!r}\n")
    run("autograde", "xent", "--student", "cheater", "--force", cwd=copy, env=course["env"])

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{copy / 'gradebook.db'}", "xent") as gb:
        in_kernel = gb.find_submission("xent", "cheater").code_score
    print(f"\ncheater graded in the kernel only: {in_kernel:g}/90; "
          f"out of the kernel: {total(course['scores']['cheater']):g}/60")
    assert in_kernel == CODE_POINTS > total(course["scores"]["cheater"])


def test_numpy_warnings_cost_no_points(course):
    assert course["scores"]["warnings"]["test_entropy"] == 10
    assert total(course["scores"]["warnings"]) == CODE_POINTS


def test_exported_csv_agrees_with_the_gradebook(course):
    for student in STUDENTS:
        # hand-graded answers are not graded yet, so the assignment score is the code's
        exported = float(course["csv"][student]["score"])
        assert exported == pytest.approx(total(course["scores"][student])), student


def feedback_text(course, student: str) -> str:
    folder = course["root"] / "feedback" / student / "xent"
    pages = [html.unescape(re.sub(r"<[^>]+>", "", (folder / f"{n}.html").read_text()))
             for n in NOTEBOOKS]
    return "\n".join(pages)


def test_feedback_shows_hidden_checks_without_their_inputs(course):
    text = feedback_text(course, "buggy")
    assert re.search(r"bernoulli_mle\.random  \[0/1\]  \(hidden\)", text)
    assert "Graded by xent-kit outside the notebook's kernel" in text
    for student in STUDENTS:
        lines = feedback_text(course, student).splitlines()
        for line, after in zip(lines, lines[1:]):
            if line.rstrip().endswith("(hidden)") and not line.startswith(" "):
                leaked = after.startswith(("Failing case", "  expected", "  got"))
                assert not leaked, (student, line)


def test_self_check_is_much_faster_than_nbgrader_validate(course):
    path = course["root"] / "submitted" / "solutions" / "xent" / "01_entropy.ipynb"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "autograder", "check", str(path)],
                          env=course["env"], capture_output=True, text=True, timeout=300)
    check = time.perf_counter() - start
    assert done.returncode == 0, done.stdout + done.stderr
    validate = run("validate", str(path), cwd=course["root"], env=course["env"])
    print(f"\npython -m autograder check: {check:.2f} s; nbgrader validate: {validate:.2f} s "
          f"({validate / check:.1f}x)")
    assert validate >= 3 * check


# ---------------------------------------------------------------------------------------------
# The hostile notebook: what its kernel would do as nbgrader's user has no effect

MARK = "HOSTILE" + "-WAS-HERE"
LEAKED = "LEAKED" + ":"


def test_the_attack_works_when_run_as_nbgraders_user(course, tmp_path):
    # the hostile cells run by a plain Python as nbgrader's user (what a kernel is), on copies
    copy, repo = tmp_path / "course", tmp_path / "repo"
    shutil.copytree(course["root"], copy)
    for name in ("autograder/data", "solutions"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "autograder" / "notebook.py").write_text("")
    attack = ATTACK.replace("COURSE", repr(str(copy))).replace("REPO", repr(str(repo)))
    done = subprocess.run([sys.executable, "-c", attack], cwd=copy / "autograded" / "hostile" /
                          "xent", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert LEAKED in done.stdout
    assert MARK in (repo / "autograder" / "data" / "public.json").read_text()
    assert MARK in (copy / "autograded" / "buggy" / "xent" / "01_entropy.ipynb").read_text()

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{copy / 'gradebook.db'}", "xent") as gb:
        assert gb.find_submission("xent", "buggy").score == 0
        assert gb.find_submission("xent", "hostile").score > CODE_POINTS


def test_hostile_notebook_scores_what_its_code_is_worth(course):
    scores = course["scores"]
    assert total(scores["hostile"]) == total(course["expected"]["hostile"]) < CODE_POINTS
    assert scores["hostile"]["total"] == total(scores["hostile"])  # no manual points
    for student in ("hostile", "buggy"):
        assert all(m is None and x is None for _, m, x in course["manual"][student]), student
    # the honest classmates' recorded scores: the kit's, and the whole submission's
    for student in STUDENTS:
        assert scores[student]["total"] == pytest.approx(total(scores[student])), student
    assert scores["buggy"]["total"] == total(course["expected"]["buggy"]) > 0
    assert scores["solutions"]["total"] == CODE_POINTS


def test_hostile_notebook_changes_no_file(course):
    assert not course["kit_changed"], f"the kit's files changed (restored): {course['kit_changed']}"
    assert not course["course_changed"]
    touched = [str(p.relative_to(course["root"])) for p in course["root"].rglob("*")
               if p.is_file() and MARK.encode() in p.read_bytes()]
    assert not touched


def feedback_pages(course) -> dict[str, str]:
    return {str(p.relative_to(course["root"])): p.read_text(errors="replace")
            for folder in ("feedback", "autograded") for p in (course["root"] / folder).rglob("*")
            if p.suffix in (".html", ".ipynb")}


def test_no_secret_in_any_feedback(course):
    from .hostile.harness import hidden_snippet

    secret = hidden_snippet()
    assert secret
    for name, page in feedback_pages(course).items():
        assert LEAKED not in page, name
        assert secret not in page and html.escape(secret) not in page, name


def test_hidden_checks_show_only_name_points_and_a_fixed_sentence(course):
    from autograder import wording
    from autograder.nbgrader_plugin import HIDDEN_VERDICT

    allowed = {wording.hidden_note(), *HIDDEN_VERDICT.values()}
    seen = 0
    for student in STUDENTS:
        lines = feedback_text(course, student).splitlines()
        for i, line in enumerate(lines):
            if re.match(r"^\w+\.\w+  \[[0-9.]+/[0-9.]+\]  \(hidden\)$", line):
                block = []
                for after in lines[i + 1:]:
                    if not after.strip() or re.match(r"^\w+\.\w+  \[", after):
                        break
                    block.append(after.strip())
                assert set(block) <= allowed, (student, line, block)
                seen += 1
    assert seen
    # the leaky bernoulli_mle shows its input in public checks, never in hidden ones
    hostile = feedback_text(course, "hostile")
    assert "INPUT:" in hostile
    assert HIDDEN_VERDICT["error"] in hostile
