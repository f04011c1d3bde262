"""What a sandbox can read, found by trying: the isolation level of this machine, and the check
``grade`` and Gradescope's ``run_autograder`` make before they grade anything.

:func:`probe` starts a sandbox with the grader's limits and, as student code would, tries to
open every protected path (the reference, its hidden cases, the recorded answers, the kit's other
files, and :attr:`Limits.hidden_paths`: submissions, outputs, the course) and a sample of the
files under each. The level it names:

- ``full: namespaces + own uid``: private mounts hide the protected paths, and the child runs
  under a uid of its own;
- ``uid only: answer key unreadable``: no mount namespace (a container without
  ``CAP_SYS_ADMIN``), but the child runs under a uid of its own and file modes keep it out;
- ``namespaces only: answer key hidden, root kept``: private mounts hide it, but the child kept
  root (the interpreter is not readable by other uids);
- ``none: answer key readable``: the sandbox read some protected file.

:func:`ensure` is what ``grade`` calls: as root, when the child has a uid of its own but reads
some protected path, it removes the other users' permissions from the protected paths
(``chmod o-rwx``: the sandbox uid has no groups, so only those bits apply to it) and probes again;
if something is still readable, grading is refused unless the caller allows it.
"""

from __future__ import annotations

import os
import stat
import sys
import sysconfig
from dataclasses import dataclass

from autograder.sandbox import spawner
from autograder.sandbox.limits import Limits

SAMPLE = 40  # files tried under each protected folder
PROBE = '''
import os

def probe(targets):
    readable = []
    for index, (path, is_dir) in enumerate(targets):
        path = bytes(path)  # file names cross as bytes: they need not be text
        try:
            if is_dir:
                if os.listdir(path):
                    readable.append(index)
            else:
                with open(path, "rb") as f:
                    if f.read(1):
                        readable.append(index)
        except OSError:
            pass
    return readable
'''


@dataclass(frozen=True)
class Level:
    line: str  # "full: namespaces + own uid", ...
    readable: tuple[str, ...]  # protected paths the sandbox could read
    record: tuple[str, ...]  # what the probe's sandbox applied, as it reported it
    own_uid: bool
    changed: tuple[str, ...] = ()  # paths whose modes :func:`ensure` changed

    @property
    def protected(self) -> bool:
        return not self.readable

    def details(self) -> list[str]:
        lines = [f"  {r}" for r in self.record]
        if self.changed:
            lines.append(f"  made unreadable to other users (chmod o-rwx): {len(self.changed)} "
                         f"paths, such as {self.changed[0]}")
        lines += [f"  readable from the sandbox: {p}" for p in self.readable[:10]]
        if len(self.readable) > 10:
            lines.append(f"  ... and {len(self.readable) - 10} more")
        return lines


def protected_paths(limits: Limits) -> list[str]:
    paths = [os.path.realpath(p) for p in (*spawner.reference_paths(), *limits.hidden_paths)]
    return [p for p in dict.fromkeys(paths) if os.path.lexists(p)]


def _targets(paths: list[str]) -> list[list]:
    """Each path, and a sample of the non-empty files under each folder (the grader can list)."""
    targets = []
    for path in paths:
        if not os.path.isdir(path):
            if os.path.isfile(path) and os.path.getsize(path) > 0:
                targets.append([path, False])
            continue
        if os.listdir(path):
            targets.append([path, True])
        files = []
        for folder, dirs, names in os.walk(path):
            dirs.sort()
            files += [os.path.join(folder, n) for n in sorted(names)]
            if len(files) >= SAMPLE:
                break
        targets += [[f, False] for f in files[:SAMPLE]
                    if os.path.isfile(f) and not os.path.islink(f) and os.path.getsize(f) > 0]
    return targets


def probe(limits: Limits = Limits()) -> Level:
    """Start a sandbox and have it try to read every protected path."""
    from autograder.loader import Chunk, Submission
    from autograder.sandbox.host import Sandbox

    import numpy as np

    targets = _targets(protected_paths(limits))
    sent = [[np.frombuffer(os.fsencode(path), dtype=np.uint8), is_dir] for path, is_dir in targets]
    submission = Submission("isolation probe", "py", (Chunk("probe", PROBE, 1),), (), (), ())
    with Sandbox(submission, limits) as box:
        out = box.call("probe", sent)
        record = box.isolation
    if out.kind != "value" or type(out.value) is not list:
        readable = (f"the probe did not run ({out.kind}: {out.message})",)
    else:
        readable = tuple(targets[i][0] for i in out.value
                         if type(i) is int and 0 <= i < len(targets))
    namespaces = any(r.startswith("private mount") for r in record)
    own_uid = any(r.startswith("uid ") for r in record)
    if readable:
        line = "none: answer key readable"
    elif namespaces and own_uid:
        line = "full: namespaces + own uid"
    elif own_uid:
        line = "uid only: answer key unreadable"
    else:
        line = "namespaces only: answer key hidden, root kept"
    budget = next((r for r in record if r.startswith(("cgroup v", "no cgroup:"))), None)
    if budget:
        line += f"; {budget}"
    return Level(line, readable, tuple(record), own_uid)


def _imports() -> list[str]:
    """Folders the sandbox imports from: their modes are never changed."""
    import numpy

    kit = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    paths = [sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")]
    paths += [os.path.join(kit, "autograder", "sandbox"), os.path.dirname(numpy.__file__)]
    return [os.path.realpath(p) for p in paths]


def make_unreadable(paths: list[str]) -> list[str]:
    """``chmod o-rwx`` each path (not one that holds what the sandbox imports); the ones changed."""
    keep = _imports()
    changed = []
    for path in paths:
        if any(k == path or k.startswith(path.rstrip("/") + "/") for k in keep):
            continue
        try:
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode) or not mode & 0o007:
                continue
            os.chmod(path, stat.S_IMODE(mode) & ~0o007)
            changed.append(path)
        except OSError:
            continue
    return changed


def ensure(limits: Limits, *, allow_unprotected: bool = False, out=None) -> Level | None:
    """Probe, protect by file modes if that is what is missing, print the level once; the level,
    or None when the answer key stays readable and that is not allowed (the caller exits 2)."""
    out = out or sys.stderr
    level = probe(limits)
    if level.readable and level.own_uid and os.geteuid() == 0:
        changed = make_unreadable(protected_paths(limits))
        if changed:
            again = probe(limits)
            level = Level(again.line, again.readable, again.record, again.own_uid,
                          tuple(changed))
    print(f"isolation: {level.line}", file=out)
    if level.changed:
        print(f"isolation: made {len(level.changed)} protected paths unreadable to other users "
              "(chmod o-rwx)", file=out)
    if level.protected:
        return level
    for line in level.details()[-20:]:
        print(line, file=out)
    if allow_unprotected:
        print("isolation: grading anyway (--allow-unprotected): student code can read the "
              "answer key", file=out)
        return level
    print(advice(level), file=out)
    return None


def advice(level: Level) -> str:
    if not level.own_uid and os.geteuid() != 0:
        why = "the grader is not running as root, so the sandbox cannot take a uid of its own"
    elif not level.own_uid:
        why = ("the sandbox kept root: Python or the kit lives where other users cannot read "
               "it (for example under /root); install the kit in an interpreter other users can "
               "read (a venv made from the system's python3), or allow mount namespaces "
               "(CAP_SYS_ADMIN)")
    else:
        why = "file modes could not keep the sandbox's uid out of these paths"
    return (f"error: refusing to grade: student code could read the answer key ({why}). Fix "
            "that, or pass --allow-unprotected to grade anyway; `python -m autograder "
            "isolation` shows what holds.")
