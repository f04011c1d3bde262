# trick: append to the kit's own files (autograder/tolerance.py and solutions/information.py),
#        found through autograder.__file__ and importlib.util.find_spec
# targets: score, kit
# A real attacker would append `close = lambda *a: True`; this appends a comment (the tamper test
# runs in a working tree others may be using) and the test removes exactly that line afterwards.
import importlib.util
import os

PAYLOAD = "\n# xent-kit hostile test: a submission appended this line\n"


def _targets():
    try:
        import autograder
        yield os.path.join(os.path.dirname(autograder.__file__), "tolerance.py")
    except Exception:
        pass
    try:
        spec = importlib.util.find_spec("solutions")
        yield os.path.join(os.path.dirname(spec.origin), "information.py")
    except Exception:
        pass


class _Go:
    for _path in _targets():
        try:
            with open(_path, "a", encoding="utf-8") as _f:
                _f.write(PAYLOAD)
        except OSError:
            pass
