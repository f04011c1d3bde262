"""How long a student waits: the grade cell in a real kernel, `check`, `pytest`, `nbgrader validate`.

Fills the released entropy notebook with a correct answer, starts a Jupyter kernel through
jupyter_client, runs the notebook's cells in it as a student would (top to bottom), then times
the first `grade("entropy")` of that kernel and the warm ones after it. In the same run it times
`python -m autograder check`, `pytest` and `nbgrader validate` on the same saved notebook.
Prints the figures (median of the repeats; the spread in brackets):

    python bench/bench_notebook.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "assignments" / "release" / "xent" / "01_entropy.ipynb"
ANSWER = '''def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    h = float(-np.sum(p * np.log(p)))
    return h / np.log(base) if base is not None else h
'''


def filled(folder: Path) -> Path:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and source.lstrip().startswith("def entropy("):
            cell["source"] = "import numpy as np\n" + ANSWER
    path = folder / NOTEBOOK.name
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = cell["source"]
            out.append("".join(src) if isinstance(src, list) else src)
    return out


def kernel_figures(path: Path, repeat: int) -> tuple[float, list[float], str]:
    from jupyter_client.manager import start_new_kernel

    env = {**os.environ, "JPY_SESSION_NAME": str(path), "MPLBACKEND": "Agg"}
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(path.parent), env=env)
    try:
        def run(code: str) -> tuple[float, str]:
            start = time.perf_counter()
            reply = client.execute_interactive(code, timeout=300, output_hook=lambda m: None)
            return time.perf_counter() - start, reply["content"]["status"]

        for source in code_cells(path):
            if "grade(" not in source:
                run(source)
        first, status = run('from autograder.notebook import grade\ngrade("entropy")')
        warm = [run('grade("entropy")')[0] for _ in range(repeat)]
        return first, warm, status
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def command_figures(command: list[str], cwd: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return times


def line(name: str, times: list[float], target: str) -> str:
    spread = f"[{min(times):.2f}-{max(times):.2f}]" if len(times) > 1 else ""
    return f"{name:<34}{statistics.median(times):>7.2f} s  {spread:<13} target {target}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]  # other work on the machine moves every figure
    folder = Path(tempfile.mkdtemp(prefix="xent-bench-notebook-"))
    try:
        path = filled(folder)
        first, warm, status = kernel_figures(path, args.repeat)
        bin_dir = Path(sys.executable).parent
        check = command_figures([sys.executable, "-m", "autograder", "check", path.name], folder,
                                args.repeat)
        # a student's install has no Hypothesis, whose pytest plugin costs ~1 s to import
        pytest_ = command_figures([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                   "-p", "no:hypothesispytest", path.name], folder, args.repeat)
        nbgrader = bin_dir / "nbgrader"
        validate = (command_figures([str(nbgrader), "validate", path.name], folder,
                                    max(1, args.repeat // 2)) if nbgrader.exists() else None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"xent-kit notebook latency ({os.cpu_count()} cores, load {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after; grade cell status: {status})")
    print(line("grade() first call, fresh kernel", [first], "1 s"))
    print(line("grade() warm", warm, "0.3 s"))
    print(line("python -m autograder check", check, "0.6 s"))
    print(line("pytest NOTEBOOK", pytest_, "1.5 s"))
    if validate:
        print(line("nbgrader validate NOTEBOOK", validate, "(for comparison)"))
    else:
        print("nbgrader validate: nbgrader is not installed here")
    return 0


if __name__ == "__main__":
    sys.exit(main())
