"""A class of notebook submissions written the way students write them, for the benchmarks.

Each student gets the released notebooks with every solution cell filled by one implementation
from ``tests/catalogue`` (correct or buggy), drawn with a fixed seed. Loop-based code (Python
loops with ``math.log``, ``math.fsum``, dict and counter loops) and grid searches are drawn three
times as often as vectorised numpy, because that is what a first course sees; the notebooks keep
their plots, prints and try-it cells, so a grader also pays for what it must skip. A solution cell
whose function has no catalogue entry keeps the instructor's solution.

    python bench/student_class.py OUT --n 30      # writes OUT/submitted/<student>/xent/*.ipynb
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = REPO / "tests" / "catalogue"
ASSIGNMENT = "xent"
LOOPY = ("loop", "math_log", "fsum", "dict", "grid", "counter", "sorted", "bincount",
         "gradient_descent", "optimiser", "cumulative")


def _code(entry: Path) -> str:
    lines = entry.read_text().splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines).strip() + "\n"


def _style(entry: Path) -> str:
    kind = "correct" if entry.parent.name == "correct" else "buggy"
    loopy = any(word in entry.stem.split("__", 1)[1] for word in LOOPY)
    return f"{kind}, {'loops' if loopy else 'vectorised'}"


def pools() -> dict[str, list[tuple[Path, int]]]:
    """For each function, the catalogue entries to draw from and their weights."""
    found: dict[str, list[tuple[Path, int]]] = {}
    for folder in ("correct", "buggy"):
        for entry in sorted((CATALOGUE / folder).glob("*.py")):
            function = entry.stem.split("__", 1)[0]
            weight = 3 if "loops" in _style(entry) else 1
            found.setdefault(function, []).append((entry, weight))
    return found


def make_class(out: Path, n: int, seed: int = 7) -> Counter:
    """Write ``n`` students under ``out/submitted``; return the mix of styles drawn."""
    rng = random.Random(seed)
    choices = pools()
    release = sorted((REPO / "assignments" / "release" / ASSIGNMENT).glob("*.ipynb"))
    source = {p.name: json.loads(p.read_text())
              for p in (REPO / "assignments" / "source" / ASSIGNMENT).glob("*.ipynb")}
    mix: Counter = Counter()
    for i in range(n):
        folder = out / "submitted" / f"student{i:03d}" / ASSIGNMENT
        folder.mkdir(parents=True)
        for notebook in release:
            nb = json.loads(notebook.read_text())
            solved = {(c.get("metadata", {}).get("nbgrader") or {}).get("grade_id"): c
                      for c in source[notebook.name]["cells"]}
            for cell in nb["cells"]:
                meta = cell.get("metadata", {}).get("nbgrader") or {}
                if not meta.get("solution") or cell["cell_type"] != "code":
                    continue
                function = meta.get("grade_id")
                if function in choices:
                    entries, weights = zip(*choices[function])
                    entry = rng.choices(entries, weights=weights)[0]
                    cell["source"] = _code(entry)
                    mix[_style(entry)] += 1
                elif function in solved:
                    cell["source"] = solved[function]["source"]
                    mix["instructor's solution"] += 1
            (folder / notebook.name).write_text(json.dumps(nb, indent=1) + "\n")
    return mix


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    mix = make_class(args.out, args.n, args.seed)
    print(f"{args.n} students; functions written as: "
          + ", ".join(f"{k} {v}" for k, v in sorted(mix.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
