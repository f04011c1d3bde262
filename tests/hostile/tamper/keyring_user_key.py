# trick: add a key to the user's and the user-session keyrings with the add_key system call
#        (ctypes), so that it outlives the sandbox and is readable later
# targets: score, keys
import ctypes
import platform

def _add_key():
    _ADD_KEY = {"x86_64": 248, "aarch64": 217}.get(platform.machine())
    if _ADD_KEY is None:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    payload = b"xent-hostile secret payload"
    for keyring in (-4, -5):  # KEY_SPEC_USER_KEYRING, KEY_SPEC_USER_SESSION_KEYRING
        libc.syscall(ctypes.c_long(_ADD_KEY), b"user", b"xent-hostile-key", payload,
                     ctypes.c_size_t(len(payload)), ctypes.c_int(keyring))


class _Go:
    _add_key()
