# trick: on every call, fork one more process holding 1000 MB (under the 4 GiB per-process limit)
#        and keep them all, to hold more than 4 GiB as one sandbox; once it does, a call says so
#        (LEAKED:, in its report)
# targets: score, processes
# comm: memory_hoard
# Safety: it goes off only under a finite address-space limit and never takes the machine's
# available memory below half its total, so by hand or on a small machine it takes little.
import os
import resource
import time

_HOARDERS: list[int] = []  # the processes that hold their 1000 MB


def _held() -> int:
    """MB held now: 1000 per hoarder still alive (the OOM killer may have taken some, and it
    may take a moment to: a short wait first, so a dying one is not counted)."""
    time.sleep(0.2)
    for pid in list(_HOARDERS):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            _HOARDERS.remove(pid)
    return 1000 * len(_HOARDERS)


def _available():
    with open("/proc/meminfo") as f:
        info = {line.split(":")[0]: int(line.split()[1]) for line in f}
    return info["MemAvailable"] << 10, info["MemTotal"] << 10


def _one_more():
    if resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY:
        return
    available, total = _available()
    if available - (1000 << 20) < total // 2:
        return
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            try:
                with open("/proc/self/comm", "w") as f:
                    f.write("memory_hoard")
            except OSError:
                pass
            block = b"\1" * (1000 << 20)  # every page written
            os.write(ready_w, b"1")
            time.sleep(60 + len(block) * 0)
        finally:
            os._exit(0)
    os.close(ready_w)
    if os.read(ready_r, 1) == b"1":  # b"": it died before holding its share
        _HOARDERS.append(pid)
    else:
        os.waitpid(pid, 0)
    os.close(ready_r)


def bernoulli_mle(x):
    _one_more()
    held = _held()
    if held > 4096:
        raise RuntimeError(f"LEAKED: this sandbox held {held} MB at once")
    return 0.5
