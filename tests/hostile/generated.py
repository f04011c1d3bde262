"""Tricks that cannot be plain files in ``tamper/``: huge sources, notebooks with bytes a text
editor mangles, and folder submissions holding symbolic links. Each is built when the class is
written, from a few lines here, and judged like the others (see ``harness.py``).

A folder trick's ``files`` map a name to its text, or to ``("link", target)`` for a symbolic
link; a target starting with ``REPO/`` points into the repository, ``../x`` at a classmate.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BASELINE = Path(__file__).resolve().parent / "baseline.py"


def _notebook(cells: list[str]) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                                  "outputs": [], "source": c} for c in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


_PACKAGE = '''
class _Pkg:  # make the reference's relative imports resolve to this very module
    import sys as _sys
    globals()["__package__"] = "xpkg"
    globals()["__path__"] = []
    for _n in ("xpkg", "xpkg._validate", "xpkg.logspace"):
        _sys.modules[_n] = _sys.modules[globals()["__name__"]]
'''

_KERNEL_CELL = '''
import glob, os, sqlite3
for top in (os.getcwd(), "/proc/%d/cwd" % os.getppid(), "/proc/1/cwd", "/tmp"):
    for db in glob.glob(top + "/gradebook.db") + glob.glob(top + "/*/gradebook.db"):
        with sqlite3.connect(db) as con:
            con.execute("update grade set auto_score = 99")
    for path in glob.glob(top + "/*/reports/*.json") + glob.glob(top + "/reports/*.json"):
        with open(path, "w") as f:
            f.write("{}")
'''


#: A forged-reply trick is this writer and a bernoulli_mle that uses it (or the pipe itself).
_FORGER = '''
import fcntl
import json
import os
import stat
import struct


def _reply_fds():
    """The sandbox child's reply pipe: a write-only pipe among its low file descriptors."""
    found = []
    for fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode) and \\
                    fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY:
                found.append(fd)
        except OSError:
            continue
    return found


def _frame(tree, body=b""):
    """One frame of the wire format, written by hand: length, magic, header, body."""
    header = json.dumps(tree, separators=(",", ":")).encode()
    header += b" " * (-(8 + len(header)) % 16)
    payload = b"XKW1" + struct.pack("<I", len(header)) + header + body
    return struct.pack("<Q", len(payload)) + payload


def _forge(value_node, body=b""):
    tree = ["l", [["s", "value"], value_node, ["n"], ["s", ""], ["n"], ["l", []],
                  ["f", struct.pack("<d", 0.0).hex()]]]
    for fd in _reply_fds():
        try:
            os.write(fd, _frame(tree, body))
        except OSError:
            pass
'''


def _forged(name: str, tries: str, body: str, *, cost: bool = False, slow: bool = False) -> dict:
    targets = "neighbours, batch, its_report" + (", cost" if cost else "")
    return dict(name=name, tries=tries, targets=targets, slow=slow,
                text=_FORGER + "\n\n" + body.strip("\n") + "\n")


def forged_replies() -> list[dict]:
    """Tricks that write forged replies on the sandbox's reply pipe."""
    return [
        _forged("forge_reply_packed_count", "forge a reply on the reply pipe: a packed list of "
                "floats whose count says 10**12 items, with an empty body", cost=True, body='''
def bernoulli_mle(x):
    _forge(["F", "l", 10**12])
    return 0.5
'''),
        _forged("forge_reply_huge_shape", "forge a reply holding a zero-size float64 array of "
                "shape (0, 10**18, 10**18)", cost=True, slow=True, body='''
def bernoulli_mle(x):
    _forge(["a", "<f8", [0, 10**18, 10**18]])
    return 0.5
'''),
        _forged("forge_reply_long_int", "forge a reply holding an int of 4301 digits (one more "
                "than int() accepts from text)", slow=True, body='''
def bernoulli_mle(x):
    _forge(["i", "9" * 4301])
    return 0.5
'''),
        _forged("forge_reply_ahead", "write three forged replies ahead on every call, so later "
                "answers shift and the grader pairs calls with the wrong replies", body='''
def bernoulli_mle(x):
    for _ in range(3):
        _forge(["f", struct.pack("<d", 0.5).hex()])
    return 0.5


def entropy(p, base=None):
    _forge(["f", struct.pack("<d", 1.0).hex()])
    raise ValueError("the real reply is an error; the forged one came first")
'''),
        _forged("forge_reply_deep_header", "forge a reply whose header is a list nested 100000 "
                "levels deep (JSON recursion in the decoder)", cost=True, body='''
def bernoulli_mle(x):
    tree = "[" * 100000 + "]" * 100000
    header = tree.encode() + b" " * (-(8 + len(tree)) % 16)
    payload = b"XKW1" + struct.pack("<I", len(header)) + header
    for fd in _reply_fds():
        try:
            os.write(fd, struct.pack("<Q", len(payload)) + payload)
        except OSError:
            pass
    return 0.5
'''),
        _forged("forge_reply_huge_length", "forge a frame that announces 2**62 bytes, then "
                "writes a few and keeps the pipe open", body='''
def bernoulli_mle(x):
    for fd in _reply_fds():
        try:
            os.write(fd, struct.pack("<Q", 1 << 62) + b"XKW1" + bytes(60))
        except OSError:
            pass
    return 0.5
'''),
    ]


def _room(base: str) -> int:
    """Tokens a trick may add to the baseline and stay under the loader's cap, with a margin."""
    from autograder.intake import MAX_TOKENS, count_tokens

    return MAX_TOKENS - count_tokens(base, MAX_TOKENS) - 1000


def specs() -> list[dict]:
    """name, tries, targets and either text (appended to the baseline), notebook or files."""
    base = BASELINE.read_text()
    return forged_replies() + [
        dict(name="kept_code_over_1mb", targets="neighbours, batch, its_report, cost",
             tries="keep 1.2 MB of code: one string constant the loader keeps, beyond the wire's "
                   "1 MB header limit", slow=True, text='_BLOB = "' + "a" * 1_200_000 + '"\n'),
        dict(name="long_constant_expression", targets="neighbours, batch, its_report, cost",
             tries=f"a constant expression of {_room(base) // 2} terms (1+1+...+1, as many as "
                   "the token cap lets through): a deep syntax tree the loader walks recursively",
             text="_X = " + "+".join(["1"] * (_room(base) // 2)) + "\n"),
        dict(name="nested_parentheses", targets="neighbours, batch, its_report, cost",
             tries="a constant nested in 5000 parentheses, past the parser's nesting limit",
             text="_X = " + "(" * 5000 + "1" + ")" * 5000 + "\n"),
        dict(name="source_1mb_many_statements", targets="neighbours, batch, its_report, cost",
             tries="1 MB of source in 90000 short constant assignments, for a loader whose cost "
                   "grows with the square of the statements (refused by the token cap)", slow=True,
             text="".join(f"_c{i} = {i}\n" for i in range(90_000))),
        dict(name="source_3mb_one_line", targets="neighbours, batch, its_report, cost",
             tries="a 2 MB source file: one list literal of 500000 numbers (refused by the token "
                   "cap)", slow=True,
             text="_L = [" + ",".join(["1.5"] * 500_000) + "]\n"),
        dict(name="source_under_token_cap_statements", targets="neighbours, batch, its_report, "
             "cost", slow=True,
             tries=f"as many short constant assignments as fit under the loader's token cap "
                   f"({_room(base) // 3}), all kept, sent to the sandbox and run there",
             text="".join(f"_k{i} = {i}\n" for i in range(_room(base) // 3))),
        dict(name="source_under_token_cap_one_line", targets="neighbours, batch, its_report, cost",
             tries=f"the longest list literal that fits under the loader's token cap "
                   f"({_room(base) // 2} numbers on one line), kept and run in the sandbox",
             slow=True, text="_M = [" + ",".join(["7"] * (_room(base) // 2)) + "]\n"),
        dict(name="notebook_surrogate_lines", targets="neighbours, batch, its_report, grades",
             slow=True,
             tries="a notebook whose cells hold lone surrogates (\\ud800) in a comment, a "
                   "string constant and a docstring, as JSON escapes",
             notebook=[base, "# note \ud800\n_S = '\udfff'\n",
                       'def entropy(p, base=None):\n    """\udc80"""\n    return 0.0\n']),
        dict(name="notebook_kernel_cells", targets="gradebook, reports, neighbours",
             tries="a notebook whose top-level cells (what a kernel would run) rewrite every "
                   "gradebook.db and report they find",
             notebook=[base, _KERNEL_CELL, "class _Go:\n" + "\n".join(
                 "    " + line for line in _KERNEL_CELL.strip().splitlines()) + "\n"]),
        dict(name="symlink_to_neighbour", targets="neighbours",
             tries="a folder submission whose second file is a symbolic link to a classmate's "
                   "correct submission (../correct.py)",
             files={"a_main.py": base, "z_mine.py": ("link", "../correct.py")}),
        dict(name="symlink_to_reference", targets="secrets",
             tries="a folder submission linking the reference's source files (solutions/*.py), "
                   "with a first file that makes their relative imports resolve",
             files={"a_main.py": base + _PACKAGE,
                    "b_validate.py": ("link", "REPO/solutions/_validate.py"),
                    "c_information.py": ("link", "REPO/solutions/information.py"),
                    "d_logspace.py": ("link", "REPO/solutions/logspace.py"),
                    "e_likelihood.py": ("link", "REPO/solutions/likelihood.py")}),
        dict(name="symlink_to_hidden_cases", targets="secrets",
             tries="a folder submission with a notebook that is a link to "
                   "solutions/hidden_cases.json, so a parse error might quote it",
             files={"a_main.py": base,
                    "z_cases.ipynb": ("link", "REPO/solutions/hidden_cases.json")}),
    ]


def write(folder: Path, spec: dict, student: str) -> None:
    """Write ``spec``'s submission for ``student`` into ``folder``."""
    if "files" in spec:
        target = folder / student
        target.mkdir(parents=True, exist_ok=True)
        for name, content in spec["files"].items():
            if isinstance(content, tuple):
                link = content[1].replace("REPO/", str(REPO) + "/", 1)
                (target / name).symlink_to(link)
            else:
                (target / name).write_text(content)
    elif "notebook" in spec:
        (folder / f"{student}.ipynb").write_text(_notebook(spec["notebook"]))
    else:
        (folder / f"{student}.py").write_text(BASELINE.read_text() + "\n\n" + spec["text"])
