"""Isolation without ``CAP_SYS_ADMIN`` (Docker's default, and so probably Gradescope's): no
namespaces, but a uid of the sandbox's own and file modes keep the answer key out of reach.

Each test runs the kit as a subprocess under ``capsh --drop=cap_sys_admin``, from a copy of the
kit in a folder every user can read, with a venv of the system's Python (a sandbox uid must be
able to import from it without a mount namespace; an interpreter under ``/root`` cannot be). The
copy is what gets its modes changed, never this checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import numpy as np
import pytest

from autograder.sandbox.zygote import _reach_plan

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(np.__file__).resolve().parents[1]  # numpy, hypothesis, ...: the venv reads them here
CAPSH = shutil.which("capsh")


def _system_python() -> str | None:
    """A system interpreter of this Python's version, importable by any uid; ``None`` unless a
    sandbox uid can also read the packages it borrows and the checkout (which the editable
    install puts on its path): a clone in a folder only root may enter cannot reach ``uid only``."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
        if os.path.isfile(candidate) and _reach_plan([str(SITE), str(ROOT)])[1] == []:
            return candidate
    return None


PYTHON = _system_python()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="needs root (a container's root)"),
    pytest.mark.skipif(CAPSH is None, reason="needs capsh (Debian: libcap2-bin)"),
    pytest.mark.skipif(PYTHON is None, reason="needs a system Python of this version and a checkout other "
                                             "users can read"),
]

HOSTILE = '''
import ctypes, os, platform

KIT = {kit!r}

def read(path):
    with open(path, "rb") as f:
        return len(f.read())

def exec_diagnosis():
    path = os.path.join(KIT, "autograder", "diagnosis.py")
    with open(path) as f:
        exec(f.read(), {{}})
    return "executed"

def import_diagnosis():
    import autograder.diagnosis
    return "imported"

def leave():
    """Files in the folders every user may write to: they must not outlive the sandbox."""
    paths = []
    for folder in ("/tmp", "/dev/shm"):
        path = os.path.join(folder, f"xent-left-{{os.getpid()}}")
        with open(path, "w") as f:
            f.write("still here")
        paths.append(path)
    return paths

def add_key():
    number = {{"x86_64": 248, "aarch64": 217}}[platform.machine()]
    libc = ctypes.CDLL(None, use_errno=True)
    serial = libc.syscall(ctypes.c_long(number), b"user", b"xent", b"secret", ctypes.c_size_t(6),
                          ctypes.c_int(-4))
    return os.strerror(ctypes.get_errno()) if serial < 0 else serial
'''

SCRIPT = '''
import json, sys
from autograder.loader import load_submission
from autograder.sandbox import Limits, Sandbox
from autograder.sandbox.protect import ensure

if ensure(Limits()) is None:
    sys.exit(2)
answers = {}
with Sandbox(load_submission(sys.argv[1])) as box:
    for name, args in [("read", [sys.argv[2]]), ("exec_diagnosis", []),
                       ("import_diagnosis", []), ("add_key", []), ("leave", [])]:
        out = box.call(name, *args)
        answers[name] = out.value if out.kind == "value" else out.exc_type
    answers["record"] = list(box.isolation)
import os
answers["left"] = [p for p in answers["leave"] if os.path.exists(p)]
print(json.dumps(answers))
'''


@pytest.fixture(scope="module")
def venv():
    base = Path(tempfile.mkdtemp(prefix="xent-fallback-venv-", dir="/tmp"))
    base.chmod(0o755)
    subprocess.run([PYTHON, "-m", "venv", "--without-pip", str(base / "venv")], check=True)
    purelib = subprocess.run([str(base / "venv" / "bin" / "python"), "-c",
                              "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "xent-site.pth").write_text(f"{SITE}\n")
    yield base / "venv" / "bin" / "python"
    shutil.rmtree(base)


@pytest.fixture
def kit():
    """A copy of the kit and a small class, in a folder every user can read."""
    base = Path(tempfile.mkdtemp(prefix="xent-fallback-", dir="/tmp"))
    base.chmod(0o755)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("autograder", "solutions"):
        shutil.copytree(ROOT / part, base / "kit" / part, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", base / "kit")
    (base / "class").mkdir()
    for name in ("correct.py", "first_attempt.py"):
        shutil.copy2(ROOT / "autograder" / "examples" / name, base / "class" / name)
    yield base
    shutil.rmtree(base)


def run(python, kit, *args, user=None) -> subprocess.CompletedProcess:
    """``python args`` in the copy of the kit, without CAP_SYS_ADMIN (or as another user)."""
    if user is None:
        command = [CAPSH, "--drop=cap_sys_admin", f"--shell={python}", "--", *args]
    else:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups",
                   str(python), *args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run(command, cwd=kit / "kit", capture_output=True, text=True, env=env,
                          timeout=600)


def test_without_cap_sys_admin_grade_protects_the_answer_key(venv, kit):
    before = run(venv, kit, "-m", "autograder", "isolation")
    assert before.returncode == 1 and before.stdout.startswith("none: answer key readable")
    assert "no mount namespace" in before.stdout and "\n  uid " in before.stdout

    graded = run(venv, kit, "-m", "autograder", "grade", str(kit / "class"),
                 "--out", str(kit / "out"), "--quiet")
    assert graded.returncode == 0, graded.stderr
    assert graded.stderr.count("isolation: uid only: answer key unreadable") == 1, graded.stderr
    assert (kit / "out" / "grades.csv").read_text().count("\n") == 3  # header and two students
    for path in ("solutions", "autograder/data", "autograder/diagnosis.py"):  # folders: no entry
        assert (kit / "kit" / path).stat().st_mode & 0o007 == 0, path
    assert (kit / "out").stat().st_mode & 0o007 == 0 and (kit / "class").stat().st_mode & 0o007 == 0

    after = run(venv, kit, "-m", "autograder", "isolation")
    assert after.returncode == 0 and after.stdout.startswith("uid only: answer key unreadable")


def test_without_cap_sys_admin_hostile_code_gets_nothing(venv, kit):
    source = kit / "hostile.py"
    source.write_text(textwrap.dedent(HOSTILE.format(kit=str(kit / "kit"))))
    source.chmod(0o644)
    done = run(venv, kit, "-c", SCRIPT, str(source),
               str(kit / "kit" / "solutions" / "hidden_cases.json"))
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout.splitlines()[-1])
    assert answers["read"] == "PermissionError"
    assert answers["exec_diagnosis"] == "PermissionError"
    assert answers["import_diagnosis"] == "ModuleNotFoundError"
    assert answers["add_key"] == "Operation not permitted"
    assert len(answers["leave"]) == 2 and answers["left"] == []  # written, then removed
    record = "\n".join(answers["record"])
    assert "no mount namespace" in record and "\nuid " in record
    assert "hidden paths unreadable from the sandbox" in record


def test_grade_refuses_when_the_answer_key_stays_readable(venv, kit):
    """Not root (a grader's own account): no uid change, so no protection: refused, exit 2."""
    (kit / "out").mkdir(mode=0o777)
    (kit / "out").chmod(0o777)
    args = ["-m", "autograder", "grade", str(kit / "class"), "--out", str(kit / "out"), "--quiet"]
    refused = run(venv, kit, *args, user=65534)
    assert refused.returncode == 2, refused.stderr
    assert "isolation: none: answer key readable" in refused.stderr
    assert "refusing to grade" in refused.stderr and "--allow-unprotected" in refused.stderr
    assert not (kit / "out" / "grades.csv").exists()
    allowed = run(venv, kit, *args, "--allow-unprotected", user=65534)
    assert allowed.returncode == 0, allowed.stderr
    assert (kit / "out" / "grades.csv").exists()


def test_gradescope_run_protects_the_bundle_without_cap_sys_admin(venv, kit):
    root = kit / "gradescope"
    (root / "source").mkdir(parents=True)
    (root / "source" / "xent_kit-0-py3-none-any.whl").write_text("the reference, zipped\n")
    (root / "submission").mkdir()
    shutil.copy2(kit / "class" / "correct.py", root / "submission" / "correct.py")
    for folder in (root, root / "source", root / "submission"):
        folder.chmod(0o755)
    env = {"XENT_GRADESCOPE_ROOT": str(root)}
    os.environ.update(env)
    try:
        done = run(venv, kit, "-m", "autograder", "gradescope-run")
    finally:
        del os.environ["XENT_GRADESCOPE_ROOT"]
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("isolation: uid only: answer key unreadable") == 1
    assert (root / "source").stat().st_mode & 0o007 == 0
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["score"] == results["max_score"] == 90
