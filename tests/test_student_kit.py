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
    import importlib

    for module in (solutions.information, solutions.likelihood, solutions.logspace,
                   solutions._validate, importlib.import_module("solutions.mistakes")):
        for line in inspect.getsource(module).splitlines():
            line = line.strip()
            if len(line) > 40 and not line.startswith(("#", '"', "'", "import", "from",
                                                       "with np.errstate(")):
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


# ------------------------------------------------------------------------------ the formula scan

#: Runs inside the students' copy, with numpy and the kit's other dependencies but no
#: ``solutions``: imports every module, finds every callable (functions, lambdas in tables,
#: methods, partials, nested functions rebuilt from their code), calls each with every public
#: case's arguments, and reports those whose answers agree with the reference's.
_SCANNER = r'''
import functools, importlib, importlib.util, io, json, math, os, pickle, pkgutil, signal
import contextlib, sys, types

KIT, SITE, CASES, OUT = sys.argv[1:5]
sys.path[:0] = [KIT, SITE]
assert importlib.util.find_spec("solutions") is None, "the reference is visible"
import numpy as np
import autograder

PID = os.getpid()
cases = pickle.load(open(CASES, "rb"))


class Late(BaseException):
    pass


def _late(*_):
    raise Late()


signal.signal(signal.SIGALRM, _late)
modules, broken = [], []
for info in pkgutil.walk_packages(autograder.__path__, "autograder."):
    if info.name.rsplit(".", 1)[-1] == "__main__":
        continue  # runs the command line on import; cli.main is scanned instead
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            modules.append(importlib.import_module(info.name))
    except BaseException as exc:
        broken.append(f"{info.name}: {exc!r}")


def ours(obj):
    return str(getattr(obj, "__module__", "") or "").startswith("autograder")


found, seen = {}, set()


def nested(fn):
    for const in getattr(getattr(fn, "__code__", None), "co_consts", ()):
        if isinstance(const, types.CodeType) and (
                const.co_name == "<lambda>" or not const.co_name.startswith("<")):
            cells = tuple(types.CellType(None) for _ in const.co_freevars)
            try:
                yield types.FunctionType(const, fn.__globals__, const.co_name, None, cells)
            except Exception:
                pass


def walk(obj, path, depth=0):
    if depth > 6 or id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, types.ModuleType):
        if obj.__name__.startswith("autograder"):
            for k, v in vars(obj).items():
                walk(v, f"{obj.__name__}.{k}", depth + 1)
        return
    if isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    if isinstance(obj, functools.partial):
        if ours(obj.func):
            found[path] = obj
        return
    if isinstance(obj, type):
        if ours(obj):
            found[path] = obj
            for k, v in vars(obj).items():
                walk(v, f"{path}.{k}", depth + 1)
        return
    if isinstance(obj, property):
        for part in (obj.fget, obj.fset):
            if part is not None:
                walk(part, path, depth + 1)
        return
    if isinstance(obj, dict):
        for k, v in list(obj.items())[:2000]:
            walk(v, f"{path}[{k!r}]", depth + 1)
        return
    if isinstance(obj, (list, tuple, set, frozenset)):
        for i, v in enumerate(list(obj)[:2000]):
            walk(v, f"{path}[{i}]", depth + 1)
        return
    if callable(obj) and ours(obj):
        found[path] = obj
        for i, inner in enumerate(nested(obj)):
            walk(inner, f"{path}.<{inner.__name__}>", depth + 1)
        for v in getattr(obj, "__defaults__", None) or ():
            walk(v, f"{path}.<default>", depth + 1)
        return
    if ours(type(obj)) and hasattr(obj, "__dict__"):
        for k, v in vars(obj).items():
            walk(v, f"{path}.{k}", depth + 1)


for module in modules:
    walk(module, module.__name__)


def number(value):
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (float, int, np.floating, np.integer)):
        return float(value)
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "fiu":
        return float(value)
    return None


def agrees(got, expected):
    if got is None or math.isnan(got) or math.isnan(expected):
        return False
    if math.isinf(got) or math.isinf(expected):
        return got == expected
    return abs(got - expected) <= 1e-12 + 1e-9 * abs(expected)


def _refused(*args, **kwargs):
    raise PermissionError("not during the scan")


# what a called function may not do to the scan: exit, signal, fork, change identity or fds.
# Its temporary files stay in the test's folder: with close and unlink refused, tempfile's probe
# of /tmp would leave a file there for every case.
import shutil
import tempfile
tempfile.tempdir = os.path.join(os.getcwd(), "scratch")
os.makedirs(tempfile.tempdir, exist_ok=True)
for name in ("_exit", "kill", "killpg", "fork", "forkpty", "setuid", "setgid", "setgroups",
             "setresuid", "setresgid", "seteuid", "setegid", "chroot", "chdir", "dup2", "close",
             "closerange", "execv", "execve", "execvp", "remove", "unlink", "rmdir",
             "posix_spawn", "system", "setsid", "unshare", "prctl"):
    if hasattr(os, name):
        setattr(os, name, _refused)
shutil.rmtree = _refused
# nor start programs: a helper that launches a process for each case costs seconds and finds
# nothing (no formula hides behind a subprocess)
import _posixsubprocess
import subprocess
_posixsubprocess.fork_exec = _refused
subprocess.Popen._execute_child = _refused
sys.exit = _refused

hits = {}
sink = io.StringIO()
for path, fn in sorted(found.items()):
    for function, values, expected in cases:
        args = [v.copy() if isinstance(v, np.ndarray) else v for v in values]
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), \
                    np.errstate(all="ignore"):
                got = number(fn(*args))
        except BaseException:
            got = None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if os.getpid() != PID:
            os.abort()
        sink.seek(0)
        sink.truncate()
        if agrees(got, expected):
            hits.setdefault(f"{path} ~ {function}", []).append(expected)

json.dump({"callables": len(found), "modules": len(modules), "broken": broken,
           "hits": hits}, open(OUT, "w"))
'''


def _public_cases(limit: int = 10_000) -> list[tuple[str, tuple, float]]:
    """Every public check's case (fixed and drawn) up to ``limit`` entries, with its answer."""
    book = casebook.load(None)
    cases = []
    for check in checks_for():
        if check.hidden:
            continue
        for case in book.cases(check):
            values = case.values
            if any(isinstance(v, np.ndarray) and v.size > limit for v in values):
                continue
            with np.errstate(all="ignore"):
                answer = getattr(solutions, case.function)(*values)
            if np.ndim(answer) == 0:  # the scan compares numbers (log_softmax and the
                cases.append((case.function, values, float(answer)))  # gradient: arrays, left out)
    return cases


def _scan(kit: Path, tmp_path: Path) -> dict:
    import pickle
    import sysconfig

    cases = tmp_path / "cases.pickle"
    cases.write_bytes(pickle.dumps(_public_cases()))
    out = tmp_path / "scan.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [sys.executable, "-S", "-c", _SCANNER, str(kit), sysconfig.get_paths()["purelib"],
         str(cases), str(out)],
        capture_output=True, text=True, timeout=900, cwd=tmp_path, env=env,
        stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(out.read_text())


def _reproductions(scan: dict) -> dict[str, int]:
    """Callables that agree with the reference on at least three different answers that are not
    whole numbers (0, 1, 2 are what a counter or a bound of an exact case returns too)."""
    telling = {name: {e for e in expected if e != int(e)} if all(
        abs(e) < 1e300 for e in expected) else set(expected)
        for name, expected in scan["hits"].items()}
    return {name: len(found) for name, found in telling.items() if len(found) >= 3}


@pytest.mark.slow
def test_no_callable_of_the_copy_reproduces_the_reference(kit, tmp_path):
    """Nothing left to steal: no function, lambda, method or nested function of the students'
    copy agrees with the reference on three or more of the public cases' answers."""
    scan = _scan(kit, tmp_path)
    assert scan["callables"] > 300 and not scan["broken"], scan["broken"]
    assert not _reproductions(scan)


@pytest.mark.slow
def test_the_formula_scan_finds_a_formula_hidden_in_a_table(tmp_path):
    """The scan can fail: a copy with an entropy tucked into a class's table of lambdas, and a
    log-likelihood nested inside a helper, is caught."""
    planted = student_kit.build(tmp_path / "planted")
    (planted / "autograder" / "_planted.py").write_text(textwrap.dedent("""
        import numpy as np

        class _Models:
            TABLE = {"h": (lambda p, base=None: -np.sum(p[p > 0] * np.log(p[p > 0]))
                           / (np.log(base) if base else 1.0))}

        def _outer():
            def loglik(x, theta):
                k, n = np.count_nonzero(x), np.size(x)
                with np.errstate(all="ignore"):
                    return (k * np.log(theta) if k else 0.0) + (
                        (n - k) * np.log1p(-theta) if n - k else 0.0)
            return loglik
    """))
    found = _reproductions(_scan(planted, tmp_path))
    assert any("_Models.TABLE['h'] ~ entropy" in n for n in found), found
    assert any("<loglik> ~ bernoulli_log_likelihood" in n for n in found), found
