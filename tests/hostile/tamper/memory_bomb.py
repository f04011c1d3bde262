# trick: allocate 50 GB at import, 256 MB at a time, touching every page
# targets: score
# Safety: it only goes off under a finite address-space limit (the sandbox's, or the tamper test's
# safety net), so running this file by hand cannot wake the kernel's OOM killer.
import resource


def _bomb():
    if resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY:
        return
    hoard = []
    for _ in range(200):  # 200 x 256 MB = 50 GB
        hoard.append(b"\1" * (256 << 20))


class _Go:
    _bomb()
