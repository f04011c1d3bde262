import atexit
import os
import sys

CHECK = sys.argv[1:2] == ["check"]  # a student waits for this one: started and ended quickly
if CHECK:  # its sandbox boots while the rest of the grader is imported
    from .sandbox.spawner import prestart_self_check

    prestart_self_check()

from .cli import main  # noqa: E402

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:  # `python -m autograder list | head`: the reader left, nothing is wrong
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    code = 0
if CHECK:  # without tearing the interpreter down (tens of ms of freeing numpy and the checks):
    atexit._run_exitfuncs()  # what must happen at exit, stopping the sandbox, is atexit's
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
