# trick: start a (non-daemon) thread at import that spins forever and is never joined
# targets: score
import threading


def _spin():
    while True:
        pass


class _Go:
    threading.Thread(target=_spin, name="spinner").start()
