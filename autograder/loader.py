"""Read a submission (.py, .ipynb, or a folder of them) into code the sandbox can run.

A notebook is full of work that must not run at grading time: plots, prints, loops over
experiments, a million random draws. The loader keeps only what defines the student's
functions and drops the rest, saying what it dropped:

- kept: ``import`` / ``from ... import``, ``def`` / ``async def`` (with decorators), ``class``,
  assignments whose value is a constant expression (``EPS = 1e-12``, ``LOG2 = np.log(2)``),
  and ``try`` / ``if`` blocks made only of kept statements
  (``try: import scipy`` / ``except ImportError: scipy = None``);
- dropped: everything else, listed in :attr:`Submission.dropped` with a one-line snippet.

A constant expression is built from literals, names already bound by kept code (or builtins),
attribute access, operators, containers, lambdas, and calls to ``math`` / ``numpy`` functions or
to a few builtins (``float("inf")``) whose arguments are constant expressions themselves.
Requiring names to be bound by *kept* code means ``q = p / 2`` is dropped when ``p = load()``
was, instead of failing at load time with a ``NameError``.

Each notebook code cell is parsed on its own, so a syntax error costs that cell only. IPython
syntax (``%magic``, ``%%cell_magic``, ``!shell``, ``obj?``) is neutralised before parsing and
reported as dropped ``"magic"``. A chunk's code keeps the student's line numbers (dropped lines
become blank), so a traceback in the sandbox points at the real line of the real cell.

Notebooks are read with :mod:`json` directly: ``import nbformat`` costs over a second here.
Files are read by :mod:`autograder.intake` (regular files only, sizes capped before reading,
the code's bytes and tokens capped before parsing, a large submission parsed in a limited
helper process). Every step here is linear in the
input: a ``try`` / ``if`` trial scope is a layer over its parent, not a copy; a line of many
statements is encoded once; constant expressions are walked without recursion and count as
constant only up to :data:`MAX_EXPRESSION_DEPTH` levels.
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import os
import re
import stat
from collections import ChainMap
from dataclasses import dataclass
from pathlib import Path

from . import intake

MAX_EXPRESSION_DEPTH = 100  # a kept constant expression nests at most this deep
SNIPPET_CHARS = 60
NOTE_EXAMPLES = 5  # dropped statements named in the note before "and N more"

_NUMERIC_MODULES = frozenset({"math", "numpy"})
_SAFE_BUILTIN_CALLS = frozenset(
    {"float", "int", "complex", "bool", "str", "abs", "min", "max", "round",
     "tuple", "list", "dict", "set", "frozenset", "range", "len"}
)
_BUILTIN_NAMES = frozenset(dir(builtins))
_CELL_LABEL = re.compile(r"(?:^|\s)(?:cell \d+|In \[\d+\])$")


@dataclass(frozen=True)
class Chunk:
    """Code kept from one notebook cell or one .py file, ready to compile.

    ``code`` has the student's line numbering (dropped lines are blank); compile it with
    ``filename=label`` and tracebacks read ``"cell 4", line 7``.
    """

    label: str  # "cell 4" (1-based among all cells), or the .py file's name
    code: str
    first_line: int  # line of the first kept statement


@dataclass(frozen=True)
class Dropped:
    """A top-level statement that will not run at grading time."""

    label: str
    line: int
    kind: str  # "call", "expression", "loop", "assignment", "magic", "syntax error", ...
    snippet: str  # one line, at most SNIPPET_CHARS characters


@dataclass(frozen=True)
class Submission:
    path: str
    kind: str  # "py" | "ipynb" (a folder holding any notebook counts as "ipynb")
    chunks: tuple[Chunk, ...]
    dropped: tuple[Dropped, ...]
    defined: tuple[str, ...]  # top-level function names kept, first definition order
    notes: tuple[str, ...]  # sentences for the student
    imports: tuple[str, ...] = ()  # modules imported at top level ("matplotlib.pyplot", and
    # "scipy.stats" for "from scipy import stats": every from-imported name), sorted


from .intake import SubmissionError  # noqa: F401 - part of this module's interface


# --------------------------------------------------------------------------------------------
# Reading files


def load_submission(path: str | Path) -> Submission:
    """Read a .py file, an .ipynb notebook, or a folder of them (notebooks first, by name).

    Every step is linear in the input, and no source is parsed before the whole submission's
    code is counted against :data:`MAX_CODE_BYTES` and :data:`MAX_TOKENS` (what parsing
    costs grows with the tokens: at the cap, about 60 MB and half a second). A submission of at
    most :data:`INLINE_BYTES` (every self-check of a normal notebook) is read in this process:
    parsing that little is bounded by its size. A larger one is read in a forked helper
    process under :data:`PARSE_MEMORY`, :data:`PARSE_CPU` and :data:`PARSE_WALL`, and its
    result comes back as plain data: a submission built to exhaust the parser costs the
    grader a clean :class:`SubmissionError`, not its memory or its time.
    """
    path = str(path)
    files, _ = intake.submission_files(path, intake.clean(path))
    size = sum(os.lstat(f).st_size for f in files)
    if size <= intake.INLINE_BYTES or not hasattr(os, "fork"):
        with intake.deep_parsing():
            data = _load_as_data(path, as_object=True)
    else:
        data = intake.in_helper(_load_as_data, path)
    return data["object"] if "object" in data else _from_data(data)


def _load(path: str) -> Submission:
    shown = intake.clean(path)
    files, skipped = intake.submission_files(path, shown)
    multi = stat.S_ISDIR(os.lstat(path).st_mode)
    builder = _Builder(multi_file=multi)
    builder.notes += skipped
    budget, code_budget = intake.MAX_BYTES, intake.CodeBudget()
    for file in files:
        name = intake.clean(os.path.basename(file))
        where = intake.clean(file) if multi else shown
        text = intake.read_text(file, where, budget)
        budget -= len(text.encode("utf-8"))
        blank = not text.strip()
        if file.endswith(".ipynb"):
            cells = [(i, intake.clean(source)) for i, source in intake.notebook_cells(text, where)]
            text = None
            for _, source in cells:  # every cell is charged before any is parsed
                code_budget.charge(source, where)
            prefix = f"{name} " if multi else ""
            for index, source in cells:
                builder.add_source(source, f"{prefix}cell {index}", cell=True)
        else:
            code_budget.charge(text, where)
            builder.add_source(text, name, cell=False)
        if blank:
            builder.notes.append(f"{name} is empty.")
    kind = "ipynb" if any(f.endswith(".ipynb") for f in files) else "py"
    return builder.finish(shown, kind)


def load_cells(cells: list[tuple[str, str]], path: str) -> Submission:
    """Code cells given as ``(label, source)`` pairs (a kernel's history: ``("In [7]", ...)``),
    each parsed on its own exactly as a notebook's cells are, under the same code budget."""
    builder = _Builder(multi_file=False)
    budget = intake.CodeBudget()
    cells = [(label, intake.clean(source)) for label, source in cells]
    for _, source in cells:
        budget.charge(source, path)
    with intake.deep_parsing():
        for label, source in cells:
            builder.add_source(source, label, cell=True)
        return builder.finish(path, "ipynb")


def _load_as_data(path: str, *, as_object: bool = False) -> dict:
    """The submission (as plain data for the helper's pipe), or the sentence saying why not."""
    try:
        submission = _load(path)
    except SubmissionError as e:
        return {"error": str(e)}
    except (MemoryError, RecursionError):
        return {"error": f"{intake.clean(path)} could not be read within the grader's limits: it is "
                         "far larger or more deeply nested than a submission needs to be."}
    except Exception as e:  # noqa: BLE001 - a bug of the reader: fail closed, say so
        return {"error": f"{intake.clean(path)} could not be read: the grader's reader failed "
                         f"({type(e).__name__})."}
    return {"object": submission} if as_object else {"submission": dataclasses.asdict(submission)}


def _from_data(data: dict) -> Submission:
    if "error" in data:
        raise SubmissionError(data["error"])
    d = data["submission"]
    return Submission(
        path=d["path"], kind=d["kind"],
        chunks=tuple(Chunk(**c) for c in d["chunks"]),
        dropped=tuple(Dropped(**x) for x in d["dropped"]),
        defined=tuple(d["defined"]), notes=tuple(d["notes"]), imports=tuple(d["imports"]),
    )




# --------------------------------------------------------------------------------------------
# Sorting statements


class _Scope:
    """Names bound by kept code so far, and which of them are numeric modules or functions.

    A trial scope (for a ``try`` or ``if`` block that may be dropped) is a layer over its parent
    (:class:`collections.ChainMap`), adopted by merging that layer: trying a block costs what
    the block binds, not what the whole file bound before it.
    """

    def __init__(self, bound: ChainMap | None = None, modules: ChainMap | None = None,
                 star_numeric: bool = False, star_any: bool = False):
        self.bound = ChainMap() if bound is None else bound  # name -> True
        self.modules = ChainMap() if modules is None else modules  # name -> "numpy" | "math" | ...
        self.star_numeric = star_numeric  # "from numpy import *" seen
        self.star_any = star_any  # any "import *" seen: unknown names may be bound

    def bind(self, names) -> None:
        for name in names:
            self.bound[name] = True

    def copy(self) -> _Scope:
        return _Scope(self.bound.new_child(), self.modules.new_child(), self.star_numeric,
                      self.star_any)


class _Builder:
    def __init__(self, multi_file: bool):
        self.multi_file = multi_file
        self.scope = _Scope()
        self.chunks: list[Chunk] = []
        self.dropped: list[Dropped] = []
        self.defs: dict[str, list[str]] = {}  # name -> places it is defined
        self.notes: list[str] = []
        self.syntax_notes: list[str] = []
        self.imports: set[str] = set()

    def place(self, label: str, line: int, cell: bool) -> str:
        if cell:
            return label
        return f"{label} line {line}" if self.multi_file else f"line {line}"

    def add_source(self, source: str, label: str, *, cell: bool) -> None:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
        lines = source.split("\n")
        tree = _parse(source)
        if isinstance(tree, SyntaxError):
            neutral, magics, whole = _neutralise_ipython(lines)
            for line_no, text in magics:
                self.dropped.append(Dropped(label, line_no, "magic", _snip(text)))
            if whole:
                return
            lines = neutral
            tree = _parse("\n".join(lines))
            if isinstance(tree, SyntaxError):
                self._syntax_error(tree, label, lines, cell)
                return

        kept: list[ast.stmt] = []
        for stmt in tree.body:
            kind = _classify(stmt, self.scope)
            if kind is None:
                kept.append(stmt)
            elif kind != "":
                snippet = _snip(_stmt_text(stmt, lines))
                self.dropped.append(Dropped(label, stmt.lineno, kind, snippet))
        if not kept:
            return
        code = _kept_code(kept, lines)
        try:
            compile(code, label, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as e:  # e.g. "nonlocal" at a def's top level
            self._syntax_error(e, label, lines, cell)
            return
        except (RecursionError, MemoryError):  # a function body nested beyond the compiler
            self._syntax_error(SyntaxError("too deeply nested to compile"), label, lines, cell)
            return
        for stmt in kept:
            for name in _defined_names(stmt):
                self.defs.setdefault(name, []).append(self.place(label, stmt.lineno, cell))
            if isinstance(stmt, ast.Import):
                self.imports.update(alias.name for alias in stmt.names)
            elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                self.imports.add(stmt.module)  # and what may be a submodule: scipy.stats
                self.imports.update(f"{stmt.module}.{a.name}" for a in stmt.names
                                    if a.name != "*")
        self.chunks.append(Chunk(label, code, _first_line(kept[0])))

    def _syntax_error(self, err: Exception, label: str, lines: list[str], cell: bool) -> None:
        line = getattr(err, "lineno", None) or 1
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        self.dropped.append(Dropped(label, line, "syntax error", _snip(text)))
        what = label if cell else (label if self.multi_file else "the file")
        msg = getattr(err, "msg", None) or str(err)
        self.syntax_notes.append(
            f"{label} has a syntax error on line {line} ({msg}), so nothing in {what} was graded."
        )

    def finish(self, path: str, kind: str) -> Submission:
        notes = list(self.notes) + self.syntax_notes
        statements = [d for d in self.dropped if d.kind not in ("magic", "syntax error")]
        magics = [d for d in self.dropped if d.kind == "magic"]
        if statements:
            notes.append(
                f"Dropped {_count(len(statements), 'top-level statement')} "
                f"(plots, prints, exploration): {self._examples(statements)}."
            )
        if magics:
            notes.append(
                f"Ignored {_count(len(magics), 'IPython-only line')} "
                "(magics, shell commands, help): "
                f"{self._examples(magics)}."
            )
        for name, places in self.defs.items():
            if len(places) > 1:
                times = "twice" if len(places) == 2 else f"{len(places)} times"
                head = places[:-1]
                if len(head) >= NOTE_EXAMPLES:
                    head = head[: NOTE_EXAMPLES - 1] + ["..."]
                where = ", ".join(head) + " and " + places[-1]
                notes.append(f"{name} is defined {times} ({where}); the last definition is graded.")
        return Submission(
            path=path,
            kind=kind,
            chunks=tuple(self.chunks),
            dropped=tuple(self.dropped),
            defined=tuple(self.defs),
            notes=tuple(notes),
            imports=tuple(sorted(self.imports)),
        )

    def _examples(self, items: list[Dropped]) -> str:
        shown = []
        for d in items[:NOTE_EXAMPLES]:
            if _CELL_LABEL.search(d.label):
                where = f"{d.label} line {d.line}"
            else:
                where = self.place(d.label, d.line, False)
            shown.append(f"{where} `{d.snippet}`")
        rest = len(items) - len(shown)
        return ", ".join(shown) + (f", and {rest} more" if rest else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _parse(source: str) -> ast.Module | SyntaxError:
    try:
        return ast.parse(source)
    except SyntaxError as e:
        return e
    except ValueError as e:  # null bytes
        err = SyntaxError(str(e) or type(e).__name__)
        err.lineno = 1
        return err
    except MemoryError:
        err = SyntaxError("it is too large for the grader to parse")
        err.lineno = 1
        return err
    except RecursionError:
        err = SyntaxError("it nests deeper than the grader reads")
        err.lineno = 1
        return err


_MAGIC_LINE = re.compile(r"^\s*(?:[%!]|[\w.,\s]+=\s*[%!]\S)")
_HELP_LINE = re.compile(r"^\s*(?:\?\??[\w.]+|[\w.]+\?\??)\s*$")


def _neutralise_ipython(lines: list[str]) -> tuple[list[str], list[tuple[int, str]], bool]:
    """Blank out IPython-only lines. Returns (lines, [(line, text) dropped], whole cell magic?)."""
    first = next((i for i, text in enumerate(lines) if text.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        return lines, [(first + 1, lines[first])], True
    out, magics = [], []
    for number, text in enumerate(lines, start=1):
        if _MAGIC_LINE.match(text) or _HELP_LINE.match(text):
            magics.append((number, text))
            indent = text[: len(text) - len(text.lstrip())]
            out.append(indent + "pass" if indent else "")  # keep an indented block non-empty
        else:
            out.append(text)
    return out, magics, False


def _classify(stmt: ast.stmt, scope: _Scope) -> str | None:
    """None if ``stmt`` is kept (and ``scope`` updated), "" if skipped silently, else a kind."""
    if _is_grade_cell_import(stmt):
        return ""  # the kit's own test cell, not the student's code: the sandbox refuses the kit
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        _bind_import(stmt, scope)
        return None
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        scope.bind([stmt.name])
        return None
    if isinstance(stmt, ast.Pass) or (
        isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
    ):
        return ""  # docstrings, "...", pass: harmless, kept out of the way
    if isinstance(stmt, ast.Assign):
        if all(_simple_target(t) for t in stmt.targets) and _constant(stmt.value, scope):
            for t in stmt.targets:
                scope.bind(_target_names(t))
            return None
        return "assignment"
    if isinstance(stmt, ast.AnnAssign):
        if isinstance(stmt.target, ast.Name) and _constant(stmt.value, scope):
            if stmt.value is not None:
                scope.bind([stmt.target.id])
            return None
        return "assignment"
    if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
        trial = scope.copy()
        ok = _block_kept(stmt.body, trial)
        for handler in stmt.handlers:
            if handler.type is not None and not _constant(handler.type, trial):
                ok = False
            if handler.name:
                trial.bind([handler.name])
            ok = ok and _block_kept(handler.body, trial)
        ok = ok and _block_kept(stmt.orelse, trial) and _block_kept(stmt.finalbody, trial)
        if ok:
            _adopt(scope, trial)
            return None
        return "try block"
    if isinstance(stmt, ast.If):
        if any(isinstance(n, ast.Name) and n.id == "__name__" for n in ast.walk(stmt.test)):
            return "main block"
        trial = scope.copy()
        parts_kept = _block_kept(stmt.body, trial) and _block_kept(stmt.orelse, trial)
        if _constant(stmt.test, trial) and parts_kept:
            _adopt(scope, trial)
            return None
        return "if block"
    if isinstance(stmt, ast.Expr):
        return "call" if isinstance(stmt.value, (ast.Call, ast.Await)) else "expression"
    if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
        return "loop"
    if isinstance(stmt, ast.AugAssign):
        return "assignment"
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return "with block"
    return type(stmt).__name__.lower()  # del, assert, raise, global, match, return, ...


def _is_grade_cell_import(stmt: ast.stmt) -> bool:
    """``from autograder.notebook import grade`` (or ``import autograder.notebook``): what every
    test cell of the kit's notebooks starts with."""
    if isinstance(stmt, ast.ImportFrom):
        return stmt.level == 0 and stmt.module == "autograder.notebook"
    return isinstance(stmt, ast.Import) and all(a.name == "autograder.notebook"
                                                for a in stmt.names)


def _block_kept(body: list[ast.stmt], scope: _Scope) -> bool:
    return all(_classify(s, scope) in (None, "") for s in body)


def _adopt(scope: _Scope, trial: _Scope) -> None:
    scope.bound.maps[0].update(trial.bound.maps[0])
    scope.modules.maps[0].update(trial.modules.maps[0])
    scope.star_numeric, scope.star_any = trial.star_numeric, trial.star_any


def _bind_import(stmt: ast.Import | ast.ImportFrom, scope: _Scope) -> None:
    if isinstance(stmt, ast.Import):
        for alias in stmt.names:
            top = alias.name.split(".")[0]
            local = alias.asname or top
            scope.bind([local])
            scope.modules[local] = top
        return
    top = (stmt.module or "").split(".")[0] if stmt.level == 0 else ""
    for alias in stmt.names:
        if alias.name == "*":
            scope.star_any = True
            scope.star_numeric |= top in _NUMERIC_MODULES
            continue
        local = alias.asname or alias.name
        scope.bind([local])
        scope.modules[local] = top  # a function (or submodule) from that package


def _simple_target(t: ast.expr) -> bool:
    if isinstance(t, ast.Name):
        return True
    if isinstance(t, (ast.Tuple, ast.List)):
        return all(_simple_target(e.value if isinstance(e, ast.Starred) else e) for e in t.elts)
    return False  # attributes and subscripts: monkeypatching or mutation


def _target_names(t: ast.expr) -> list[str]:
    """Names a simple target binds (``a``, ``a, *b``, ``[a, (b, c)]``), without a full
    :func:`ast.walk` per assignment."""
    names, stack = [], [t]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            names.append(node.id)
        elif isinstance(node, ast.Starred):
            stack.append(node.value)
        elif isinstance(node, (ast.Tuple, ast.List)):
            stack.extend(reversed(node.elts))
    return names


def _constant(node: ast.AST | None, scope: _Scope) -> bool:
    """Is ``node`` an expression that is cheap and safe to evaluate at load time?

    Walked with an explicit stack (an expression of a million terms costs no recursion), and
    nothing nested deeper than :data:`MAX_EXPRESSION_DEPTH` counts as constant.
    """
    stack = [(node, 0)]
    while stack:
        node, depth = stack.pop()
        if node is None or isinstance(node, ast.Constant):
            continue
        if depth > MAX_EXPRESSION_DEPTH:
            return False
        parts = _constant_parts(node, scope)
        if parts is None:
            return False
        stack.extend((part, depth + 1) for part in parts)
    return True


def _constant_parts(node: ast.AST, scope: _Scope) -> list | None:
    """The sub-expressions that must be constant for ``node`` to be, or None if it cannot be."""
    if isinstance(node, ast.Name):
        ok = node.id in scope.bound or node.id in _BUILTIN_NAMES or scope.star_any
        return [] if ok else None
    if isinstance(node, (ast.Attribute, ast.Starred)):
        return [node.value]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.BoolOp):
        return node.values
    if isinstance(node, ast.Compare):
        return [node.left, *node.comparators]
    if isinstance(node, ast.IfExp):
        return [node.test, node.body, node.orelse]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return node.elts
    if isinstance(node, ast.Dict):
        return node.keys + node.values
    if isinstance(node, ast.Subscript):
        return [node.value, node.slice]
    if isinstance(node, ast.Slice):
        return [node.lower, node.upper, node.step]
    if isinstance(node, ast.JoinedStr):
        return node.values
    if isinstance(node, ast.FormattedValue):
        return [node.value, node.format_spec]
    if isinstance(node, ast.Lambda):  # defines a function; only its defaults run now
        return node.args.defaults + node.args.kw_defaults
    if isinstance(node, ast.Call):
        if not _numeric_callee(node.func, scope):
            return None
        return [*node.args, *(k.value for k in node.keywords)]
    return None


def _numeric_callee(func: ast.expr, scope: _Scope) -> bool:
    """``math.*``, ``np.*`` / ``numpy.*`` (any depth), names imported from them, a few builtins."""
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name):
        return False
    name = root.id
    if name in scope.modules:
        return scope.modules[name] in _NUMERIC_MODULES
    if isinstance(func, ast.Name) and name in _SAFE_BUILTIN_CALLS and name not in scope.bound:
        return True
    return scope.star_numeric and name not in scope.bound


def _defined_names(stmt: ast.stmt) -> list[str]:
    """Function names a kept top-level statement defines (defs, lambdas, and inside try/if)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return [stmt.name]
    if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Lambda):
        return [t.id for t in stmt.targets if isinstance(t, ast.Name)]
    if not isinstance(stmt, (ast.Try, ast.If)):
        return []
    inner = stmt.body + stmt.orelse + getattr(stmt, "finalbody", [])
    for handler in getattr(stmt, "handlers", []):
        inner += handler.body
    return [name for s in inner for name in _defined_names(s)]


# --------------------------------------------------------------------------------------------
# Source text


def _first_line(stmt: ast.stmt) -> int:
    decorators = getattr(stmt, "decorator_list", None) or []
    return min([stmt.lineno] + [d.lineno for d in decorators])


def _cut(line: str, start: int | None, end: int | None) -> str:
    """Slice a line by UTF-8 byte offsets (what ``col_offset`` counts).

    A line of ASCII is sliced as it is; any other line is encoded once and remembered, so a
    line of many statements costs its length once, not once per statement.
    """
    if line.isascii():
        return line[start:end]
    if _ENCODED[0] is not line:
        _ENCODED[:] = [line, line.encode("utf-8", "surrogatepass")]
    return _ENCODED[1][start:end].decode("utf-8", errors="replace")


_ENCODED: list = [None, b""]  # the last non-ASCII line _cut encoded, and its bytes


def _kept_code(kept: list[ast.stmt], lines: list[str]) -> str:
    pieces: list[list[str]] = [[] for _ in lines]
    for stmt in kept:
        first, last = _first_line(stmt), stmt.end_lineno or stmt.lineno
        if not isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign)):
            for n in range(first, last + 1):  # compound statements own their lines
                pieces[n - 1].append(lines[n - 1])
            continue
        if first == last:
            pieces[first - 1].append(_cut(lines[first - 1], stmt.col_offset, stmt.end_col_offset))
            continue
        pieces[first - 1].append(_cut(lines[first - 1], stmt.col_offset, None))
        for n in range(first + 1, last):
            pieces[n - 1].append(lines[n - 1])
        pieces[last - 1].append(_cut(lines[last - 1], None, stmt.end_col_offset))
    return "\n".join("; ".join(p) for p in pieces) + "\n"


def _stmt_text(stmt: ast.stmt, lines: list[str]) -> str:
    first, last = _first_line(stmt), stmt.end_lineno or stmt.lineno
    text = lines[first - 1]
    if first == stmt.lineno:
        text = _cut(text, stmt.col_offset, stmt.end_col_offset if last == first else None)
    return text.rstrip() + " ..." if last > first else text


def _snip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 3] + "..."
