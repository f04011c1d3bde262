"""The grader's side of the zygote (:mod:`autograder.sandbox.zygote`): start it with ``python -I``
and an explicit ``sys.path``, one per grading process (a forked batch worker starts its own),
restart it when it dies, ask it to fork and to stop children, and decide which paths a child
must not see by default.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import json
import os
import select
import socket
import subprocess
import sys
import threading

from autograder.sandbox import confine

_ZYGOTE_SECONDS = 30.0  # a zygote that does not answer within this is restarted
_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
_BOOT = ("import sys, json; sys.path[:0] = json.loads(sys.argv[1]); "
         "from autograder.sandbox.zygote import main; main(*sys.argv[2:])")


def cwd() -> str:
    try:
        return os.getcwd()
    except OSError:
        return "/"


def kit_paths() -> list[str]:
    """The kit's files a child has no business reading: every entry of the ``autograder``
    package (the bug models, the checks, the recorded answers in ``data``, the example
    submissions, the compiled ``__pycache__``) but ``__init__.py`` and the child's own modules,
    which it has loaded before any student code runs."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # autograder/
    sandbox = os.path.join(package, "sandbox")
    own = {m.rpartition(".")[2] + ".py" for m in confine.CHILD_MODULES
           if m.startswith("autograder.sandbox.")} | {"__init__.py"}
    paths = [os.path.join(package, n) for n in sorted(os.listdir(package))
             if n not in ("__init__.py", "sandbox")]
    paths += [os.path.join(sandbox, n) for n in sorted(os.listdir(sandbox)) if n not in own]
    return paths


def _git_folders(root: str) -> list[str]:
    """A checkout's ``.git``; for a linked worktree (``.git`` is a file), its git folders too."""
    dot_git = os.path.join(root, ".git")
    if not os.path.isfile(dot_git):
        return [dot_git] if os.path.exists(dot_git) else []
    folders = [dot_git]
    try:
        with open(dot_git) as f:
            gitdir = f.read().strip().removeprefix("gitdir:").strip()
        gitdir = os.path.realpath(os.path.join(root, gitdir))
        folders.append(gitdir)
        with open(os.path.join(gitdir, "commondir")) as f:
            folders.append(os.path.realpath(os.path.join(gitdir, f.read().strip())))
    except OSError:
        pass
    return folders


@functools.lru_cache(maxsize=None)
def reference_paths() -> tuple[str, ...]:
    """What the child must not see by default: the kit's files but the child's own
    (:func:`kit_paths`: bug models, recorded answers, example submissions, ...), the reference
    package (found without importing it; absent on a student's copy) and, in a source checkout,
    the folders that hold solved work too (git history, the nbgrader source notebooks, the
    tests' catalogue)."""
    paths = kit_paths()
    try:
        spec = importlib.util.find_spec("solutions")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return tuple(paths)
    reference = [os.path.realpath(p) for p in spec.submodule_search_locations]
    root = os.path.dirname(reference[0])
    if os.path.isfile(os.path.join(root, "pyproject.toml")):
        reference += [os.path.join(root, name) for name in ("assignments", "tests")
                      if os.path.exists(os.path.join(root, name))]
        reference += _git_folders(root)
    return tuple(paths + reference)


# -------------------------------------------------------------------------------- the zygote


def _site_of(package: str) -> str:
    """The folder ``package`` is imported from, found without importing it: the zygote starts
    while the grader is still importing numpy itself, not after."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        raise ModuleNotFoundError(f"No module named {package!r}", name=package)
    return os.path.dirname(os.path.dirname(spec.origin))


class _Zygote:
    """The grader's end of one zygote process (see :mod:`autograder.sandbox.zygote`)."""

    def __init__(self):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        kit = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        paths = [kit, _site_of("numpy")]
        paths += os.environ.get("PYTHONPATH", "").split(os.pathsep)  # dropped by -I
        paths = list(dict.fromkeys(os.path.realpath(p) for p in paths if os.path.isabs(p)))
        main_thread = threading.current_thread() is threading.main_thread()
        argv = [sys.executable, "-I", "-c", _BOOT, json.dumps(paths), str(theirs.fileno()),
                str(os.getpid()), "1" if main_thread else "0"]
        try:
            self.process = subprocess.Popen(
                argv, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, env={**os.environ, **_THREADS}, cwd="/",
                start_new_session=True)
        finally:
            theirs.close()
        self.sock = ours
        self.owner = os.getpid()
        self.lock = threading.Lock()

    def alive(self) -> bool:
        return self.process.poll() is None

    def request(self, message: dict, fds: list[int] = ()) -> dict:
        """One request, one answer; OSError if the zygote refuses, ConnectionError (and the
        zygote is killed) if it is gone or does not answer."""
        with self.lock:
            try:
                if not self.alive():
                    raise ConnectionError("the zygote is not running")
                socket.send_fds(self.sock, [json.dumps(message).encode()], list(fds))
                poller = select.poll()
                poller.register(self.sock, select.POLLIN)
                seconds = _ZYGOTE_SECONDS + message.get("grace", 0)
                answer = self.sock.recv(1 << 16) if poller.poll(int(seconds * 1000)) else b""
                if not answer:
                    raise ConnectionError("the zygote did not answer")
            except OSError as e:
                self.close()
                raise ConnectionError(f"lost the zygote: {e}") from None
        answer = json.loads(answer)
        if "error" in answer:
            raise OSError(answer["error"])
        return answer

    def close(self, wait: float = 0.0) -> None:
        """Close our end: the zygote then stops its children and exits; kill it after ``wait``."""
        if os.getpid() != self.owner:
            return
        self.sock.close()
        if wait:  # SIGTERM too: an import it does while idle would make us wait for it
            self.process.terminate()
        try:
            self.process.wait(wait)
        except subprocess.TimeoutExpired:
            pass
        self.process.kill()
        self.process.wait()


_zygote: _Zygote | None = None
_zygote_lock = threading.Lock()


def spawn(spec: dict, fds: list[int]) -> tuple[_Zygote, tuple[int, int | None]]:
    """Fork a child from this process's zygote (started, or restarted, as needed)."""
    zygote = _current_zygote()
    try:
        answer = zygote.request({"op": "spawn", "spec": spec}, fds)
    except ConnectionError:  # it died since it was last used: once more, with a new one
        zygote = _current_zygote()
        answer = zygote.request({"op": "spawn", "spec": spec}, fds)
    return zygote, (answer["pid"], answer["uid"])


def one_blas_thread() -> None:
    """Ask for one BLAS thread in this process, unless its environment says otherwise; call it
    before numpy is imported. Grading does no large linear algebra (its children have one thread
    too), and starting OpenBLAS's thread pool costs about 0.1 s of every self-check here."""
    for name, value in _THREADS.items():
        os.environ.setdefault(name, value)


def prestart() -> None:
    """Start this process's zygote now: it boots (a new interpreter importing numpy) while the
    caller imports the checks and reads the submission, instead of after."""
    _current_zygote()


def prestart_self_check() -> None:
    """How a self-check starts (``check``, pytest naming a notebook, the notebook's checker),
    where a student waits: one BLAS thread (unless numpy is imported already), then the
    zygote, both before the grader is imported."""
    if "numpy" not in sys.modules:
        one_blas_thread()
    prestart()


def _current_zygote() -> _Zygote:
    global _zygote
    with _zygote_lock:
        if _zygote is None or _zygote.owner != os.getpid() or not _zygote.alive():
            if _zygote is not None:
                _zygote.close()
            _zygote = _Zygote()
        return _zygote


@atexit.register
def _shutdown() -> None:
    if _zygote is not None:
        _zygote.close(wait=2.0)


def _after_fork_in_child() -> None:
    """A forked copy of the grader (a batch worker) starts its own zygote when it needs one."""
    global _zygote, _zygote_lock
    _zygote_lock = threading.Lock()
    if _zygote is not None:
        try:
            _zygote.sock.close()
        except OSError:
            pass
        _zygote = None


os.register_at_fork(after_in_child=_after_fork_in_child)
