"""Integrity signals: what the scan flags, and that honest code (every correct catalogue entry,
the examples, the reference as a student file) is never flagged."""

from __future__ import annotations

import pytest

from autograder.integrity import scan
from autograder.loader import load_submission

from .conftest import CATALOGUE, REFERENCE_STUDENT


def _flags(tmp_path, source: str) -> tuple[str, ...]:
    path = tmp_path / "s.py"
    path.write_text(source)
    submission = load_submission(path)
    return scan(submission.chunks, submission.dropped)


@pytest.mark.parametrize("source,flag", [
    ("import numpy as np\ndef entropy(p):\n    np.isclose = lambda *a, **k: True\n    return 0.0\n",
     "patches numpy (np.isclose = ...)"),
    ("import math\ndef f():\n    setattr(math, 'log', abs)\n", "patches math (setattr on math)"),
    ("import builtins\ndef f():\n    builtins.float = int\n", "patches builtins (builtins.float = ...)"),
    ("def f():\n    __builtins__['abs'] = None\n", "patches builtins (__builtins__)"),
    ("import sys\ndef f():\n    sys.modules['numpy'] = None\n",
     "patches the interpreter (sys.modules[...] = ...)"),
    ("from autograder import diagnosis\n", "imports the kit (autograder)"),
    ("import solutions.information as s\n", "imports the kit (solutions.information)"),
    ("def f():\n    return open('/etc/hosts').read()\n", "reads files (open(...))"),
    ("import numpy as np\ndef f():\n    return np.load('x.npy')\n", "reads files (np.load(...))"),
    ("from pathlib import Path\ndef f():\n    return Path('x').read_text()\n",
     "reads files (Path().read_text(...))"),
    ("import os\ndef f():\n    return os.listdir('.')\n", "reads files (os.listdir(...))"),
    ("def f():\n    return __import__('os')\n", "reads files (__import__(...))"),
    ("import numpy as np\nnp.isclose = lambda *a, **k: True\n",
     "patches numpy (np.isclose = ...) (dropped, not run)"),
])
def test_each_kind_of_trick_is_flagged(tmp_path, source, flag):
    assert flag in _flags(tmp_path, source)


HONEST = [REFERENCE_STUDENT, *sorted((CATALOGUE / "correct").glob("*.py")),
          *sorted((CATALOGUE / "buggy").glob("*.py"))]


@pytest.mark.parametrize("path", HONEST, ids=lambda p: p.stem)
def test_honest_code_is_never_flagged(tmp_path, path):
    source = path.read_text() if path == REFERENCE_STUDENT else \
        REFERENCE_STUDENT.read_text() + "\n\n" + path.read_text()
    assert _flags(tmp_path, source) == ()


def test_code_too_deep_to_parse_is_flagged_not_raised():
    from autograder.loader import Chunk

    deep = Chunk("cell 1", "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n", 1)
    assert scan([deep]) == ("cell 1 could not be scanned",)
