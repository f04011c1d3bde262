# trick: SIGKILL every process it can see (every pid in /proc but its own) at import
# targets: score, neighbours, batch
# graded: last
# Safety: it only fires inside the PID namespace the tamper test creates (its init names itself
# xent-hostile-init), so running this file by hand, as root, cannot take a machine down.
import os


def _kill_everything():
    with open("/proc/1/cmdline", "rb") as f:
        if b"xent-hostile-init" not in f.read():
            return
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != os.getpid():
            try:
                os.kill(int(name), 9)
            except OSError:
                pass


class _Go:
    _kill_everything()
