"""The boundary between the grader and student code.

Everything that runs on the far side of it lives here, and nothing else does:

- :mod:`.host`: the grader's end, :class:`Sandbox` (one submission in a child process) and the
  plain-data :class:`Outcome` of each load or call;
- :mod:`.spawner`: starts and talks to the zygote, decides what a child must not see;
- :mod:`.zygote`: a fresh interpreter, never the grader's, that forks the children;
- :mod:`.child` and :mod:`.confine`: what a child does, confinement first, then the submission;
- :mod:`.limits`: the limits asked for, and how a child applies them to itself;
- :mod:`.wire`: the plain-data format of everything that crosses.

The zygote and the children import only :mod:`.child`, :mod:`.confine`, :mod:`.limits` and
:mod:`.wire`, so this package's names are loaded lazily: importing a submodule never imports the
grader.
"""

from __future__ import annotations

__all__ = ["Limits", "Outcome", "Sandbox"]


def __getattr__(name: str):
    if name == "Limits":
        from autograder.sandbox.limits import Limits

        return Limits
    if name in ("Outcome", "Sandbox"):
        from autograder.sandbox import host

        return getattr(host, name)
    raise AttributeError(f"module 'autograder.sandbox' has no attribute {name!r}")
