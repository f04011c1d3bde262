"""Broken inputs: what each one is, how to write it, and what the grader must make of it.

Small hand-written inputs live in ``broken/``; the rest are built here from ``baseline.py`` (so
that "the rest is still graded" has a known score) in the class folder of the test.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .harness import BASELINE, HOSTILE

BROKEN = HOSTILE / "broken"
FUNCTIONS = ("entropy", "kl_divergence", "cross_entropy", "binary_cross_entropy",
             "bernoulli_log_likelihood", "bernoulli_mle")
_DEF = re.compile(r"^def (\w+)\(", re.M)


@dataclass(frozen=True)
class Broken:
    name: str  # the file or folder name in the class folder; the student id is its stem
    what: str  # what is wrong with it, for people
    write: Callable[[Path], None]  # writes it into the class folder
    message: str | None  # a regex the report's notes or messages must match (None: nothing wrong)
    lost: tuple[str, ...] | None = None  # functions whose points are lost; None: every point
    unreadable: bool = False  # `check` must exit 2 with one line on stderr

    @property
    def student(self) -> str:
        return Path(self.name).stem if not self.name.endswith("/") else self.name.rstrip("/")


def expected_score(case: Broken, baseline: dict) -> float:
    """What ``case`` must score: the baseline's points but for the functions it loses."""
    if case.lost is None:
        return 0.0
    return round(sum(c["points"] for c in baseline["checks"] if c["function"] not in case.lost), 6)


def baseline_functions() -> dict[str, str]:
    """Each function of the baseline as its own source text, in order."""
    text = BASELINE.read_text()
    starts = [m.start() for m in _DEF.finditer(text)] + [len(text)]
    return {_DEF.match(text, s).group(1): text[s:e].rstrip() + "\n"
            for s, e in zip(starts, starts[1:])}


def notebook(*, drop: tuple[str, ...] = (), broken: str | None = None, metadata: bool = True,
             v3: bool = False) -> dict:
    """The baseline as a notebook: an import cell, then per function a solution cell and a locked
    ``grade("<function>")`` test cell, as in the course's release notebooks."""
    cells = [("code", "import numpy as np\n", {})]
    for name, source in baseline_functions().items():
        if name in drop:
            continue
        if name == broken:
            source = source.replace("):\n", ")\n", 1)  # a missing colon
        nbgrader = {"grade": False, "grade_id": name, "locked": False, "schema_version": 3,
                    "solution": True, "task": False}
        cells.append(("code", source, {"nbgrader": nbgrader}))
        test = {"grade": True, "grade_id": f"test_{name}", "locked": True, "points": 10,
                "schema_version": 3, "solution": False, "task": False}
        cells.append(("code", f'from autograder.notebook import grade\ngrade("{name}")\n',
                      {"nbgrader": test}))
        cells.append(("markdown", f"Well done with {name}.\n", {}))
    if v3:
        return {"metadata": {"name": ""}, "nbformat": 3, "nbformat_minor": 0, "worksheets": [
            {"cells": [{"cell_type": kind, "metadata": {}, "input" if kind == "code" else
                        "source": src.splitlines(True), **({"language": "python", "outputs": []}
                                                          if kind == "code" else {})}
                       for kind, src, _meta in cells], "metadata": {}}]}
    return {"metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}
            if metadata else {}, "nbformat": 4, "nbformat_minor": 5,
            "cells": [{"cell_type": kind, "metadata": meta if metadata else {},
                       "source": src.splitlines(True),
                       **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                      for kind, src, meta in cells]}


def _text(name: str, text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_text(text, encoding="utf-8")


def _bytes(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(data)


def _copy(name: str) -> Callable[[Path], None]:
    return _bytes(name, (BROKEN / name).read_bytes())


def _nb(name: str, **options) -> Callable[[Path], None]:
    return _text(name, json.dumps(notebook(**options), indent=1))


def _huge(folder: Path) -> None:
    """A 50 MB notebook: the baseline's cells and 50 MB of cell output."""
    nb = notebook()
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout",
                                  "text": ["0123456789abcdef" * 64 + "\n"] * (50 << 10)}]
    (folder / "huge.ipynb").write_text(json.dumps(nb))


def _folder(name: str, files: dict[str, str]) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        (folder / name).mkdir()
        for file, text in files.items():
            (folder / name / file).write_text(text)
    return write


def _truncated(folder: Path) -> None:
    text = json.dumps(notebook(), indent=1)
    (folder / "truncated.ipynb").write_text(text[: len(text) * 3 // 5])


_BINARY = bytes(range(256)) * 8


def corpus() -> list[Broken]:
    base = BASELINE.read_text()
    correct_entropy = ("def entropy(p, base=None):\n    p = np.asarray(p, dtype=float)\n"
                       "    nz = p[p > 0]\n    h = -np.sum(nz * np.log(nz))\n"
                       "    return float(h if base is None else h / np.log(base))\n\n\n")
    head, _, tail = base.partition("def entropy(")
    latin = base.replace("# ignores base", "# ignores base (caf\xe9)").encode("latin-1")
    latin_nb = json.dumps(notebook(), indent=1, ensure_ascii=False).replace(
        "Well done with entropy.", "Well done with entropy, caf\xe9.").encode("latin-1")
    return [
        Broken("invalid_json.ipynb", "a notebook that is not JSON (cut off after a cell)",
               _copy("invalid_json.ipynb"), r"not valid JSON", unreadable=True),
        Broken("truncated.ipynb", "a notebook truncated at 60% of its bytes", _truncated,
               r"not valid JSON", unreadable=True),
        Broken("deep_json.ipynb", "JSON nested 100 000 levels deep",
               _text("deep_json.ipynb", "[" * 100_000 + "]" * 100_000), r"not valid JSON|not a "
               r"Jupyter notebook", unreadable=True),
        Broken("nbformat3.ipynb", "the baseline as an nbformat 3 notebook (worksheets)",
               _nb("nbformat3.ipynb", v3=True), None, lost=()),
        Broken("empty_file.py", "an empty .py file (0 bytes)", _copy("empty_file.py"), r"empty"),
        Broken("empty_notebook.ipynb", "an empty .ipynb file (0 bytes)",
               _copy("empty_notebook.ipynb"), r"empty"),
        Broken("binary_notebook.ipynb", "binary bytes named .ipynb",
               _bytes("binary_notebook.ipynb", _BINARY),
               r"binary file", unreadable=True),
        Broken("binary_file.py", "binary bytes named .py", _bytes("binary_file.py", _BINARY),
               r"binary file", unreadable=True),
        Broken("null_byte.py", "the baseline with a NUL byte in a comment",
               _bytes("null_byte.py", base.replace("# ignores base", "# ignores\0 base").encode()),
               r"binary file|null byte", unreadable=True),
        Broken("huge.ipynb", "a 50 MB notebook (the baseline plus 50 MB of cell output)", _huge,
               r"too large", unreadable=True),
        Broken("latin1_file.py", "the baseline saved as latin-1 (an é in a comment)",
               _bytes("latin1_file.py", latin), r"not UTF-8", unreadable=True),
        Broken("latin1_notebook.ipynb", "the baseline notebook saved as latin-1",
               _bytes("latin1_notebook.ipynb", latin_nb), r"not UTF-8", unreadable=True),
        Broken("utf16.py", "the baseline saved as UTF-16",
               _bytes("utf16.py", base.encode("utf-16")), r"UTF-16", unreadable=True),
        Broken("bom.py", "the baseline with a UTF-8 byte order mark",
               _bytes("bom.py", b"\xef\xbb\xbf" + base.encode()), None, lost=()),
        Broken("cells_not_list.ipynb", 'a notebook whose "cells" is an object, not a list',
               _copy("cells_not_list.ipynb"), r'"cells" list', unreadable=True),
        Broken("cell_source_not_text.ipynb", "a code cell whose source is the number 42",
               _copy("cell_source_not_text.ipynb"), r"malformed", unreadable=True),
        Broken("syntax_error_cell.ipynb", "the baseline notebook with a syntax error in the "
               "entropy cell", _nb("syntax_error_cell.ipynb", broken="entropy"),
               r"syntax error", lost=("entropy",)),
        Broken("defined_twice.py", "a correct entropy, then the baseline's buggy one",
               _text("defined_twice.py", head + correct_entropy + "def entropy(" + tail),
               r"entropy is defined twice.*last definition is graded", lost=()),
        Broken("renamed_function.py", "the baseline with entropy renamed entropy_",
               _text("renamed_function.py", base.replace("def entropy(", "def entropy_(")),
               r"does not define", lost=("entropy",)),
        Broken("no_metadata.ipynb", "the baseline notebook with all metadata stripped",
               _nb("no_metadata.ipynb", metadata=False), None, lost=()),
        Broken("cells_deleted.ipynb", "the baseline notebook with kl_divergence's solution and "
               "test cells deleted", _nb("cells_deleted.ipynb", drop=("kl_divergence",)),
               r"does not define", lost=("kl_divergence",)),
        Broken("ghost/", "a student folder with no code in it (only notes.txt)",
               _folder("ghost", {"notes.txt": "I will submit tomorrow.\n"}),
               r"no \.py or \.ipynb", unreadable=True),
        Broken("folder.ipynb/", "an empty folder named folder.ipynb",
               _folder("folder.ipynb", {}), r"no \.py or \.ipynb|not a", unreadable=True),
    ]
