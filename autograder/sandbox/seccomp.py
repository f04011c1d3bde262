"""A seccomp filter for the sandbox child: refuse the system calls whose effects outlive it.

Kernel keys (``add_key``, ``request_key``, ``keyctl``) belong to the uid, not to the process: a
key made in a sandbox would stay in that uid's keyring after the sandbox ends, where the next
sandbox of that uid, or whoever can read it, finds it. SysV IPC objects and POSIX message queues
(``shmget``, ``semget``, ``msgget``, ``mq_open``) stay too unless the child has its own IPC
namespace, so they are refused when it has not. Refused calls fail with ``EPERM``.

The filter is classic BPF built here (no libseccomp): it checks the architecture first (a call
made through another ABI, such as 32-bit ``int 0x80`` on x86-64 or the x32 numbers, is refused
whole), then the call number. Installed after ``PR_SET_NO_NEW_PRIVS``, it needs no privilege and
is inherited by every process the child starts. Child-side: standard library only.
"""

from __future__ import annotations

import ctypes
import errno
import platform

PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
_LD_ABS_W, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_ALLOW = 0x7FFF0000
_DENY = 0x00050000 | errno.EPERM  # SECCOMP_RET_ERRNO
_X32 = 0x40000000

# machine: (AUDIT_ARCH, {name: number})
ARCHES = {
    "x86_64": (0xC000003E, {"add_key": 248, "request_key": 249, "keyctl": 250, "shmget": 29,
                            "semget": 64, "msgget": 68, "mq_open": 240}),
    "aarch64": (0xC00000B7, {"add_key": 217, "request_key": 218, "keyctl": 219, "shmget": 194,
                             "semget": 190, "msgget": 186, "mq_open": 180}),
}
KEYS = ("add_key", "request_key", "keyctl")
IPC = ("shmget", "semget", "msgget", "mq_open")


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_uint16), ("filter", ctypes.POINTER(_Instruction))]


def program(arch: int, numbers: list[int], x32: bool) -> list[tuple[int, int, int, int]]:
    """The filter as (code, jt, jf, k): refuse ``numbers`` and every other architecture."""
    denied = sorted(set(numbers))
    body = [(_LD_ABS_W, 0, 0, 0)]  # seccomp_data.nr
    if x32:
        body.append((_JGE_K, len(denied) + 1, 0, _X32))
    for i, number in enumerate(denied):
        body.append((_JEQ_K, len(denied) - i, 0, number))
    body += [(_RET_K, 0, 0, _ALLOW), (_RET_K, 0, 0, _DENY)]
    head = [(_LD_ABS_W, 0, 0, 4),  # seccomp_data.arch
            (_JEQ_K, 0, len(body) - 1, arch)]  # not ours: to the final deny
    return head + body


def install(own_ipc: bool) -> str:
    """Install the filter in this process (after no_new_privs); what it refuses. OSError if not."""
    machine = platform.machine()
    if machine not in ARCHES:
        raise OSError(errno.ENOSYS, f"no seccomp filter for the {machine} architecture")
    arch, table = ARCHES[machine]
    names = KEYS + (() if own_ipc else IPC)
    code = program(arch, [table[n] for n in names], machine == "x86_64")
    instructions = (_Instruction * len(code))(*[_Instruction(*i) for i in code])
    prog = _Program(len(code), instructions)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_SECCOMP, ctypes.c_ulong(SECCOMP_MODE_FILTER), ctypes.byref(prog),
                  ctypes.c_ulong(0), ctypes.c_ulong(0)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"seccomp: {errno.errorcode.get(err, err)}")
    return "seccomp: " + ", ".join(names) + " refused"
