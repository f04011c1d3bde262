"""Reading submissions: what is kept, what is dropped and said, what cannot be read."""

from __future__ import annotations

import json
import os

import pytest

from autograder.loader import SNIPPET_CHARS, Chunk, SubmissionError, load_submission


def notebook(path, *cells, nbformat=4):
    """Write a notebook whose cells are (cell_type, source) pairs; source may be a list."""
    if nbformat == 4:
        body = {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [{"cell_type": t, "metadata": {}, "source": s} for t, s in cells],
        }
    else:
        body = {
            "nbformat": 3,
            "nbformat_minor": 0,
            "metadata": {},
            "worksheets": [
                {"cells": [{"cell_type": t, "input": s, "language": "python"} for t, s in cells]}
            ],
        }
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


def run(chunk: Chunk, namespace: dict | None = None) -> dict:
    namespace = {} if namespace is None else namespace
    exec(compile(chunk.code, chunk.label, "exec"), namespace)
    return namespace


def kinds(sub):
    return [(d.label, d.line, d.kind) for d in sub.dropped]


# ---------------------------------------------------------------------------- .py files


def test_py_keeps_definitions_and_drops_exploration(tmp_path):
    src = tmp_path / "hw.py"
    src.write_text(
        "import numpy as np\n"
        "import matplotlib.pyplot as plt\n"
        "EPS = 1e-12\n"
        "LOG2 = np.log(2)\n"
        "x = rng.random(10**6)\n"
        "def entropy(p):\n"
        "    p = np.asarray(p)\n"
        "    return -np.sum(p * np.log(p))\n"
        "print(entropy([0.5, 0.5]))\n"
        "plt.plot([1, 2])\n"
        "for i in range(3):\n"
        "    print(i)\n"
        "if __name__ == '__main__':\n"
        "    entropy([1.0])\n"
    )
    sub = load_submission(src)
    assert sub.kind == "py" and sub.path == str(src)
    assert sub.defined == ("entropy",)
    assert kinds(sub) == [
        ("hw.py", 5, "assignment"),
        ("hw.py", 9, "call"),
        ("hw.py", 10, "call"),
        ("hw.py", 11, "loop"),
        ("hw.py", 13, "main block"),
    ]
    [chunk] = sub.chunks
    assert chunk.label == "hw.py" and chunk.first_line == 1
    assert chunk.code.splitlines()[5] == "def entropy(p):"  # line 6 stays line 6
    assert "print" not in chunk.code and "rng" not in chunk.code
    note = next(n for n in sub.notes if n.startswith("Dropped 5 top-level statements"))
    assert "line 5 `x = rng.random(10**6)`" in note and "line 9 `print(entropy([0.5, 0.5]))`" in note


def test_top_level_imports_are_listed(tmp_path):
    path = tmp_path / "hw.py"
    path.write_text("import matplotlib.pyplot as plt, math\nfrom scipy.special import xlogy\n"
                    "from scipy import stats\nfrom numpy import *\n"
                    "from . import sibling\ndef f():\n    import json\n")
    assert load_submission(path).imports == (  # a from-imported name may be a submodule
        "math", "matplotlib.pyplot", "numpy", "scipy", "scipy.special", "scipy.special.xlogy",
        "scipy.stats")


def test_traceback_line_numbers_point_at_the_student_line(tmp_path):
    src = tmp_path / "hw.py"
    src.write_text("print('hi')\nprint('again')\n\ndef f():\n    return 1 / 0\n")
    [chunk] = load_submission(src).chunks
    ns = run(chunk)
    with pytest.raises(ZeroDivisionError) as info:
        ns["f"]()
    frame = info.traceback[-1]
    assert frame.path == "hw.py" or str(frame.path).endswith("hw.py")
    assert frame.lineno + 1 == 5  # pytest counts from 0


@pytest.mark.parametrize(
    "line, kept",
    [
        ("EPS = 1e-12", True),
        ("LOG2 = np.log(2)", True),
        ("HALF = numpy.float64(0.5) ** 2", True),
        ("SQ = math.sqrt(2) + math.pi", True),
        ("INF = float('inf')", True),
        ("A, B = 1, (2, 3)", True),
        ("T: float = -np.inf", True),
        ("T: float", True),
        ("GRID = np.linspace(0, 1, 11)", True),
        ("NAMES = {'a': [1, 2], 'b': {3}}", True),
        ("sig = lambda z: 1 / (1 + np.exp(-z))", True),
        ("COPY = EPS_BASE * 2", True),
        ("x = rng.random(10**6)", False),
        ("p = load_data()", False),
        ("q = undefined_name * 2", False),
        ("n = len(open('data.txt').read())", False),
        ("sq = [i * i for i in range(10)]", False),
        ("np.isclose = lambda *a, **k: True", False),
        ("d['k'] = 1", False),
        ("EPS += 1", False),
        ("s = pd.Series([1, 2])", False),
    ],
)
def test_constant_assignment_rules(tmp_path, line, kept):
    src = tmp_path / "c.py"
    src.write_text(f"import math\nimport numpy\nimport numpy as np\nimport pandas as pd\nEPS_BASE = 1\n{line}\n")
    sub = load_submission(src)
    assert (line in sub.chunks[0].code) is kept
    assert bool([d for d in sub.dropped if d.line == 6]) is not kept


def test_kept_constants_evaluate(tmp_path):
    src = tmp_path / "c.py"
    src.write_text("import numpy as np\nLOG2 = np.log(2); print(LOG2); EPS = 1e-12\n")
    sub = load_submission(src)
    ns = run(sub.chunks[0])
    assert ns["EPS"] == 1e-12 and ns["LOG2"] == pytest.approx(0.6931471805599453)
    assert kinds(sub) == [("c.py", 2, "call")]


def test_try_and_if_blocks(tmp_path):
    src = tmp_path / "t.py"
    src.write_text(
        "try:\n"
        "    import scipy_that_is_missing as sp\n"
        "except ImportError:\n"
        "    sp = None\n"
        "try:\n"
        "    import numpy as np\n"
        "    print('imported')\n"
        "except ImportError:\n"
        "    pass\n"
        "import sys\n"
        "if sys.version_info >= (3, 8):\n"
        "    def f():\n"
        "        return 1\n"
        "else:\n"
        "    f = None\n"
    )
    sub = load_submission(src)
    assert kinds(sub) == [("t.py", 5, "try block")]
    ns = run(sub.chunks[0])
    assert ns["sp"] is None and ns["f"]() == 1
    assert sub.defined == ("f",)


def test_decorators_classes_and_async_are_kept(tmp_path):
    src = tmp_path / "d.py"
    src.write_text(
        "import functools\n"
        "@functools.lru_cache(maxsize=None)\n"
        "def fib(n):\n"
        "    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
        "class Model:\n"
        "    rate = 0.5\n"
        "async def later():\n"
        "    return 1\n"
    )
    sub = load_submission(src)
    assert sub.dropped == () and sub.defined == ("fib", "later")
    assert run(sub.chunks[0])["fib"](20) == 6765


def test_duplicate_definitions_are_noted(tmp_path):
    src = tmp_path / "dup.py"
    src.write_text("def h(p):\n    return 0\n\ndef h(p):\n    return 1\n")
    sub = load_submission(src)
    assert sub.defined == ("h",)
    assert "h is defined twice (line 1 and line 4); the last definition is graded." in sub.notes


def test_syntax_error_in_py_drops_the_file(tmp_path):
    src = tmp_path / "bad.py"
    src.write_text("def f():\n    return 1\ndef g(:\n    pass\n")
    sub = load_submission(src)
    assert sub.chunks == ()
    assert kinds(sub) == [("bad.py", 3, "syntax error")]
    assert any("syntax error on line 3" in n for n in sub.notes)


def test_snippets_are_short(tmp_path):
    src = tmp_path / "s.py"
    src.write_text("print('" + "x" * 200 + "')\n")
    [d] = load_submission(src).dropped
    assert len(d.snippet) <= SNIPPET_CHARS and d.snippet.endswith("...")


# ---------------------------------------------------------------------------- notebooks


def test_notebook_cells_magics_and_syntax_errors(tmp_path):
    nb = notebook(
        tmp_path / "hw.ipynb",
        ("markdown", "# Entropy"),
        ("code", ["%matplotlib inline\n", "import numpy as np\n", "!pip install foo\n", "np.log?"]),
        ("code", "def entropy(p):\n    return -np.sum(p * np.log(p))\nentropy(np.ones(2) / 2)"),
        ("code", "def broken(:\n    pass"),
        ("code", "%%time\ndef hidden():\n    return 2"),
        ("raw", "def not_code(): pass"),
        ("code", "def entropy(p):\n    %time x = 1\n    return 0.0"),
        ("code", ""),
    )
    sub = load_submission(nb)
    assert sub.kind == "ipynb"
    assert [c.label for c in sub.chunks] == ["cell 2", "cell 3", "cell 7"]
    assert sub.defined == ("entropy",)
    assert kinds(sub) == [
        ("cell 2", 1, "magic"),
        ("cell 2", 3, "magic"),
        ("cell 2", 4, "magic"),
        ("cell 3", 3, "call"),
        ("cell 4", 1, "syntax error"),
        ("cell 5", 1, "magic"),
        ("cell 7", 2, "magic"),
    ]
    assert any(n.startswith("cell 4 has a syntax error on line 1") for n in sub.notes)
    assert "entropy is defined twice (cell 3 and cell 7); the last definition is graded." in sub.notes
    magics = next(n for n in sub.notes if n.startswith("Ignored 5 IPython-only lines"))
    assert "cell 2 line 1 `%matplotlib inline`" in magics
    # line numbers are the cell's own: line 2 of cell 2 is the import
    assert sub.chunks[0].code.splitlines()[1] == "import numpy as np"
    ns = run(sub.chunks[0])
    run(sub.chunks[2], ns)
    assert ns["entropy"]([0.5]) == 0.0


def test_nbformat3_notebook(tmp_path):
    nb = notebook(
        tmp_path / "old.ipynb",
        ("heading", "Title"),
        ("code", ["import math\n", "def f(x):\n", "    return math.log(x)\n"]),
        nbformat=3,
    )
    sub = load_submission(nb)
    assert [c.label for c in sub.chunks] == ["cell 2"] and sub.defined == ("f",)


def test_directory_reads_notebooks_then_py_in_name_order(tmp_path):
    notebook(tmp_path / "02_kl.ipynb", ("code", "def kl(p, q):\n    return 0.0"))
    notebook(tmp_path / "01_entropy.ipynb", ("code", "def entropy(p):\n    return 0.0"))
    (tmp_path / "helpers.py").write_text("def helper():\n    return 1\n")
    (tmp_path / "notes.txt").write_text("not code")
    sub = load_submission(tmp_path)
    assert [c.label for c in sub.chunks] == ["01_entropy.ipynb cell 1", "02_kl.ipynb cell 1", "helpers.py"]
    assert sub.defined == ("entropy", "kl", "helper")
    assert sub.kind == "ipynb"


def test_empty_files_are_not_errors(tmp_path):
    (tmp_path / "e.py").write_text("")
    (tmp_path / "e.ipynb").write_text("")
    for name in ("e.py", "e.ipynb"):
        sub = load_submission(tmp_path / name)
        assert sub.chunks == () and sub.dropped == ()
        assert f"{name} is empty." in sub.notes


# ---------------------------------------------------------------------------- unreadable input


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bad.ipynb", b'{"cells": [\n  {"cell_type": "code",\n    oops}', "is not valid JSON (line 3, column 5)"),
        ("list.ipynb", b"[1, 2]", "is not a Jupyter notebook"),
        ("nocells.ipynb", b'{"metadata": {}}', 'has no "cells" list'),
        ("badsrc.ipynb", b'{"cells": [{"cell_type": "code", "source": 3}]}', "source of cell 1"),
        ("latin.py", "x = 'café'\n".encode("latin-1"), "is not UTF-8 text"),
        ("utf16.py", "x = 1\n".encode("utf-16"), "is not UTF-8 text"),
        ("blob.py", b"\x7fELF\x02\x01\x01\x00\x00\x00", "is a binary file"),
        ("hw.txt", b"def f(): pass", "neither a .py file nor a .ipynb notebook"),
    ],
)
def test_unreadable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SubmissionError, match="^" + str(path).replace("\\", "\\\\") + " ") as info:
        load_submission(path)
    assert message in str(info.value)


def test_missing_file_and_empty_directory(tmp_path):
    with pytest.raises(SubmissionError, match="does not exist"):
        load_submission(tmp_path / "nope.ipynb")
    (tmp_path / "sub").mkdir()
    with pytest.raises(SubmissionError, match="is a directory with no .py or .ipynb files"):
        load_submission(tmp_path / "sub")


def test_size_cap(tmp_path, monkeypatch):
    import autograder.intake as loader

    monkeypatch.setattr(loader, "MAX_BYTES", 1000)
    path = tmp_path / "big.py"
    path.write_text("x = 1\n" * 200)
    with pytest.raises(SubmissionError, match="too large"):
        load_submission(path)


def test_loading_does_not_import_nbformat(tmp_path):
    import subprocess
    import sys

    nb = notebook(tmp_path / "n.ipynb", ("code", "def f():\n    return 1"))
    code = (
        "import sys; from autograder.loader import load_submission; "
        f"load_submission({str(nb)!r}); print('nbformat' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------- untrusted files

RIGHT = "import numpy as np\n\ndef entropy(p, base=None):\n    return 0.0\n"


def test_a_symlink_inside_a_folder_is_not_followed(tmp_path):
    """A folder submission's link to a classmate's file (read as root) is never read."""
    classmate = tmp_path / "classmate" / "hw.py"
    classmate.parent.mkdir()
    classmate.write_text(RIGHT)
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "hw.py").symlink_to(classmate)
    (folder / "own.py").write_text("def mine():\n    return 1\n")
    sub = load_submission(folder)
    assert sub.defined == ("mine",)
    assert any("hw.py is a symbolic link" in n for n in sub.notes)
    assert all("entropy" not in c.code for c in sub.chunks)


def test_a_folder_of_only_links_or_a_linked_submission_is_refused(tmp_path):
    outside = tmp_path / "secret.py"
    outside.write_text(RIGHT)
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "hw.py").symlink_to(outside)
    with pytest.raises(SubmissionError, match="no .py or .ipynb files"):
        load_submission(folder)
    link = tmp_path / "link.py"
    link.symlink_to(outside)
    with pytest.raises(SubmissionError, match="is a symbolic link"):
        load_submission(link)
    (tmp_path / "dirlink").symlink_to(folder)
    with pytest.raises(SubmissionError, match="is a symbolic link"):
        load_submission(tmp_path / "dirlink")


def test_special_files_are_not_read(tmp_path):
    fifo = tmp_path / "hw.py"
    os.mkfifo(fifo)  # opening a FIFO to read would block the grader forever
    with pytest.raises(SubmissionError, match="^" + str(fifo) + " is neither a file nor a folder"):
        load_submission(fifo)
    folder = tmp_path / "sub"
    folder.mkdir()
    os.mkfifo(folder / "a.py")
    (folder / "b.py").mkdir()
    (folder / "c.py").write_text("def f():\n    return 1\n")
    assert load_submission(folder).defined == ("f",)


def test_a_file_swapped_for_a_fifo_after_listing_is_not_sent_to_dask(tmp_path, monkeypatch):
    """``grade --executor dask`` reads a submission's files on the client: a file replaced by a
    FIFO between listing and opening must not block it (nor a link be followed)."""
    from autograder import dask_executor, intake

    folder = tmp_path / "sub"
    folder.mkdir()
    (folder / "a.py").write_text("def f():\n    return 1\n")
    (folder / "c.py").write_text("def g():\n    return 2\n")
    (tmp_path / "secret.py").write_text("KEY = 1\n")
    listed = intake.submission_files

    def swap_after_listing(path, shown):
        files, skipped = listed(path, shown)
        os.remove(folder / "a.py")
        os.mkfifo(folder / "a.py")
        os.remove(folder / "c.py")
        os.symlink(tmp_path / "secret.py", folder / "c.py")
        return files, skipped

    monkeypatch.setattr(intake, "submission_files", swap_after_listing)
    assert dask_executor.pack(folder) == {}


@pytest.mark.parametrize("cap, content, message", [
    ("MAX_FILE_BYTES", "x = 1\n" * 200, "at most 0 MB per file"),
    ("MAX_CODE_BYTES", "x = 1\n" * 200, "too much code"),
])
def test_size_caps_are_checked_before_parsing(tmp_path, monkeypatch, cap, content, message):
    import autograder.intake as loader

    monkeypatch.setattr(loader, cap, 1000)
    path = tmp_path / "big.py"
    path.write_text(content)
    with pytest.raises(SubmissionError, match=message):
        load_submission(path)


def test_code_cap_counts_every_cell_of_every_file(tmp_path, monkeypatch):
    import autograder.intake as loader

    monkeypatch.setattr(loader, "MAX_CODE_BYTES", 1000)
    folder = tmp_path / "sub"
    folder.mkdir()
    notebook(folder / "a.ipynb", *[("code", "x = 1\n" * 50)] * 3)  # 900 characters
    (folder / "b.py").write_text("y = 2\n" * 30)
    with pytest.raises(SubmissionError, match="too much code"):
        load_submission(folder)


def test_tokens_are_names_numbers_and_symbols_counted_up_to_a_limit():
    from autograder.intake import count_tokens

    assert count_tokens("x_1 = np.log(2.5) ** 2  # done", 100) == 15
    assert count_tokens("s = 'two words'\n", 100) == 6  # inside strings too
    assert count_tokens(f"x = f'{'{1}' * 10}'", 100) == 35  # an f-string's fields count
    assert count_tokens("\n \t", 100) == 0
    assert count_tokens("1," * 1_000_000, 10) == 11  # stops just past the limit


def test_the_token_cap_is_checked_before_parsing(tmp_path, monkeypatch):
    """One sentence, before anything is parsed (a line ``def f(:`` past the cap is never read
    as a syntax error), the same from the helper and from the grading process."""
    import autograder.intake as intake

    path = tmp_path / "big.py"
    path.write_text("def f(p):\n    return p\n\nS = '" + "a" * 300_000 + "'\n"  # one token
                    "X = [" + ",".join(["1"] * 30_000) + "]\ndef f(:\n")
    assert path.stat().st_size > intake.INLINE_BYTES  # read by the helper
    sentence = (f"{path} holds too much code: the grader reads at most 50,000 names, numbers and "
                "symbols of Python source per submission, and a long notebook has a few thousand.")
    with pytest.raises(SubmissionError) as caught:
        load_submission(path)
    assert str(caught.value) == sentence
    monkeypatch.setattr(intake, "INLINE_BYTES", 2**30)  # read in this process
    with pytest.raises(SubmissionError) as caught:
        load_submission(path)
    assert str(caught.value) == sentence
    monkeypatch.setattr(intake, "MAX_TOKENS", 100_000)
    assert load_submission(path).notes[0].endswith("so nothing in the file was graded.")


def test_the_token_cap_counts_every_cell_of_every_file(tmp_path, monkeypatch):
    import autograder.intake as intake

    monkeypatch.setattr(intake, "MAX_TOKENS", 1000)
    folder = tmp_path / "sub"
    folder.mkdir()
    notebook(folder / "a.ipynb", *[("code", "x = 1\n" * 100)] * 2)  # 600 tokens
    (folder / "b.py").write_text("y = 2\n" * 150)  # 450 more
    with pytest.raises(SubmissionError, match="at most 1,000 names, numbers and symbols"):
        load_submission(folder)
    (folder / "b.py").write_text("y = 2\n" * 130)
    assert load_submission(folder).chunks
    from autograder.loader import load_cells

    with pytest.raises(SubmissionError, match="^history holds too much code"):
        load_cells([("In [1]", "x = 1\n" * 200), ("In [2]", "y = 2\n" * 200)], "history")


def test_a_submission_over_the_token_cap_scores_zero_with_the_sentence(tmp_path):
    from autograder.one_student import UNREADABLE, grade_item

    path = tmp_path / "big.py"
    path.write_text("def entropy(p, base=None):\n    return 0.0\n\n"
                    + "".join(f"_c{i} = {i}\n" for i in range(20_000)))
    record = grade_item("big", str(path), "big.py")
    assert record["outcome"] == UNREADABLE and record["score"] == 0 and record["max_score"] > 0
    assert record["notes"] == [
        "The submission could not be read, so nothing in it was graded: big.py holds too much "
        "code: the grader reads at most 50,000 names, numbers and symbols of Python source per "
        "submission, and a long notebook has a few thousand."]
    assert all(c["points"] == 0 for c in record["checks"])


def test_real_submissions_are_far_under_the_token_cap(tmp_path):
    """The kit's examples, every catalogue entry (what bench/student_class.py fills notebooks
    with) and the released notebooks: the largest is a small fraction of the cap."""
    from pathlib import Path

    from autograder.intake import MAX_TOKENS, count_tokens, notebook_cells

    repo = Path(__file__).resolve().parents[1]
    sizes = {}
    for path in [*(repo / "autograder" / "examples").glob("*.py"),
                 *(repo / "tests" / "catalogue").rglob("*.py"),
                 *(repo / "assignments" / "release").rglob("*.ipynb")]:
        text = path.read_text()
        if path.suffix == ".ipynb":
            text = "\n".join(source for _, source in notebook_cells(text, path.name))
        sizes[path.name] = count_tokens(text, MAX_TOKENS)
        assert load_submission(path).chunks or path.name == "not_started.py"
    assert len(sizes) > 20 and max(sizes.values()) < MAX_TOKENS // 10


def test_a_long_notebook_with_large_outputs_is_read_in_full(tmp_path):
    """2000 lines of dense numpy code in 100 cells (three times the whole assignment solved),
    and 12 MB of outputs (plots as base64 images, long printed tables): outputs are not code,
    so the caps never see them."""
    image = "iVBORw0KGgo" + "A" * 600_000
    cells = []
    for i in range(100):
        body = [f"def helper_{i}(p, q):\n", '    """Compare two distributions."""\n']
        body += [f"    total_{k} = np.sum(p * np.log(q + {k}e-12))\n" for k in range(17)]
        body += ["    return total_0\n", f"plt.plot(helper_{i}(P, Q))\n"]
        cells.append({"cell_type": "code", "metadata": {}, "execution_count": i, "source": body,
                      "outputs": [{"output_type": "display_data", "metadata": {},
                                   "data": {"image/png": image if i % 5 == 0 else "",
                                            "text/plain": ["<Figure>\n"] * 200}}]})
    cells.insert(0, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 0,
                     "source": "import numpy as np\nimport matplotlib.pyplot as plt\n"})
    path = tmp_path / "long.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                "cells": cells}))
    assert path.stat().st_size > 12 * 10**6
    sub = load_submission(path)
    assert sub.defined == tuple(f"helper_{i}" for i in range(100))
    assert sum(d.kind == "call" for d in sub.dropped) == 100


def test_a_long_constant_expression_is_dropped_not_a_crash(tmp_path):
    """3000 terms parse, but used to exhaust the loader's (and the compiler's) recursion."""
    path = tmp_path / "deep.py"
    path.write_text("X = " + " + ".join(["1"] * 3000) + "\n\ndef f():\n    return 1.0\n")
    sub = load_submission(path)
    assert sub.defined == ("f",)
    assert [d.kind for d in sub.dropped] == ["assignment"]
    nested = tmp_path / "nested.py"
    nested.write_text("def g():\n    return " + "(" * 150 + "1" + ")" * 150 + "\n")
    assert load_submission(nested).chunks or True  # a syntax note at worst, never an exception


def test_parsing_beyond_the_helpers_limits_is_a_clean_error(tmp_path, monkeypatch):
    import autograder.intake as loader

    monkeypatch.setattr(loader, "PARSE_MEMORY", 32 * 2**20)
    monkeypatch.setattr(loader, "MAX_TOKENS", 10**7)  # the limits behind the token cap
    path = tmp_path / "list.py"
    path.write_text("X = [" + ", ".join(["1.5"] * 200_000) + "]\n\ndef f():\n    return 1\n")
    try:
        sub = load_submission(path)
    except SubmissionError as e:
        assert "within the grader's limits" in str(e)
    else:  # the parser's MemoryError is that cell's syntax error
        assert sub.defined == () and sub.notes
    monkeypatch.setattr(loader, "PARSE_WALL", 0.001)
    with pytest.raises(SubmissionError, match="could not be read within"):
        load_submission(path)


def test_a_lone_surrogate_in_a_notebook_line_becomes_an_escape(tmp_path):
    nb = notebook(tmp_path / "n.ipynb", ("code", "S = 'a\ud800b'\nprint(S)\n"))
    sub = load_submission(nb)
    for text in [*sub.notes, *(c.code for c in sub.chunks), *(d.snippet for d in sub.dropped)]:
        text.encode("utf-8")
    assert "\\ud800" in sub.chunks[0].code


def _hostile_sources() -> dict[str, str]:
    """Sources of about 1.2 MB that were quadratic (one scope copy per if block, one line
    encoded once per statement on it) or huge to parse, now refused by the token cap; and the
    same shapes just under the cap (95% of MAX_TOKENS), read in full."""
    from autograder.intake import MAX_TOKENS

    shapes = {  # statements of each shape, and tokens per statement
        "if blocks": (lambda n: "".join(f"if True:\n    a{i} = {i}\n" for i in range(n)), 6),
        "one line": (lambda n: "; ".join(f"a{i} = '\u00e9{i}'" for i in range(n)) + "\n", 6),
        "many lines": (lambda n: "".join(f"a{i} = {i}\n" for i in range(n)), 3),
    }
    sizes = {"if blocks": 46_000, "one line": 70_000, "many lines": 110_000}
    sources = {name: make(sizes[name]) for name, (make, _) in shapes.items()}
    sources.update({f"{name} under the cap": make(MAX_TOKENS * 95 // 100 // per)
                    for name, (make, per) in shapes.items()})
    return sources


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(_hostile_sources()))
def test_benchmark_huge_sources(tmp_path, shape, capsys, monkeypatch):
    """Prints the grading process's and the helper's CPU for a 1.2 MB source, and for the same
    shape just under the token cap, read by the helper whatever its size (no timed assert: the
    figures go in the report)."""
    import resource
    import time

    import autograder.intake as intake

    monkeypatch.setattr(intake, "INLINE_BYTES", 0)

    path = tmp_path / "big.py"
    path.write_text(_hostile_sources()[shape])
    before = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    try:
        sub = load_submission(path)
        what = f"{len(sub.chunks)} chunk(s)"
    except SubmissionError as e:  # the helper's wall limit, on a machine far too busy
        what = str(e)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_SELF)
    helper = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    helper_cpu = (helper.ru_utime + helper.ru_stime) - (children.ru_utime + children.ru_stime)
    with capsys.disabled():
        print(f"\n{shape}: {path.stat().st_size / 1e6:.2f} MB, wall {wall:.2f} s, grader CPU "
              f"{cpu:.2f} s, helper CPU {helper_cpu:.2f} s, helper peak "
              f"{helper.ru_maxrss / 1024:.0f} MB: {what}")
    assert cpu < wall + 1.0  # the parsing happened in the helper, not here
    assert ("too much code" in what) == ("under the cap" not in shape)


def test_the_helper_and_the_inline_reader_agree(tmp_path, monkeypatch):
    import autograder.intake as loader

    folder = tmp_path / "sub"
    folder.mkdir()
    notebook(folder / "a.ipynb", ("code", "%matplotlib inline\nimport numpy as np"),
             ("code", "def f(p):\n    return np.sum(p)\nf([1])"), ("code", "def f(:"))
    (folder / "b.py").write_text("X = " + " + ".join(["1"] * 3000) + "\nif True:\n    Y = 2\n")
    (folder / "c.py").symlink_to(folder / "b.py")
    inline = load_submission(folder)
    monkeypatch.setattr(loader, "INLINE_BYTES", 0)
    assert load_submission(folder) == inline
    with pytest.raises(SubmissionError, match="does not exist"):
        load_submission(tmp_path / "nope.py")


def test_the_kits_grade_cell_import_is_not_the_students_code(tmp_path):
    # the sandbox refuses every module of the kit, so keeping this import would stop the load
    # at the first test cell and cost every later function
    path = tmp_path / "work.py"
    path.write_text("from autograder.notebook import grade\nimport autograder.notebook\n"
                    "def f(x):\n    return x\n")
    sub = load_submission(path)
    assert "autograder" not in "".join(c.code for c in sub.chunks)
    assert sub.defined == ("f",) and not sub.dropped
