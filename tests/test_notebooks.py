"""Checks of the nbgrader course in ``assignments/``.

Fast tests read the notebooks as JSON and parse their code with ``ast``: the student API's names and
signatures, the grading cells, the order of cells, and that the release gives no solution away.
Slow tests (``-m slow`` selects them, ``-m "not slow"`` skips them) run each source notebook top to
bottom in a Jupyter kernel and regenerate the release with nbgrader to compare it with the committed
one.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "assignments"
SOURCE = COURSE / "source" / "xent"
RELEASE = COURSE / "release" / "xent"
NOTEBOOKS = ["01_entropy.ipynb", "02_divergence.ipynb", "03_likelihood.ipynb",
             "04_classifier.ipynb"]
TEXT = COURSE / "text"  # one Jupytext percent-format file per notebook: the source of truth
REGENERATE = (
    "cd assignments && python build_notebooks.py && nbgrader generate_assignment xent --force"
)

# function -> (notebook that defines it, exact parameter list, arguments for a smoke call)
API = {
    "entropy": ("01_entropy.ipynb", "p, base=None", ([0.5, 0.5],)),
    "kl_divergence": ("02_divergence.ipynb", "p, q", ([0.5, 0.5], [0.5, 0.5])),
    "cross_entropy": ("02_divergence.ipynb", "p, q", ([1.0, 0.0], [0.5, 0.5])),
    "binary_cross_entropy": ("03_likelihood.ipynb", "y, y_hat", ([1, 0], [0.5, 0.5])),
    "bernoulli_log_likelihood": ("03_likelihood.ipynb", "x, theta", ([1, 0], 0.5)),
    "bernoulli_mle": ("03_likelihood.ipynb", "x", ([1, 0],)),
    "log_softmax": ("04_classifier.ipynb", "z", ([[0.0, 0.0]],)),
    "softmax_cross_entropy": ("04_classifier.ipynb", "logits, labels", ([[0.0, 0.0]], [1])),
    "softmax_cross_entropy_grad": ("04_classifier.ipynb", "logits, labels", ([[0.0, 0.0]], [1])),
}


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source_of(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def defined_functions(cell: dict) -> list[ast.FunctionDef]:
    if cell["cell_type"] != "code":
        return []
    tree = ast.parse(source_of(cell))
    return [node for node in tree.body if isinstance(node, ast.FunctionDef)]


def called_names(cell: dict) -> set[str]:
    if cell["cell_type"] != "code":
        return set()
    tree = ast.parse(source_of(cell))
    return {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }


def imported_modules(cell: dict) -> set[str]:
    if cell["cell_type"] != "code":
        return set()
    modules = set()
    for node in ast.walk(ast.parse(source_of(cell))):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module.split(".")[0])
    return modules


def is_figure(cell: dict) -> bool:
    return cell["cell_type"] == "code" and "plt.show()" in source_of(cell)


@pytest.fixture(scope="module")
def sources() -> dict[str, dict]:
    return {name: read(SOURCE / name) for name in NOTEBOOKS}


@pytest.fixture(scope="module")
def releases() -> dict[str, dict]:
    return {name: read(RELEASE / name) for name in NOTEBOOKS}


# ---------------------------------------------------------------------------------------------
# Fast: structure
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("function", sorted(API))
def test_each_function_is_defined_once_with_its_signature(sources, function):
    notebook, params, _ = API[function]
    found = [
        (name, node)
        for name, nb in sources.items()
        for cell in nb["cells"]
        for node in defined_functions(cell)
        if node.name == function
    ]
    where = [name for name, _ in found]
    assert where == [notebook], f"{function} should be defined once, in {notebook}; found in {where}"
    signature = ast.unparse(found[0][1].args)
    assert signature == params, f"{function}({signature}) should be {function}({params})"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_grading_cells_have_the_agreed_shape(sources, name):
    cells = sources[name]["cells"]
    tests = [c for c in cells if nbgrader_meta(c).get("grade") and c["cell_type"] == "code"]
    expected = sorted(f for f, (nb, _, _) in API.items() if nb == name)
    assert sorted(nbgrader_meta(c)["grade_id"] for c in tests) == [f"test_{f}" for f in expected]
    for cell in tests:
        function = nbgrader_meta(cell)["grade_id"].removeprefix("test_")
        assert source_of(cell) == f'from autograder.notebook import grade\ngrade("{function}")'
        meta = nbgrader_meta(cell)
        assert (meta["solution"], meta["locked"], meta["points"]) == (False, True, 10)

    answers = [c for c in cells if c["cell_type"] == "markdown" and nbgrader_meta(c).get("grade")]
    assert answers, "each notebook has at least one question graded by hand"
    for answer in answers:
        meta = nbgrader_meta(answer)
        assert (meta["solution"], meta["locked"], meta["points"]) == (True, False, 2)

    ids = [nbgrader_meta(c)["grade_id"] for c in cells if nbgrader_meta(c)]
    assert len(ids) == len(set(ids)), f"duplicate grade ids in {name}: {ids}"
    for cell in cells:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                f"{name}: outputs must be stripped; run: {REGENERATE}"
            )
        assert "solutions" not in imported_modules(cell), f"{name}: students do not have `solutions`"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_figures_that_need_student_code_come_after_its_test(sources, name):
    """In the release a stub raises, so a figure using it must follow the cell that grades it."""
    graded_at: dict[str, int] = {}
    for index, cell in enumerate(sources[name]["cells"]):
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        if grade_id.startswith("test_"):
            graded_at[grade_id.removeprefix("test_")] = index
        if is_figure(cell):
            for function in called_names(cell) & set(API):
                assert function in graded_at, (
                    f"{name}, cell {index}: a figure calls {function} before its grading cell"
                )


def test_release_contains_no_solution(releases):
    for name, nb in releases.items():
        for cell in nb["cells"]:
            text = source_of(cell)
            assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text, name
            if nbgrader_meta(cell).get("solution") and cell["cell_type"] == "markdown":
                assert text == "YOUR ANSWER HERE", f"{name}: a model answer leaked into the release"


@pytest.mark.parametrize("function", sorted(API))
def test_release_stub_raises_not_implemented(releases, function):
    notebook, _, args = API[function]
    np = pytest.importorskip("numpy")
    cells = [c for c in releases[notebook]["cells"] if function in {f.name for f in defined_functions(c)}]
    assert len(cells) == 1
    assert nbgrader_meta(cells[0]).get("solution") is True
    namespace = {"np": np}
    exec(compile(source_of(cells[0]), f"<{notebook}: {function}>", "exec"), namespace)
    with pytest.raises(NotImplementedError):
        namespace[function](*args)


def test_source_notebooks_match_their_text():
    """Each source notebook is exactly what its text file in ``assignments/text/`` builds."""
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("jupytext")
    spec = importlib.util.spec_from_file_location("build_notebooks", COURSE / "build_notebooks.py")
    build_notebooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_notebooks)
    texts = build_notebooks.notebooks()
    assert [p.stem + ".ipynb" for p in texts] == NOTEBOOKS
    assert sorted(p.name for p in SOURCE.glob("*.ipynb")) == NOTEBOOKS, (
        f"source/xent/ has a notebook without a text file; regenerate with: {REGENERATE}")
    for path in texts:
        name = path.stem + ".ipynb"
        expected = json.loads(nbformat.writes(build_notebooks.render(path)))
        assert read(SOURCE / name) == expected, (
            f"source/xent/{name} differs from text/{path.name}; regenerate with: {REGENERATE}"
        )


def test_answer_cells_carry_a_rubric_in_the_source(sources):
    for name, nb in sources.items():
        for cell in nb["cells"]:
            meta = nbgrader_meta(cell)
            if cell["cell_type"] == "markdown" and meta.get("grade"):
                assert "Rubric" in source_of(cell), f"{name}, {meta['grade_id']}: no rubric"


# ---------------------------------------------------------------------------------------------
# Slow: execution and regeneration
# ---------------------------------------------------------------------------------------------


def kernel_env() -> dict[str, str]:
    """The environment of the test process, plus the kit on the path (it is not installed here)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("MPLBACKEND", None)  # let ipykernel's inline backend turn figures into image/png
    return env


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_source_notebook_runs_and_draws_its_figures(name, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(str(SOURCE / name), as_version=4)
    # the last cell tells which interpreter the kernel runs
    nb.cells.append(nbformat.v4.new_code_cell("import sys\nprint(sys.prefix)"))
    client = nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}
    )  # run in a scratch folder: whatever the cells or the grader write stays out of source/
    client.execute(env=kernel_env())

    assert nb.cells[-1].outputs[0]["text"].strip() == sys.prefix, "the kernel is not this interpreter"
    figures = [cell for cell in nb.cells if is_figure(cell)]
    assert len(figures) >= 2
    for cell in figures:
        kinds = [o.get("data", {}).keys() for o in cell.outputs if o.output_type == "display_data"]
        assert any("image/png" in k for k in kinds), f"{name}: no figure from\n{cell.source[:200]}"
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            assert "Warning" not in text, f"{name}: a cell printed a warning:\n{text}"

    # the instructor's solutions earn every point, through the same cells nbgrader scores
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            results = [o for o in cell.outputs if o.output_type == "execute_result"]
            printed = "".join(o.get("text", "") for o in cell.outputs)
            assert results, f"{name}, {meta['grade_id']}: no score\n{printed}"
            score = float(results[-1]["data"]["text/plain"])
            assert score == meta["points"], f"{name}, {meta['grade_id']}: {score}/{meta['points']}\n{printed}"


@pytest.mark.slow
def test_committed_release_is_up_to_date(tmp_path):
    pytest.importorskip("nbgrader")
    course = tmp_path / "assignments"
    course.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source", course / "source")
    env = dict(os.environ)
    # nbgrader runs the `alembic` console script found on PATH to set up the gradebook
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "xent"],
        cwd=course, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"nbgrader generate_assignment failed:\n{result.stderr[-3000:]}"

    generated = course / "release" / "xent"
    assert sorted(p.name for p in generated.iterdir()) == sorted(p.name for p in RELEASE.iterdir())
    for name in NOTEBOOKS:
        fresh, committed = read(generated / name), read(RELEASE / name)
        message = f"release/xent/{name} is out of date; regenerate with: {REGENERATE}"
        assert fresh["metadata"] == committed["metadata"], message
        assert len(fresh["cells"]) == len(committed["cells"]), message
        for new, old in zip(fresh["cells"], committed["cells"]):
            for key in ("cell_type", "id", "metadata"):
                assert new.get(key) == old.get(key), f"{message} ({key} of cell {old.get('id')})"
            assert source_of(new) == source_of(old), f"{message} (source of cell {old.get('id')})"
            if old["cell_type"] == "code":
                assert old["outputs"] == [] and old["execution_count"] is None, message
