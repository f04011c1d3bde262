"""Integrity signals for the instructor: what in a submission's kept code deserves a look.

A static scan of the code the loader kept (:attr:`autograder.loader.Submission.chunks`, the only
code that runs at grading time), done in the grading process. It never changes a score and never
reaches a student's feedback: the flags go to ``grades.csv`` and the class report. Flagged:

- **patches**: assigning to an attribute of ``numpy``, ``math``, ``builtins`` or the kit
  (``np.isclose = ...``, ``setattr(math, "log", f)``), rebinding ``__builtins__`` or writing
  into ``sys.modules``;
- **kit imports**: importing ``autograder`` or ``solutions`` (the grader and the answer key);
- **file reads**: ``open``, ``io.open``, ``os.open`` / ``os.listdir`` / ``os.walk``,
  ``Path.read_text`` and friends, ``numpy.load`` / ``loadtxt`` / ``genfromtxt`` / ``fromfile``,
  ``glob``, and dynamic imports (``__import__``, ``importlib``).

The scan is one :func:`ast.walk` per chunk, linear in the code's size; code too deep to parse
again (the loader already bounded it) is flagged as "could not be scanned". The one-line
snippets of the statements the loader dropped are scanned too (with the imports of the kept
code in view): a top-level ``np.isclose = lambda *a, **k: True`` never runs at grading time, but
the instructor should know it was tried, so its flag says "(dropped, not run)".
"""

from __future__ import annotations

import ast
from typing import Iterable

PATCHABLE = {"numpy": "numpy", "math": "math", "builtins": "builtins", "autograder": "the kit",
             "solutions": "the kit", "scipy": "scipy"}
KIT = ("autograder", "solutions")
READERS = {"open", "__import__"}
READER_ATTRS = {"read_text", "read_bytes", "open", "loadtxt", "genfromtxt", "fromfile", "load",
                "listdir", "scandir", "walk", "glob", "iglob", "iterdir", "import_module"}
READER_MODULES = {"os", "io", "pathlib", "numpy", "glob", "importlib", "shutil"}
MAX_FLAGS = 8


def scan(chunks: Iterable, dropped: Iterable = ()) -> tuple[str, ...]:
    """The integrity flags of a submission's kept code (and dropped snippets), each a short
    phrase, sorted, unique."""
    flags: set[str] = set()
    imports = []
    for chunk in chunks:
        try:
            tree = ast.parse(chunk.code)
            flags.update(_scan_tree(tree))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            flags.add(f"{chunk.label} could not be scanned")
            continue
        imports += [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    known: dict[str, str] = {}  # the kept code's imports, read once for every snippet
    _imported(imports, known, set())
    for statement in dropped:
        if statement.kind in ("magic", "syntax error"):
            continue
        try:
            tree = ast.parse(statement.snippet)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        flags.update(f"{flag} (dropped, not run)" for flag in _scan_tree(tree, known)
                     if not flag.startswith("imports the kit"))
    return tuple(sorted(flags))[:MAX_FLAGS]


def _root_module(node: ast.AST, modules: dict[str, str]) -> str | None:
    """The top-level module an expression like ``np.linalg.norm`` starts from, if known."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    if isinstance(node, ast.Name):
        return modules.get(node.id)
    return None


def _scan_tree(tree: ast.AST, known: dict[str, str] | None = None) -> set[str]:
    """The flags of one tree; ``known`` maps names imported before it to their modules."""
    modules = dict(known or {})  # local name -> top-level module
    nodes = list(ast.walk(tree))
    flags: set[str] = set()
    _imported(nodes, modules, flags)  # imports first: a later use may come earlier in walk
    for node in nodes:
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                flags.update(_patched(target, modules))
        elif isinstance(node, ast.Call):
            flags.update(_call_flags(node, modules))
        elif isinstance(node, ast.Name) and node.id == "__builtins__":
            flags.add("patches builtins (__builtins__)")
    return flags


def _imported(nodes: Iterable[ast.AST], modules: dict[str, str], flags: set[str]) -> None:
    """Record in ``modules`` what the import statements among ``nodes`` bind; flag kit imports."""
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                modules[(alias.asname or alias.name).split(".")[0]] = top
                if top in KIT:
                    flags.add(f"imports the kit ({alias.name})")
        elif isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.split(".")[0]
            if top in KIT and not node.level:
                flags.add(f"imports the kit ({node.module})")
            for alias in node.names:
                if top == "os" or top == "importlib" or top == "glob":
                    modules[alias.asname or alias.name] = top


def _patched(target: ast.AST, modules: dict[str, str]) -> set[str]:
    if isinstance(target, (ast.Tuple, ast.List)):
        return set().union(*(_patched(t, modules) for t in target.elts)) if target.elts else set()
    if isinstance(target, ast.Attribute):
        root = _root_module(target, modules)
        if root in PATCHABLE:
            return {f"patches {PATCHABLE[root]} ({_dotted(target)} = ...)"}
        if root == "sys":
            return {f"patches the interpreter ({_dotted(target)} = ...)"}
    if isinstance(target, ast.Subscript) and _dotted(target.value) == "sys.modules":
        return {"patches the interpreter (sys.modules[...] = ...)"}
    return set()


def _call_flags(call: ast.Call, modules: dict[str, str]) -> set[str]:
    func = call.func
    if isinstance(func, ast.Name):
        if func.id in ("setattr", "delattr") and call.args:
            root = _root_module(call.args[0], modules)
            if root in PATCHABLE:
                return {f"patches {PATCHABLE[root]} ({func.id} on {_dotted(call.args[0])})"}
        if func.id in READERS:
            return {f"reads files ({func.id}(...))"}
        if modules.get(func.id) in ("os", "glob", "importlib"):
            return {f"reads files ({func.id}(...))"}
        return set()
    if isinstance(func, ast.Attribute) and func.attr in READER_ATTRS:
        root = _root_module(func, modules)
        if root in READER_MODULES or func.attr in ("read_text", "read_bytes"):
            return {f"reads files ({_dotted(func)}(...))"}
        if func.attr == "open" and root is None and _is_path_call(func.value):
            return {f"reads files ({_dotted(func)}(...))"}
    return set()


def _is_path_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _dotted(node.func).split(".")[-1] in ("Path", "PurePath")


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        parts.append(_dotted(node.func) + "()")
    else:
        parts.append("...")
    return ".".join(reversed(parts))[:60]
