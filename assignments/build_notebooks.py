"""Build the instructor notebooks in ``source/xent/`` from their text in ``text/``.

Each notebook is one Jupytext percent-format file (``text/04_classifier.py``): cells start with
``# %%`` (code) or ``# %% [markdown]``, and nbgrader's cell metadata sits in the header as
``nbgrader={...}``, so prose, code and grading markers review as one plain-text diff. Do not edit
the ``.ipynb`` files by hand: edit the text, then, from this folder::

    python build_notebooks.py                     # rewrites source/xent/*.ipynb (outputs stripped)
    nbgrader generate_assignment xent --force     # rewrites release/xent/*.ipynb

``tests/test_notebooks.py`` fails while either step has been forgotten.

Cell kinds, by their nbgrader metadata: a *solution* cell holds the student's function, the code
between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becoming the stub of
``nbgrader_config.py`` in the release; a *test* cell (``grade``, ``locked``, 10 points) ends with
the score; an *answer* cell (a markdown cell with ``grade`` and ``solution``, 2 points) holds the
model answer and the rubric, which become ``YOUR ANSWER HERE`` in the release.

Cell ids come from the grade id or the position, so rebuilding gives identical files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat

HERE = Path(__file__).resolve().parent
TEXT = HERE / "text"
SOURCE = HERE / "source" / "xent"
METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def render(path: Path) -> nbformat.NotebookNode:
    """The notebook of one text file: stable ids, no outputs, only nbgrader's cell metadata."""
    text = jupytext.read(str(path), fmt="py:percent")
    nb = nbformat.v4.new_notebook()
    nb.metadata = dict(METADATA)
    for index, cell in enumerate(text.cells):
        grading = cell.metadata.get("nbgrader")
        cell_id = (grading["grade_id"] if grading else f"cell-{index:02d}").replace("_", "-")
        if cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source, id=cell_id)
        else:
            new = nbformat.v4.new_code_cell(cell.source, id=cell_id)
        if grading:
            new.metadata["nbgrader"] = dict(grading)
        nb.cells.append(new)
    nbformat.validate(nb)
    return nb


def notebooks() -> list[Path]:
    return sorted(TEXT.glob("*.py"))


def build(directory: Path = SOURCE) -> list[Path]:
    """Write every notebook of ``text/`` into ``directory``; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks():
        target = directory / (path.stem + ".ipynb")
        nbformat.write(render(path), str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    for path in build(target):
        print(f"wrote {path}")
